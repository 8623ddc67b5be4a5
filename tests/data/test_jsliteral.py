from __future__ import annotations

import pytest

from jreject.data.jsliteral import JSLiteralError, find_literal, js_key_order, parse_module


def test_reads_the_javascript_subset_data_packages_use():
    text = """module.exports = {
      A: [1, .5, -2e3, null, true, undefined], // comment
      'b': "a\\"q\\u00e9", /* block */ 12: {x: 'y'},
    };"""
    assert parse_module(text) == {
        "A": [1, 0.5, -2000.0, None, True, None],
        "b": 'a"qé',
        "12": {"x": "y"},
    }


def test_find_literal_reads_after_an_anchor():
    source = "browserslist.aliases = {\n  fx: 'firefox', // short\n  ios: 'ios_saf'\n}\n"
    assert find_literal(source, "browserslist.aliases = ") == {"fx": "firefox", "ios": "ios_saf"}


def test_malformed_input_says_where():
    with pytest.raises(JSLiteralError, match="offset"):
        parse_module("module.exports={A:[1,2}")
    with pytest.raises(JSLiteralError, match=r"module\.exports"):
        parse_module("exports.x = 1")


def test_js_key_order_puts_array_indices_first():
    assert js_key_order(["15.5", "120", "TP", "4", "0"]) == ["0", "4", "120", "15.5", "TP"]
