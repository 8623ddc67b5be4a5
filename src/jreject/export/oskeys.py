"""The policy's OS keys (``reject = { windows = true }``) the export's rules leave out.

The rules read an OS from a token of the User-Agent, for the browser families they
know (:data:`~jreject.export.families.PLATFORMS`). What a key asks beyond that is
said in the export's header and on stderr, one sentence a key.
"""

from __future__ import annotations

from jreject.export.families import PLATFORMS
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


def unexpressed_keys(policy: Policy) -> list[str]:
    """A sentence for each OS key of ``policy`` the rules express only in part, or not at all."""
    readable = {platform.os for platform in PLATFORMS}
    sentences = []
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
