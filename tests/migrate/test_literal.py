"""Options as people paste them: JSON, JS literals, the whole call, callbacks."""

from __future__ import annotations

import pytest

from jreject.migrate.literal import JSFunction, OptionsError, read_options


def test_json():
    assert read_options('{"reject": {"msie": 8}, "close": false}') == {
        "reject": {"msie": 8},
        "close": False,
    }


def test_js_literal_with_comments_single_quotes_and_trailing_commas():
    text = """{
        // Reject old IE
        reject: { msie: 8, /* and */ firefox3: true, },
        header: 'It\\'s old',
    }"""
    assert read_options(text) == {"reject": {"msie": 8, "firefox3": True}, "header": "It's old"}


@pytest.mark.parametrize(
    "call",
    [
        "$.reject({reject: {msie: 9}});",
        "jQuery.reject( {reject: {msie: 9}} )",
        "<script>\n$(function() {\n  $.reject({reject: {msie: 9}});\n});\n</script>",
        "var options = {reject: {msie: 9}};",
    ],
)
def test_the_whole_call_or_assignment_as_pasted_from_a_page(call):
    assert read_options(call) == {"reject": {"msie": 9}}


def test_call_without_options_is_the_defaults():
    assert read_options("$.reject();") == {}


def test_string_concatenation_as_in_jrejects_own_defaults():
    text = "{paragraph1: 'Your browser is out of date, and may not be compatible with '+\n" + (
        " 'our website.'}"
    )
    assert read_options(text)["paragraph1"] == (
        "Your browser is out of date, and may not be compatible with our website."
    )


def test_minified_booleans():
    assert read_options("{close:!1,closeCookie:!0}") == {"close": False, "closeCookie": True}


def test_callbacks_are_kept_as_source_whatever_they_hold():
    text = """$.reject({
        beforeReject: function () { if (x) { log('}', "{"); } },
        afterReject: () => { window.done = [1, 2]; },
        onFail: msg => console.log(msg),
        close: false
    });"""
    options = read_options(text)
    assert options["beforeReject"] == JSFunction("function () { if (x) { log('}', \"{\"); } }")
    assert options["afterReject"] == JSFunction("() => { window.done = [1, 2]; }")
    assert options["onFail"] == JSFunction("msg => console.log(msg)")
    assert options["close"] is False


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{reject: {msie: eight}}", "line 1, column 17"),
        ("{\n  header: 'a' + 3\n}", "line 2"),
        ("{\n  reject: {\n    msie 8\n  }\n}", "line 3"),
    ],
)
def test_errors_say_where(text, where):
    with pytest.raises(OptionsError, match=where):
        read_options(text)


def test_text_without_an_object_is_refused():
    with pytest.raises(OptionsError, match="no options object"):
        read_options("reject msie 8")
