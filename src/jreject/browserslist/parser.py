"""Split a browserslist query into clauses and recognise each clause's kind.

Clauses are separated by ``,`` / ``or`` (union) and ``and`` (intersection); a clause may
start with ``not``. browserslist 4 has no parentheses: a clause with one is an unknown
query. Entries of a list (a config file's lines) are separate blocks unless one ends
with an operator, which continues it on the next entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from jreject.browserslist._js import WS, js_trim, js_typeof
from jreject.browserslist.errors import BrowserslistError

__all__ = ["QUERY_KINDS", "Clause", "parse"]

_S = f"[{WS}]"
_SPACES = frozenset(WS)
_LEADING = re.compile(f"{_S}*")
#: JavaScript's meaning of the escapes and metacharacters whose Python meaning differs.
#: Python's ASCII \S would also match a no-break space that [WS] matches, and
#: "\s+(\S+)\s+" would then try every split of a long run of them.
_ESCAPES = {"s": _S, "S": f"[^{WS}]"}
_OUTSIDE_CLASS = {".": "[^\n\r\u2028\u2029]", "$": r"\Z"}


def _translate(pattern: str) -> str:
    # JavaScript regexps: \s and \S split on Unicode whitespace, . stops at every line
    # terminator (Python's only at \n), $ is the end of input; \w and \d are ASCII in both.
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            escape = pattern[i : i + 2]
            out.append(escape if in_class else _ESCAPES.get(escape[1:], escape))
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        else:
            ch = _OUTSIDE_CLASS.get(ch, ch)
        out.append(ch)
        i += 1
    return "".join(out)


def _rx(pattern: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    flags = re.ASCII | (re.IGNORECASE if ignore_case else 0)
    return re.compile(_translate(pattern), flags)


_NUM = r"(\d+|\d+\.\d+|\.\d+)"

#: Kinds in the order browserslist tries them (the first match wins), with their
#: pattern and the names of its groups.
QUERY_KINDS: tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...] = (
    ("last_major_versions", _rx(r"^last\s+(\d+)\s+major\s+versions?$"), ("versions",)),
    ("last_versions", _rx(r"^last\s+(\d+)\s+versions?$"), ("versions",)),
    (
        "last_electron_major_versions",
        _rx(r"^last\s+(\d+)\s+electron\s+major\s+versions?$"),
        ("versions",),
    ),
    ("last_node_major_versions", _rx(r"^last\s+(\d+)\s+node\s+major\s+versions?$"), ("versions",)),
    (
        "last_browser_major_versions",
        _rx(r"^last\s+(\d+)\s+(\w+)\s+major\s+versions?$"),
        ("versions", "browser"),
    ),
    ("last_electron_versions", _rx(r"^last\s+(\d+)\s+electron\s+versions?$"), ("versions",)),
    ("last_node_versions", _rx(r"^last\s+(\d+)\s+node\s+versions?$"), ("versions",)),
    ("last_browser_versions", _rx(r"^last\s+(\d+)\s+(\w+)\s+versions?$"), ("versions", "browser")),
    ("unreleased_versions", _rx(r"^unreleased\s+versions$"), ()),
    ("unreleased_electron_versions", _rx(r"^unreleased\s+electron\s+versions?$"), ()),
    ("unreleased_browser_versions", _rx(r"^unreleased\s+(\w+)\s+versions?$"), ("browser",)),
    ("last_years", _rx(r"^last\s+((\d+\.)?\d+)\s+years?$"), ("years", "_")),
    ("since_y", _rx(r"^since\s+(\d+)$"), ("year",)),
    ("since_y_m", _rx(r"^since\s+(\d+)-(\d+)$"), ("year", "month")),
    ("since_y_m_d", _rx(r"^since\s+(\d+)-(\d+)-(\d+)$"), ("year", "month", "day")),
    (
        "baseline",
        _rx(
            r"^baseline\s+(?!\s)(?:(\d+)|(newly|widely)\s+(?!\s)available"
            r"(?:\s+(?!\s)on\s+(?!\s)(\d{4}-\d{2}-\d{2}))?)?"
            r"(\s+(?!\s)with\s+(?!\s)downstream)?(\s+(?!\s)including\s+(?!\s)kaios)?$"
        ),
        ("year", "availability", "date", "downstream", "kaios"),
    ),
    ("popularity", _rx(rf"^(>=?|<=?)\s*{_NUM}%$", ignore_case=False), ("sign", "popularity")),
    (
        "popularity_in_my_stats",
        _rx(rf"^(>=?|<=?)\s*{_NUM}%\s+in\s+my\s+stats$"),
        ("sign", "popularity"),
    ),
    (
        "popularity_in_config_stats",
        _rx(rf"^(>=?|<=?)\s*{_NUM}%\s+in\s+(\S+)\s+stats$"),
        ("sign", "popularity", "config"),
    ),
    (
        "popularity_in_place",
        _rx(rf"^(>=?|<=?)\s*{_NUM}%\s+in\s+((alt-)?\w\w)$"),
        ("sign", "popularity", "place"),
    ),
    ("cover", _rx(rf"^cover\s+{_NUM}%$"), ("coverage",)),
    ("cover_in", _rx(rf"^cover\s+{_NUM}%\s+in\s+(my\s+stats|(alt-)?\w\w)$"), ("coverage", "place")),
    ("cover_config", _rx(rf"^cover\s+{_NUM}%\s+in\s+(\S+)\s+stats$"), ("coverage", "config")),
    ("supports", _rx(r"^(?:(fully|partially)\s+)?supports\s+([\w-]+)$"), ("support", "feature")),
    ("electron_range", _rx(r"^electron\s+([\d.]+)\s*-\s*([\d.]+)$"), ("from", "to")),
    ("node_range", _rx(r"^node\s+([\d.]+)\s*-\s*([\d.]+)$"), ("from", "to")),
    ("browser_range", _rx(r"^(\w+)\s+([\d.]+)\s*-\s*([\d.]+)$"), ("browser", "from", "to")),
    ("electron_ray", _rx(r"^electron\s*(>=?|<=?)\s*([\d.]+)$"), ("sign", "version")),
    ("node_ray", _rx(r"^node\s*(>=?|<=?)\s*([\d.]+)$"), ("sign", "version")),
    ("browser_ray", _rx(r"^(\w+)\s*(>=?|<=?)\s*([\d.]+|esr)$"), ("browser", "sign", "version")),
    ("firefox_esr", _rx(r"^(firefox|ff|fx)\s+esr$"), ()),
    # Not anchored in browserslist either: any clause containing "op_mini all" matches.
    ("opera_mini_all", _rx(r"(operamini|op_mini)\s+all"), ()),
    ("electron_version", _rx(r"^electron\s+([\d.]+)$"), ("version",)),
    ("node_major_version", _rx(r"^node\s+(\d+)$"), ("version",)),
    ("node_minor_version", _rx(r"^node\s+(\d+\.\d+)$"), ("version",)),
    ("node_patch_version", _rx(r"^node\s+(\d+\.\d+\.\d+)$"), ("version",)),
    ("current_node", _rx(r"^current\s+node$"), ()),
    ("maintained_node", _rx(r"^maintained\s+node\s+versions$"), ()),
    ("phantomjs_1_9", _rx(r"^phantomjs\s+1.9$"), ()),
    ("phantomjs_2_1", _rx(r"^phantomjs\s+2.1$"), ()),
    ("browser_version", _rx(r"^(\w+)\s+(tp|[\d.]+)$"), ("browser", "version")),
    ("browserslist_config", _rx(r"^browserslist\s+config$"), ()),
    ("extends", _rx(r"^extends\s+(?!\s)(.+)$"), ("config",)),
    ("defaults", _rx(r"^defaults$"), ()),
    ("dead", _rx(r"^dead$"), ()),
    ("unknown", _rx(r"^(\w+)$"), ("name",)),
)
_NOT = _rx(r"^not\s+(?!\s)")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its kind, the captured values, ``not`` and how it joins the result.

    ``text`` is the clause as written (with ``not``); ``source`` the block it came from
    and ``span`` its offsets there, for error messages.
    """

    text: str
    kind: str
    values: dict[str, str | None] = field(default_factory=dict)
    negated: bool = False
    compose: Literal["or", "and"] = "or"
    source: str = ""
    span: tuple[int, int] = (0, 0)


