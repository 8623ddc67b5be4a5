"""notice.js: valid ES5 whatever the fragment holds, and it cannot close its own element."""

from __future__ import annotations

import json

import pyjsparser

from jreject.notice.script import EMPTY_SCRIPT, notice_script

FRAGMENT = (
    '<div id="jreject"><p>Line\u2028two “quotes” </script><script>alert(1)</script></p></div>'
)


def test_script_is_es5_and_carries_the_fragment_exactly():
    script = notice_script(FRAGMENT.encode())
    text = script.decode("ascii")
    pyjsparser.parse(text)  # raises on anything an ES5 engine would not take
    literal = text.split("var html = ", 1)[1].split(";\n", 1)[0]
    assert json.loads(literal.replace("<\\/", "</")) == FRAGMENT


def test_script_never_contains_a_closing_script_tag_or_raw_line_separators():
    text = notice_script(FRAGMENT.encode()).decode("ascii")
    assert "</script" not in text.lower()
    assert "\u2028" not in text


def test_empty_script_is_valid():
    pyjsparser.parse(EMPTY_SCRIPT.decode())
