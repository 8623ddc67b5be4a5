from __future__ import annotations

import textwrap

import pytest

from jreject.config import (
    Config,
    ConfigError,
    config_from_dict,
    default_config,
    find_config,
    load_config,
    read_settings,
    register_tier_kind,
)
from jreject.detect.client import Client
from jreject.policy.allow import AllowOnly
from jreject.policy.base import FirstMatch
from jreject.policy.minimum import Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import RejectRules

GOOD = """\
bots = "log"
bot_patterns = ["MyMonitor/"]

# Tiers run in order; the first one that rejects decides.
[[policy]]
reject = { msie = 8 }
action = "block"

[[policy]]
minimum = { preset = "modern", edge = 120 }

[notice]
language = "fr"

[middleware]
exclude = ["/api/"]
"""


def write(tmp_path, text, name="jreject.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), "utf-8")
    return path


def ie(major):
    return Client(browser="ie", browser_name="Internet Explorer", version=(major,))


def test_a_good_file_gives_tiers_in_order(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert isinstance(config, Config)
    assert config.bots == "log"
    assert config.bot_patterns == ("MyMonitor/",)
    assert config.notice_options == {"language": "fr"}
    assert config.notice.language == "fr"
    assert config.settings.exclude == ("/api/",)
    assert isinstance(config.policy, FirstMatch)
    first, second = config.policy.policies
    assert isinstance(first, RejectRules)
    assert first.action == "block"
    assert isinstance(second, Minimum)
    assert second.action == "modal"
    assert config.policy(ie(8)).action == "block"
    assert config.policy(ie(11)).rule == "ie=false"
    edge = Client(browser="edge", browser_name="Microsoft Edge", version=(119,))
    assert config.policy(edge).rule == "edge<120"


def test_no_policy_means_the_recommended_policy(tmp_path):
    config = load_config(write(tmp_path, 'bots = "allow"\n'))
    assert config.policy == default_config().policy
    assert config == Config(config.policy, path=config.path)
    verdict = default_config().policy(ie(11))
    assert (verdict.allowed, verdict.action, verdict.rule) == (False, "modal", "msie")


def test_every_kind_is_available(tmp_path):
    config = load_config(
        write(
            tmp_path,
            """\
            [[policy]]
            allow_only = ["chrome", "firefox", "safari"]
            minimum = { preset = "modern", chromium_fallback = true }
            action = "banner"
            [[policy]]
            relative = { latest_minus = 3 }
            action = "log"
            """,
        )
    )
    allow_only, relative = config.policy.policies
    assert isinstance(allow_only, AllowOnly)
    assert isinstance(allow_only.minimum, Minimum)
    assert allow_only.minimum.chromium_fallback
    assert isinstance(relative, Relative)
    assert (relative.latest_minus, relative.action) == (3, "log")


def test_sub_table_form_works_like_inline_tables(tmp_path):
    config = load_config(
        write(
            tmp_path,
            """\
            [[policy]]
            action = "block"
            [policy.reject]
            msie = 9
            """,
        )
    )
    assert config.policy(ie(9)).action == "block"


def test_pyproject_tool_table(tmp_path):
    path = write(
        tmp_path,
        """\
        [project]
        name = "site"

        [tool.jreject]
        bots = "log"

        [[tool.jreject.policy]]
        reject = { msie = 10 }
        """,
        "pyproject.toml",
    )
    config = load_config(path)
    assert config.bots == "log"
    assert not config.policy(ie(10)).allowed


def test_pyproject_errors_name_the_full_key_and_line(tmp_path):
    path = write(
        tmp_path,
        """\
        [tool.jreject]

        [[tool.jreject.policy]]
        reject = { msie = 10, firefx = true }
        """,
        "pyproject.toml",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.key == "tool.jreject.policy[0].reject.firefx"
    assert caught.value.line == 4


def test_find_config_prefers_jreject_toml_and_walks_upward(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None or not str(find_config(deep)).startswith(str(tmp_path))
    write(tmp_path, "[tool.jreject]\n", "pyproject.toml")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    write(tmp_path / "a", "", "jreject.toml")
    assert find_config(deep) == tmp_path / "a" / "jreject.toml"


def test_find_config_skips_pyproject_without_a_jreject_table(tmp_path):
    write(tmp_path, "[tool.other]\n", "pyproject.toml")
    found = find_config(tmp_path)
    assert found is None or found.parent != tmp_path


@pytest.mark.parametrize(
    "broken",
    [
        '[tool.jreject]\nbots = "log"\n[[tool.jreject.policy]\n',  # meant for jreject
        '[project]\nname = "app"\nversion = 1.0.0\n',  # another section: may be too
    ],
)
def test_find_config_reports_a_pyproject_it_cannot_parse(tmp_path, broken):
    # Skipping it would apply the recommended policy instead of the one meant, silently.
    write(tmp_path, broken, "pyproject.toml")
    with pytest.raises(ConfigError) as caught:
        find_config(tmp_path)
    assert caught.value.path == str(tmp_path / "pyproject.toml")
    assert caught.value.line == 3
    assert "not valid TOML" in caught.value.message


def test_find_config_reports_a_pyproject_not_in_utf8(tmp_path):
    (tmp_path / "pyproject.toml").write_bytes(b'[project]\nname = "caf\xe9"\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml:2: not UTF-8"):
        find_config(tmp_path)


def test_find_config_never_reads_a_pyproject_beside_a_jreject_toml(tmp_path):
    write(tmp_path, "[tool.jreject\n", "pyproject.toml")
    write(tmp_path, "bots = 'log'\n")
    assert find_config(tmp_path) == tmp_path / "jreject.toml"


def test_find_config_finds_a_jreject_entry_that_is_not_a_table_so_load_can_say_so(tmp_path):
    path = write(tmp_path, "[tool]\njreject = 5\n", "pyproject.toml")
    assert find_config(tmp_path) == path


def test_dict_settings_are_validated_the_same_way():
    config = config_from_dict({"policy": [{"minimum": {"preset": "modern"}}]}, source="JREJECT")
    assert isinstance(config.policy, Minimum)
    with pytest.raises(ConfigError, match=r"^JREJECT: policy\[0\]\.minimum\.safarii: unknown"):
        config_from_dict({"policy": [{"minimum": {"safarii": 17}}]}, source="JREJECT")


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (
            'bots = "allow"\n\n[[polcy]]\nreject = { msie = 6 }\n',
            3,
            "polcy",
            "unknown key 'polcy' (did you mean 'policy'?)",
        ),
        (
            "[[policy]]\naction = 'modal'\n\n[policy.minimm]\nchrome = 100\n",
            4,
            "policy[0].minimm",
            "unknown key 'minimm' (did you mean 'minimum'?)",
        ),
        (
            """\
            bots = "allow"

            [[policy]]
            action = "modal"
            minimum = { preset = "modern", safarii = 17 }
            """,
            5,
            "policy[0].minimum.safarii",
            "unknown browser 'safarii' (did you mean 'safari'?)",
        ),
        ('bots = "block"\n', 1, "bots", "expected one of 'allow', 'log', got 'block'"),
        ("polcy = []\n", 1, "polcy", "unknown key 'polcy' (did you mean 'policy'?)"),
        (
            '\n[[policy]]\nreject = { msie = 6 }\naction = "warn"\n',
            4,
            "policy[0].action",
            "expected one of 'modal', 'banner', 'block', 'log', got 'warn'",
        ),
        (
            '[[policy]]\nminimum = { chrome = "12x" }\n',
            2,
            "policy[0].minimum.chrome",
            "expected a minimum version such as 120 or \"17.2\", or false (never), got '12x'",
        ),
        (
            '[[policy]]\naction = "block"\n',
            1,
            "policy[0]",
            "expected one of 'reject', 'minimum', 'relative', 'allow_only', 'browserslist', "
            "'require' in each [[policy]]",
        ),
        (
            "[[policy]]\nreject = { msie = 6 }\nrelative = { latest_minus = 2 }\n",
            3,
            "policy[0].relative",
            "one kind per [[policy]] (only allow_only may go with minimum), "
            "got 'reject', 'relative'",
        ),
        (
            "[[policy]]\nrelative = { latest_minus = -1 }\n",
            2,
            "policy[0].relative.latest_minus",
            "expected 0 or more versions, got -1",
        ),
        (
            "[[policy]]\nrelative = { latest = 2 }\n",
            2,
            "policy[0].relative.latest",
            "unknown key 'latest': expected latest_minus",
        ),
        (
            '[[policy]]\nallow_only = ["chrome", "operaa"]\n',
            2,
            "policy[0].allow_only[1]",
            "unknown browser 'operaa' (did you mean 'opera'?)",
        ),
        (
            '[[policy]]\nreject = { msie = 6 }\nmode = "x"\n',
            3,
            "policy[0].mode",
            "unknown key 'mode'",
        ),
        (
            '[[policy]]\nminimum = { preset = "modrn" }\n',
            2,
            "policy[0].minimum.preset",
            "unknown preset 'modrn' (did you mean 'modern'?)",
        ),
        (
            "[[policy]]\nminimum = { preset = [] }\n",
            2,
            "policy[0].minimum.preset",
            "unknown preset []",
        ),
        (
            'bot_patterns = "x"\n',
            1,
            "bot_patterns",
            "expected a list of non-empty strings, got 'x'",
        ),
        ("notice = 3\n", 1, "notice", "expected a table, got 3"),
        (
            '[notice]\nsite_name = "Shop"\nbanner_position = "left"\n',
            3,
            "notice.banner_position",
            "'left'; expected 'top' or 'bottom'",  # a known key: no "did you mean" it
        ),
        (
            '[notice]\nsite_name = "Shop"\nbanner_positon = "top"\n',
            3,
            "notice.banner_positon",
            "not a notice setting; expected one of: texts, browsers, assets, static_url, "
            "language, languages, locale_dirs, templates, banner_position, site_name, logo_url, "
            "contact_url, fallback_url (did you mean 'banner_position'?)",
        ),
        (
            'bot_patterns = [".*"]\n',
            1,
            "bot_patterns[0]",
            "bot pattern '.*' matches the empty string, so it would flag every User-Agent; "
            "make it require some text",
        ),
        (
            'bot_patterns = ["ok", "bad("]\n',
            1,
            "bot_patterns[1]",
            "bot pattern 'bad(' is not a valid regular expression for RE2: missing ): bad(",
        ),
        (
            'bots = "allow"\nbot_patterns = ["ok", "(?<!cu)bot"]\n',
            2,
            "bot_patterns[1]",
            "bot pattern '(?<!cu)bot' is not a valid regular expression for RE2: invalid perl "
            "operator: (?<! (RE2 runs every pattern in linear time and so has no lookarounds or "
            "backreferences: rewrite the pattern without them)",
        ),
        (
            '[[policy]]\naction = "banner"\nbrowserslist = { path = 5 }\n',
            3,
            "policy[0].browserslist.path",
            "expected a non-empty string, got 5",
        ),
        (
            "[[policy]]\nbrowserslist = [1, 2]\n",
            2,
            "policy[0].browserslist[0]",
            "expected a query string, got 1",
        ),
        (
            '[[policy]]\nbrowserslist = { query = "defaults", allow_higher_versions = "no" }\n',
            2,
            "policy[0].browserslist.allow_higher_versions",
            "expected true or false, got 'no'",
        ),
        (
            '[[policy]]\nbrowserslist = ""\n',
            2,
            "policy[0].browserslist",
            "expected a query such as \"defaults\", got ''",
        ),
        (
            '[[policy]]\naction = "log"\nbrowserslist = "chrome > 9999"\n',
            3,
            "policy[0].browserslist",
            "`chrome > 9999` selects no browser, so every browser would be rejected "
            "(`jreject query` shows what a query selects)",
        ),
        (
            "[[policy]]\nrequire = [1]\n",
            2,
            "policy[0].require[0]",
            "expected a caniuse feature id, got 1",
        ),
        (
            '[[policy]]\nrequire = { features = "css-grid" }\n',
            2,
            "policy[0].require.features",
            "expected a list of caniuse feature ids, got 'css-grid'",
        ),
    ],
)
def test_error_messages_name_file_line_key_expected_and_given(tmp_path, text, line, key, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert (error.path, error.line, error.key) == (str(path), line, key)
    assert str(error) == f"{path}:{line}: {key}: {message}"
    assert isinstance(error, ValueError)


def test_toml_syntax_errors_carry_the_line(tmp_path):
    path = write(tmp_path, 'bots = "allow"\n\n[[policy]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: not valid TOML: ")


def test_a_toml_error_at_the_end_of_the_document_is_on_its_last_line(tmp_path):
    path = write(tmp_path, "bots = 'allow'\n[notice]\nsite_name = 'Shop\n")  # unclosed
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.line == 3


def test_a_wrong_item_of_a_notice_list_is_named_with_its_own_line(tmp_path):
    path = write(tmp_path, '[notice]\nsite_name = "Shop"\nlanguages = ["en", "xx"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert (error.line, error.key) == (3, "notice.languages[1]")
    assert error.message.startswith("'xx'; expected one of: ar, bg,")
    assert "did you mean" not in error.message


def test_a_byte_order_mark_is_accepted_and_lines_still_count_from_one(tmp_path):
    # Windows editors save UTF-8 with a BOM; TOML parsers reject it at line 1, column 1.
    good = tmp_path / "jreject.toml"
    good.write_bytes(b"\xef\xbb\xbf[[policy]]\nreject = { msie = 8 }\n")
    assert isinstance(load_config(good).policy, RejectRules)
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'\xef\xbb\xbfbots = "allow"\nbots_patterns = []\n')
    with pytest.raises(ConfigError) as caught:
        load_config(bad)
    assert (caught.value.line, caught.value.key) == (2, "bots_patterns")


def test_a_file_not_in_utf8_names_the_first_bad_byte_and_its_line(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_bytes('bots = "allow"\n[notice]\nsite_name = "Café"\n'.encode("latin-1"))
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        f"{path}:3: not UTF-8: byte 0xe9 at line 3, column 17 (byte offset 40); "
        "TOML files must be saved as UTF-8"
    )


def test_unreadable_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read the file") as raised:
        load_config(tmp_path / "missing.toml")
    # The path is said once, before the message, not again in Python's "[Errno 2] …: 'path'".
    assert (
        str(raised.value)
        == f"{tmp_path / 'missing.toml'}: cannot read the file: No such file or directory"
    )


def test_pyproject_without_tool_table_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"no \[tool.jreject\] table"):
        load_config(write(tmp_path, "[project]\nname = 'x'\n", "pyproject.toml"))


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        ('tool = "x"\n', 1, "tool", "expected a table of tools such as [tool.jreject], got 'x'"),
        ("[tool]\njreject = 5\n", 2, "tool.jreject", "expected a table, got 5"),
    ],
)
def test_pyproject_whose_tool_is_not_a_table_is_a_config_error(tmp_path, text, line, key, message):
    path = write(tmp_path, text, "pyproject.toml")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert (caught.value.line, caught.value.key, caught.value.message) == (line, key, message)


def test_read_settings_gives_the_jreject_table_as_written(tmp_path):
    pyproject = write(tmp_path, "[tool.jreject]\nbots = 'log'\n", "pyproject.toml")
    assert read_settings(pyproject) == {"bots": "log"}
    assert read_settings(write(tmp_path, "polcy = 1\n")) == {"polcy": 1}  # not validated
    with pytest.raises(ConfigError, match=r"no \[tool\.jreject\] table"):
        read_settings(write(tmp_path, "[project]\n", "pyproject.toml"))


@pytest.mark.parametrize(
    ("option", "toml_message", "python_message"),
    [
        (
            "cookie_max_age = -1",
            "must be a number of seconds ≥ 0 (leave it out for a session cookie), not -1",
            "must be a number of seconds ≥ 0, or None for a session cookie, not -1",
        ),
        (
            "nonce = 5",
            "must be the name of an environ/scope-state key (a non-empty string), not 5",
            "must be an environ/scope-state key (a string), a function, or None, not 5",
        ),
        (
            "vary_key = 5",
            "must be a request header name such as 'JReject-Class', not 5",
            "must be a request header name such as 'JReject-Class', or None, not 5",
        ),
    ],
)
def test_middleware_errors_in_a_file_speak_toml_and_in_a_dict_python(
    tmp_path, option, toml_message, python_message
):
    # TOML has no None and no functions: a file's message offers neither.
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f"[middleware]\n{option}\n"))
    assert caught.value.message == toml_message
    key, _, value = option.partition(" = ")
    with pytest.raises(ConfigError) as caught:
        config_from_dict({"middleware": {key: int(value)}}, source="settings.JREJECT")
    assert caught.value.message == python_message