def _match(text: str) -> tuple[str, dict[str, str | None], bool]:
    negated = False
    body = text
    not_match = _NOT.match(text)
    if not_match:
        negated = True
        body = text[not_match.end() :]
    for kind, pattern, names in QUERY_KINDS:
        found = pattern.search(body)
        if found:
            return kind, dict(zip(names, found.groups(), strict=False)), negated
    return "unknown", {}, negated


def _clause(block: str, start: int, end: int, compose: Literal["or", "and"]) -> Clause:
    raw = block[start:end]
    text = js_trim(raw)
    leading = _LEADING.match(raw)
    lead = leading.end() if leading and text else 0
    kind, values, negated = _match(text)
    first = start + lead
    return Clause(text, kind, values, negated, compose, block, (first, first + len(text)))


def _is_space(ch: str) -> bool:
    return ch in _SPACES


def _keyword_at(block: str, q: int, word: str) -> bool:
    n = len(word)
    return q + n < len(block) and block[q : q + n].lower() == word and _is_space(block[q + n])


def _parse_block(block: str, out: list[Clause]) -> None:
    if not block:
        return
    length = len(block)
    start = 0
    compose: Literal["or", "and"] = "or"
    i = 0
    while i < length:
        ch = block[i]
        if ch == ",":
            # A delimiter at the very start has no clause before it.
            if i:
                out.append(_clause(block, start, i, compose))
            i += 1
            while i < length and _is_space(block[i]):
                i += 1
            compose, start = "or", i
            continue
        if _is_space(ch):
            q = i
            while q < length and _is_space(block[q]):
                q += 1
            for word in ("and", "or"):
                if _keyword_at(block, q, word):
                    if i:
                        out.append(_clause(block, start, i, compose))
                    after = q + len(word)
                    while after < length and _is_space(block[after]):
                        after += 1
                    compose = "and" if word == "and" else "or"
                    i = start = after
                    break
            else:
                i = q
            continue
        i += 1
    out.append(_clause(block, start, length, compose))


