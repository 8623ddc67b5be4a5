"""Keys to ua-parser's browser rules: the text each rule needs, bundled as ``ua_rule_keys.json``.

ua-parser answers the browser with the first of its ~430 rules that matches, and its
Rust matcher compiles every rule before it answers anything: ~40 ms, most of what a
one-off ``jreject check`` of an old browser costs on top of reading its shape. Almost
every rule contains text that any match must include (``MSIE``, ``Presto`` or
``Opera``, ``chromium`` or ``chrome``): a rule whose key text the User-Agent lacks
cannot match it, so leaving it out changes no answer, and the first of the rules
left that matches is still ua-parser's. Working the keys out takes ~20 ms of regex
scanning, so ``scripts/generate_ua_rule_keys.py`` does it once per release of
ua-parser-builtins (Apache-2.0) and records, beside the keys, that package's version
and a digest of the rules they were made from. :func:`keys_for` hands the keys out
only for those very rules; for any other set (a newer ua-parser-builtins), every rule
is compiled, as without this file.

The file holds no regex of ua-parser's, only the lower-cased texts the scanner found
(:func:`jreject.data.regex_syntax.required_literals`); ``null`` marks a rule with
none, which is always compiled. Generated, never edited by hand.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
from collections.abc import Sequence
from importlib import resources
from typing import Any

from jreject.data.regex_syntax import required_literals

__all__ = [
    "RULE_KEYS_FILE",
    "RuleKey",
    "convert_rule_keys",
    "keys_for",
    "load_rule_keys",
    "rule_key",
    "rule_keys",
    "rules_digest",
    "serialize_rule_keys",
]

RULE_KEYS_FILE = "ua_rule_keys.json"
PACKAGE = "ua-parser-builtins"
FORMAT = 1

#: Texts, lower-cased, one of which a User-Agent must contain for the rule to match;
#: ``None``: the rule may match anything (always compiled).
RuleKey = tuple[str, ...] | None

# Syntax the scanner does not model, where text it reads as literal may not be:
# Unicode classes, nested classes, quoting, braced escapes. A rule using any of it
# gets no key (ua-parser's rules use none today).
_UNMODELLED = ("\\p", "\\P", "[[", "\\Q", "\\x{", "\\u{", "(?<")

_logger = logging.getLogger("jreject")


def rule_key(regex: str) -> RuleKey:
    """The texts one of which every match of ``regex`` contains (``None``: no such texts)."""
    if any(syntax in regex for syntax in _UNMODELLED):
        return None
    return required_literals(regex)


def rule_keys(regexes: Sequence[str]) -> list[RuleKey]:
    """:func:`rule_key` of each rule, in the rules' order."""
    return [rule_key(regex) for regex in regexes]


def rules_digest(regexes: Sequence[str]) -> str:
    """SHA-256 of the rules' regexes in order: which rule set a table of keys belongs to."""
    digest = hashlib.sha256()
    for regex in regexes:
        digest.update(regex.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def convert_rule_keys(regexes: Sequence[str], version: str, license_name: str) -> dict[str, Any]:
    """The content of ``ua_rule_keys.json`` for ua-parser-builtins ``version``'s browser rules."""
    return {
        "format": FORMAT,
        "generator": "scripts/generate_ua_rule_keys.py (jreject.data.ua_rules); do not edit",
        "source": {"name": PACKAGE, "version": version, "license": license_name},
        "rules": len(regexes),
        "digest": rules_digest(regexes),
        "keys": [list(key) if key is not None else None for key in rule_keys(regexes)],
    }


def serialize_rule_keys(data: dict[str, Any]) -> bytes:
    """``ua_rule_keys.json`` bytes: one rule's key a line, so a new release reads as a diff."""
    head = {name: value for name, value in data.items() if name != "keys"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "keys": [']
    lines.append(",\n".join(json.dumps(key, ensure_ascii=False) for key in data["keys"]))
    lines.append("]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


@functools.cache
def load_rule_keys() -> dict[str, Any] | None:
    """The bundled table, or ``None`` when it is missing or damaged (logged)."""
    try:
        raw = resources.files(__package__ or "jreject.data").joinpath(RULE_KEYS_FILE).read_bytes()
        data = _check(json.loads(raw))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        # The keys only save start-up time: without them every rule is compiled.
        _logger.warning("jreject ignores %s, which cannot be used (%s)", RULE_KEYS_FILE, exc)
        return None
    return data


def _check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"not a format-{FORMAT} {RULE_KEYS_FILE}")
    keys = data["keys"]
    if not isinstance(keys, list) or len(keys) != data["rules"]:
        raise ValueError("the number of keys is not the number of rules")
    for key in keys:
        # An empty key would skip its rule for every User-Agent.
        if key is not None and not (
            isinstance(key, list) and key and all(isinstance(text, str) and text for text in key)
        ):
            raise ValueError(f"not a key: {key!r}")
    return data


def keys_for(regexes: Sequence[str]) -> list[RuleKey] | None:
    """The bundled keys of exactly these rules, in order, or ``None`` if they are others.

    The digest, not the version, decides: the keys hold for these regexes whatever
    package they came from, and for no others.
    """
    data = load_rule_keys()
    if data is None or data["rules"] != len(regexes) or data["digest"] != rules_digest(regexes):
        return None
    return [tuple(key) if key is not None else None for key in data["keys"]]