def test_new_tier_kinds_can_be_registered():
    def build(value, tier, action):
        return RejectRules({"all": value}, action)

    register_tier_kind("test_everything", build)
    try:
        config = config_from_dict({"policy": [{"test_everything": True, "action": "log"}]})
        assert config.policy(ie(11)).action == "log"
        with pytest.raises(ValueError, match="already defined"):
            register_tier_kind("test_everything", build)
    finally:
        from jreject.config import TIER_KINDS

        del TIER_KINDS["test_everything"]


def test_bots_may_be_a_table_of_categories(tmp_path):
    config = load_config(write(tmp_path, 'bots = { ai = "log", default = "allow" }\n'))
    assert dict(config.bots) == {"ai": "log", "default": "allow"}  # type: ignore[arg-type]


def test_an_unknown_bot_category_is_an_error_with_the_line(tmp_path):
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, '\nbots = { robots = "log" }\n'))
    assert "jreject.toml:2: bots.robots: unknown bot category 'robots'" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "key", "message"),
    [
        (
            '[bots]\nsearch = "allow"\nai = "block"\n',
            3,
            "bots.ai",
            "expected one of 'allow', 'log', got 'block'",
        ),
        (
            '\nbots = { aii = "log" }\n',
            2,
            "bots.aii",
            "unknown bot category 'aii' (did you mean 'ai'?); expected one of search, ai, "
            "preview, seo, monitor, headless, feed, archive, scanner, library, crawler, unknown, "
            "user, default",
        ),
        (
            "[[policy]]\nminimum = {}\n",
            2,
            "policy[0].minimum",
            "expected browser = version entries or a preset: an empty minimum judges no browser",
        ),
        (
            "[[policy]]\nminimum = { chromium_fallback = true }\n",
            2,
            "policy[0].minimum",
            "expected browser = version entries or a preset: an empty minimum judges no browser",
        ),
        (
            '[[policy]]\nminimum = { preest = "modern" }\n',
            2,
            "policy[0].minimum.preest",
            "unknown browser or option 'preest' (did you mean 'preset'?)",
        ),
        (
            "[[policy]]\nminimum = { chrome = 120, chromium_fallbak = true }\n",
            2,
            "policy[0].minimum.chromium_fallbak",
            "unknown browser or option 'chromium_fallbak' (did you mean 'chromium_fallback'?)",
        ),
        (
            "[[policy]]\nminimum = { msie = false, ie = 11 }\n",
            2,
            "policy[0].minimum.ie",
            "'msie' and 'ie' both name ie; keep one",
        ),
        (
            '[[policy]]\nrequire = ["fetch", "es6-modul"]\n',
            2,
            "policy[0].require[1]",
            "Unknown feature name `es6-modul`. Did you mean es6-module?",
        ),
        (
            '[[policy]]\nrequire = { features = ["es6-modul"] }\n',
            2,
            "policy[0].require.features[0]",
            "Unknown feature name `es6-modul`. Did you mean es6-module?",
        ),
    ],
)
def test_settings_that_would_be_ignored_or_misplaced_are_errors_at_their_key(
    tmp_path, text, line, key, message
):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    error = caught.value
    assert str(error) == f"{path}:{line}: {key}: {message}"
    assert (error.path, error.line, error.key) == (str(path), line, key)