def _ends_with_operator(block: str) -> bool:
    end = len(block)
    while end > 0 and _is_space(block[end - 1]):
        end -= 1
    if end and block[end - 1] == ",":
        return bool(js_trim(block[: end - 1]))
    tail = block[max(0, end - 3) : end].lower()
    size = 3 if tail == "and" else 2 if tail[-2:] == "or" else 0
    if size == 0 or end <= size or not _is_space(block[end - size - 1]):
        return False
    return bool(js_trim(block[: end - size]))


def _check_entry(entry: object, index: int) -> None:
    # browserslist itself fails on these with a TypeError of its own ("block.slice is not
    # a function"); this says the same in the words of its "must be an array or string".
    if isinstance(entry, str):
        return
    if entry is None:
        kind = "null"
    elif isinstance(entry, list | tuple):
        kind = "array"
    else:
        kind = js_typeof(entry)
    raise BrowserslistError(
        f"Browser queries must be an array of strings. Got {kind} at index {index}."
    )


def parse(queries: str | Sequence[str]) -> list[Clause]:
    """The clauses of a query string, or of a list of them (a config's lines)."""
    entries = [queries] if isinstance(queries, str) else list(queries)
    blocks: list[str] = []
    pending: list[str] = []
    for index, entry in enumerate(entries):
        _check_entry(entry, index)
        if not entry:
            continue
        pending.append(entry)
        if _ends_with_operator(entry):
            continue
        blocks.append("\n".join(pending))
        pending = []
    # A dangling operator still has to fail, so parse the unfinished block too.
    if pending:
        blocks.append("\n".join(pending))
    clauses: list[Clause] = []
    for block in blocks:
        _parse_block(block, clauses)
    return clauses
