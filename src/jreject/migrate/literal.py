"""Read jReject options as people have them: JSON, a JS object literal, or the whole call.

``$.reject({...});`` pasted from a page, ``jQuery.reject({...})``, ``var opts = {...}``,
a bare ``{...}`` or JSON all work. On top of the plain literals
:mod:`jreject.data.jsliteral` reads, option objects written by hand have string
concatenation (``'Your browser ' + 'is old'``, as jReject's own defaults do),
minified booleans (``!0``) and callbacks (``beforeReject: function () {...}``): a
callback is kept as a :class:`JSFunction` holding its source, so the migration can
say what it did and where its code should go now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jreject.data.jsliteral import JSLiteralError, LiteralReader

__all__ = ["JSFunction", "OptionsError", "read_options"]

_CALL = re.compile(r"(?:\$|jQuery)\s*\.\s*reject\s*\(")
_FUNCTION_START = re.compile(r"(?:async\s+)?function\b|\(|[A-Za-z_$][\w$]*\s*=>")
_CLOSERS = {"(": ")", "[": "]", "{": "}"}


class OptionsError(ValueError):
    """The text holds no options object this reader understands; says where (line:column)."""


@dataclass(frozen=True, slots=True)
class JSFunction:
    """A callback from the options, kept as its JavaScript source."""

    source: str


class _OptionsReader(LiteralReader):
    """jsliteral's reader, plus concatenation, ``!0``/``!1`` and function expressions."""

    def value(self) -> Any:
        self.skip()
        text = self.text
        if text.startswith(("!0", "!1"), self.pos):
            self.pos += 2
            return text[self.pos - 1] == "0"
        if _FUNCTION_START.match(text, self.pos) and not text.startswith("{", self.pos):
            return self.expression()
        value = super().value()
        while True:
            self.skip()
            if not (isinstance(value, str) and text.startswith("+", self.pos)):
                return value
            self.pos += 1
            self.skip()
            more = super().value()
            if not isinstance(more, str):
                raise self.fail("a string to join with '+'")
            value += more

    def expression(self) -> JSFunction:
        """A function expression, kept as source: up to the ``,`` or closer that ends it."""
        start = self.pos
        text, n = self.text, len(self.text)
        depth: list[str] = []
        while self.pos < n:
            ch = text[self.pos]
            if ch in "\"'`":
                self._skip_string(ch)
                continue
            if text.startswith(("//", "/*"), self.pos):
                self.skip()
                continue
            if ch in _CLOSERS:
                depth.append(_CLOSERS[ch])
            elif ch in ")]}":
                if not depth:
                    break
                if depth.pop() != ch:
                    raise self.fail(f"'{ch}' to match")
            elif ch == "," and not depth:
                break
            self.pos += 1
        if depth:
            raise self.fail("the end of the function")
        return JSFunction(text[start : self.pos].strip())

    def _skip_string(self, quote: str) -> None:
        text = self.text
        self.pos += 1
        while self.pos < len(text) and text[self.pos] != quote:
            self.pos += 2 if text[self.pos] == "\\" else 1
        self.pos += 1


def read_options(text: str) -> dict[str, Any]:
    """The options object in ``text`` (JSON, a JS literal, or a ``$.reject(...)`` call).

    ``$.reject()`` with no argument is ``{}``: jReject's defaults. Raises
    :class:`OptionsError` with the line and column of the first thing not understood.
    """
    call = _CALL.search(text)
    if call is not None:
        start = call.end()
        rest = text[start:].lstrip()
        if rest.startswith(")"):
            return {}
    else:
        brace = text.find("{")
        if brace < 0:
            raise OptionsError("no options object found: expected {...} or $.reject({...})")
        start = brace
    reader = _OptionsReader(text, start)
    try:
        reader.skip()
        if not text.startswith("{", reader.pos):
            raise reader.fail("'{' (the options object)")
        options = reader.value()
    except JSLiteralError as error:
        raise OptionsError(f"{_where(text, reader.pos)}: {error}") from None
    except (ValueError, IndexError) as error:  # a broken \u escape, say
        raise OptionsError(f"{_where(text, reader.pos)}: {error}") from None
    if not isinstance(options, dict):
        raise OptionsError("the options must be an object {...}")
    return options


def _where(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return f"line {line}, column {column}"
