"""Read the plain JavaScript object literals npm data packages ship (``module.exports = {…}``).

caniuse-lite, browserslist and baseline-browser-mapping keep their data as JS source, not
JSON: unquoted keys, single-quoted strings, comments, leading-dot numbers. This reader
accepts that subset and nothing else, so the converter runs without node.

Objects come back as ``dict`` in source order; :func:`js_key_order` gives the order a
JavaScript engine would iterate them in, which matters where ties are broken by order.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = [
    "JSLiteralError",
    "LiteralReader",
    "find_literal",
    "js_key_order",
    "parse_literal",
    "parse_module",
]

_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")
_ARRAY_INDEX = re.compile(r"0|[1-9]\d{0,9}")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_KEYWORDS: dict[str, Any] = {"true": True, "false": False, "null": None, "undefined": None}


class JSLiteralError(ValueError):
    """The text is not a JavaScript literal this reader understands."""


class LiteralReader:
    """A cursor over ``text`` that reads one literal at a time from ``pos``.

    :func:`parse_literal` is the way in for data files. The class is public so that a
    reader of hand-written JavaScript (``jreject migrate`` reads jReject option objects,
    with string concatenation and callbacks) can extend :meth:`value` and keep the rest.
    """

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = pos

    def fail(self, expected: str) -> JSLiteralError:
        snippet = self.text[self.pos : self.pos + 30]
        return JSLiteralError(f"expected {expected} at offset {self.pos}, found {snippet!r}")

    def skip(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            ch = text[self.pos]
            if ch.isspace():
                self.pos += 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end + 1
            elif text.startswith("/*", self.pos):
                end = text.find("*/", self.pos + 2)
                if end < 0:
                    raise self.fail("the end of a comment")
                self.pos = end + 2
            else:
                return

    def value(self) -> Any:
        self.skip()
        if self.pos >= len(self.text):
            raise self.fail("a value")
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch in "\"'":
            return self.string()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            raw = number.group()
            return float(raw) if any(c in raw for c in ".eE") else int(raw)
        ident = _IDENT.match(self.text, self.pos)
        if ident and ident.group() in _KEYWORDS:
            self.pos = ident.end()
            return _KEYWORDS[ident.group()]
        raise self.fail("a value")

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        out: list[str] = []
        text = self.text
        while True:
            end = self.pos
            while end < len(text) and text[end] not in (quote, "\\"):
                end += 1
            out.append(text[self.pos : end])
            if end >= len(text):
                raise self.fail("a closing quote")
            if text[end] == quote:
                self.pos = end + 1
                return "".join(out)
            esc = text[end + 1 : end + 2]
            if esc == "u":
                out.append(chr(int(text[end + 2 : end + 6], 16)))
                self.pos = end + 6
            elif esc == "x":
                out.append(chr(int(text[end + 2 : end + 4], 16)))
                self.pos = end + 4
            else:
                out.append(_ESCAPES.get(esc, esc))
                self.pos = end + 2

    def key(self) -> str:
        ch = self.text[self.pos]
        if ch in "\"'":
            return self.string()
        number = _NUMBER.match(self.text, self.pos)
        if number:
            self.pos = number.end()
            return json.dumps(json.loads(number.group()))
        ident = _IDENT.match(self.text, self.pos)
        if not ident:
            raise self.fail("an object key")
        self.pos = ident.end()
        return ident.group()

    def obj(self) -> dict[str, Any]:
        self.pos += 1
        result: dict[str, Any] = {}
        while True:
            self.skip()
            if self.text.startswith("}", self.pos):
                self.pos += 1
                return result
            key = self.key()
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.fail("':'")
            self.pos += 1
            result[key] = self.value()
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith("}", self.pos):
                raise self.fail("',' or '}'")

    def array(self) -> list[Any]:
        self.pos += 1
        result: list[Any] = []
        while True:
            self.skip()
            if self.text.startswith("]", self.pos):
                self.pos += 1
                return result
            result.append(self.value())
            self.skip()
            if self.text.startswith(",", self.pos):
                self.pos += 1
            elif not self.text.startswith("]", self.pos):
                raise self.fail("',' or ']'")


def parse_literal(text: str, pos: int = 0) -> tuple[Any, int]:
    """Parse one literal starting at ``pos``; returns it and the offset just after it."""
    reader = LiteralReader(text, pos)
    value = reader.value()
    return value, reader.pos


def parse_module(text: str) -> Any:
    """The value of a ``module.exports = <literal>`` file."""
    match = re.search(r"module\.exports\s*=\s*", text)
    if not match:
        raise JSLiteralError("no 'module.exports =' assignment found")
    return parse_literal(text, match.end())[0]


def find_literal(text: str, anchor: str) -> Any:
    """The literal right after the first occurrence of ``anchor`` (e.g. ``"aliases = "``)."""
    start = text.find(anchor)
    if start < 0:
        raise JSLiteralError(f"{anchor!r} not found")
    return parse_literal(text, start + len(anchor))[0]


def js_key_order(keys: list[str]) -> list[str]:
    """Keys in JavaScript's property order: array indices ascending, then the rest as inserted.

    ``Object.keys`` and ``for … in`` visit integer-like keys (``"116"``) before others
    (``"15.5"``, ``"TP"``); browserslist's stable sorts inherit that order.
    """
    indices = sorted((k for k in keys if _ARRAY_INDEX.fullmatch(k) and int(k) < 2**32 - 1), key=int)
    index_set = set(indices)
    return indices + [k for k in keys if k not in index_set]
