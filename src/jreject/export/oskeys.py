"""The policy keys the export's rules leave out: OS keys (``reject = { windows = true }``)
and allow lists (``allow_only``).

The rules read an OS from a token of the User-Agent, for the browser families they
know (:data:`~jreject.export.families.PLATFORMS`). What a key asks beyond that is
said in the export's header and on stderr, one sentence a key.
"""

from __future__ import annotations

from jreject.export.families import FAMILIES, PLATFORMS
from jreject.policy.allow import AllowOnly
from jreject.policy.base import FirstMatch, Policy
from jreject.policy.rules import PLATFORM_KEYS, RejectRules

__all__ = ["os_keys", "unexpressed_keys"]

_UNKNOWN = "unknown"


def os_keys(policy: Policy) -> dict[str, frozenset[str]]:
    """Each rejecting OS key of ``policy`` and its tiers → the OS ids it names.

    ``unknown`` names the OS id ``unknown`` (it also names unknown browsers). Only
    :class:`RejectRules` reads the OS; other kinds name none.
    """
    if isinstance(policy, FirstMatch):
        found: dict[str, frozenset[str]] = {}
        for tier in policy.policies:
            found.update(os_keys(tier))
        return found
    if not isinstance(policy, RejectRules):
        return {}
    from jreject.policy._names import known_oses

    found = {}
    for key, value in policy.rules.items():
        name = str(key).strip().lower()
        if value is not True:
            continue  # false only documents
        if name == _UNKNOWN:
            found[str(key)] = frozenset({_UNKNOWN})
        elif name in PLATFORM_KEYS or name in known_oses():
            found[str(key)] = PLATFORM_KEYS.get(name, frozenset({name}))
    return found


def _allow_lists(policy: Policy) -> list[AllowOnly]:
    if isinstance(policy, FirstMatch):
        return [found for tier in policy.policies for found in _allow_lists(tier)]
    return [policy] if isinstance(policy, AllowOnly) and policy.action != "log" else []


def unexpressed_keys(policy: Policy) -> list[str]:
    """A sentence for each key of ``policy`` the rules express only in part, or not at all."""
    readable = {platform.os for platform in PLATFORMS}
    sentences = []
    if _allow_lists(policy):
        # The edge cannot say "anything else": no rule matching is ok.
        families = ", ".join(family.name for family in FAMILIES)
        sentences.append(
            "allow_only: Python rejects every browser outside the list; the edge rejects "
            f"those of its families ({families}) and allows the others (in-app browsers, "
            "WebViews, browsers it judges by their Chrome/ version, unknown ones)."
        )
    for key, oses in os_keys(policy).items():
        if key.strip().lower() == _UNKNOWN:
            sentences.append(
                f"reject key {key}: browsers and systems Python cannot name are rejected "
                "there; the edge cannot tell them and allows them."
            )
        elif oses <= readable:
            systems = ", ".join(sorted(oses))
            sentences.append(
                f"reject key {key}: read from the User-Agent for the browser families of "
                f"the rules below only; other browsers on {systems} are ok at the edge, as "
                "are User-Agents without the OS token."
            )
        else:
            sentences.append(
                f"reject key {key}: the edge cannot tell {', '.join(sorted(oses - readable))} "
                "from the User-Agent; browsers there get the most lenient class of their family "
                "and version."
            )
    return sentences
