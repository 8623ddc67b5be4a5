from __future__ import annotations

import json
import re

import pytest

from jreject.browserslist import BrowserslistError, Options, browserslist
from jreject.browserslist.config import find_config, load_config, parse_config, read_config

RC = """
# comment
defaults, not ie 11

[production staging]
> 1%
last 2 versions  # trailing comment

[development]
last 1 chrome version
"""


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("BROWSERSLIST", "BROWSERSLIST_CONFIG", "BROWSERSLIST_ENV", "NODE_ENV"):
        monkeypatch.delenv(name, raising=False)


def test_parse_config_reads_sections_and_drops_comments():
    assert parse_config(RC) == {
        "defaults": ["defaults", "not ie 11"],
        "production": ["> 1%", "last 2 versions"],
        "staging": ["> 1%", "last 2 versions"],
        "development": ["last 1 chrome version"],
    }


def test_duplicate_sections_are_an_error():
    with pytest.raises(BrowserslistError, match="Duplicate section production"):
        parse_config("[production]\ndefaults\n[production]\ndead")


def test_config_is_found_from_a_subdirectory_upward(tmp_path):
    (tmp_path / ".browserslistrc").write_text(RC)
    nested = tmp_path / "src" / "app"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / ".browserslistrc"
    assert load_config(nested) == ["> 1%", "last 2 versions"]  # production by default


def test_environment_comes_from_argument_then_browserslist_env(tmp_path, monkeypatch):
    (tmp_path / "browserslist").write_text(RC)
    assert load_config(tmp_path, env="development") == ["last 1 chrome version"]
    monkeypatch.setenv("BROWSERSLIST_ENV", "development")
    assert load_config(tmp_path) == ["last 1 chrome version"]
    monkeypatch.setenv("BROWSERSLIST_ENV", "missing")
    assert load_config(tmp_path) == ["defaults", "not ie 11"]
    with pytest.raises(BrowserslistError, match="Missing config for Browserslist environment"):
        load_config(tmp_path, throw_on_missing=True)


def test_package_json_browserslist_key(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"browserslist": ["safari 17.2-17.4"]}))
    assert load_config(tmp_path) == ["safari 17.2-17.4"]
    assert browserslist(None, Options(path=str(tmp_path))) == [
        "safari 17.4",
        "safari 17.3",
        "safari 17.2",
    ]


def test_package_json_without_the_key_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSERSLIST_ROOT_PATH", str(tmp_path))  # search no higher
    (tmp_path / "package.json").write_text('{"name": "app"}')
    assert find_config(tmp_path) is None
    (tmp_path / ".browserslistrc").write_text("defaults")
    assert find_config(tmp_path) == tmp_path / ".browserslistrc"


def test_two_configs_in_one_directory_are_an_error(tmp_path):
    (tmp_path / ".browserslistrc").write_text("defaults")
    (tmp_path / "package.json").write_text(json.dumps({"browserslist": "dead"}))
    with pytest.raises(
        BrowserslistError, match=re.escape("contains both .browserslistrc and package.json")
    ):
        find_config(tmp_path)


def test_misspelt_config_file_is_reported(tmp_path):
    (tmp_path / ".browserlistrc").write_text("defaults")
    with pytest.raises(
        BrowserslistError, match=re.escape("`.browserlistrc` instead of `.browserslistrc`")
    ):
        find_config(tmp_path)


def test_browserslist_variable_overrides_files(tmp_path, monkeypatch):
    (tmp_path / ".browserslistrc").write_text("dead")
    monkeypatch.setenv("BROWSERSLIST", "ie 11")
    assert browserslist(None, Options(path=str(tmp_path))) == ["ie 11"]


def test_browserslist_config_query_reads_the_project_config(tmp_path):
    (tmp_path / ".browserslistrc").write_text("ie 11\n")
    assert browserslist("browserslist config, ie 10", Options(path=str(tmp_path))) == [
        "ie 11",
        "ie 10",
    ]


def test_a_misspelt_browserslist_key_in_package_json_is_an_error(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"browserlist": ["ie 11"]}))
    (tmp_path / ".browserslistrc").write_text("ie 10\n")
    child = tmp_path / "src"
    child.mkdir()
    reason = f"`browserlist` key instead of `browserslist` in {tmp_path / 'package.json'}"
    for query in (None, "browserslist config"):
        with pytest.raises(BrowserslistError) as caught:
            browserslist(query, Options(path=str(child)))
        assert caught.value.reason == reason


FORMAT = "Browserslist config should be a string or an array of strings with browser queries"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ({"production": 5}, FORMAT),
        (["ie 11", 5], FORMAT),
        ({"production": ["ie 11"], "legacy": None}, FORMAT),
        (5, "Browser queries must be an array or string. Got number."),
        (True, "Browser queries must be an array or string. Got boolean."),
    ],
)
def test_a_browserslist_key_of_the_wrong_shape_is_an_error(tmp_path, value, reason):
    (tmp_path / "package.json").write_text(json.dumps({"browserslist": value}))
    with pytest.raises(BrowserslistError) as caught:
        browserslist(None, Options(path=str(tmp_path)))
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "text", ['{"browserslist": ["ie 11"', '{"browserslist": ["ie 11"], "n": NaN}', '"browserslist"']
)
def test_a_package_json_that_is_not_a_json_object_is_passed_over(tmp_path, text):
    (tmp_path / "package.json").write_text(text)
    (tmp_path / ".browserslistrc").write_text("ie 10\n")
    assert browserslist(None, Options(path=str(tmp_path))) == ["ie 10"]


def test_a_named_config_that_cannot_be_read_is_an_error(tmp_path):
    package = tmp_path / "package.json"
    package.write_text('{"browserslist": ["ie 11"')
    with pytest.raises(BrowserslistError, match=f"^Could not parse {re.escape(str(package))}$"):
        load_config(tmp_path, config=package)
    missing = tmp_path / "app" / "package.json"
    with pytest.raises(BrowserslistError, match=f"^Can't read {re.escape(str(missing))} config$"):
        load_config(tmp_path, config=missing)


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff# our browsers\nie 11\n",
        "\ufeff[production]\nie 11\n",
        "\ufeffie 11\n",
        "\ufeffie 11\r\n[production]\r\nie 11\r\n",
    ],
)
def test_a_byte_order_mark_in_a_browserslistrc_is_whitespace(tmp_path, text):
    (tmp_path / ".browserslistrc").write_bytes(text.encode())
    assert browserslist(None, Options(path=str(tmp_path))) == ["ie 11"]


def test_a_lone_carriage_return_does_not_end_a_line(tmp_path):
    rc = tmp_path / ".browserslistrc"
    rc.write_bytes(b"[production]\rie 11\n")
    assert read_config(rc) == {"defaults": ["[production]\rie 11"]}


def test_lines_are_trimmed_as_javascript_trims_them():
    # U+001C and NEL are whitespace to str.strip, not to String.prototype.trim.
    assert parse_config("\u00a0ie 11\u00a0\n\x1cie 10\n\x85ie 9\n") == {
        "defaults": ["ie 11", "\x1cie 10", "\x85ie 9"]
    }


@pytest.mark.parametrize("query", [None, "browserslist config"])
def test_throw_on_missing_applies_to_the_project_config(tmp_path, query):
    (tmp_path / ".browserslistrc").write_text("ie 11\n[production]\nie 10\n")
    opts = Options(path=str(tmp_path), env="missing", throw_on_missing=True)
    with pytest.raises(BrowserslistError) as caught:
        browserslist(query, opts)
    assert caught.value.reason == "Missing config for Browserslist environment `missing`"
    assert browserslist(query, Options(path=str(tmp_path), env="missing")) == ["ie 11"]


def test_an_empty_browserslist_string_in_package_json_means_the_defaults(tmp_path):
    (tmp_path / "package.json").write_text(json.dumps({"browserslist": ""}))
    assert load_config(tmp_path) is None
    assert browserslist(None, Options(path=str(tmp_path))) == browserslist("defaults")


def test_an_empty_environment_falls_back_to_the_default_queries(tmp_path):
    package = {"browserslist": {"production": "", "defaults": "ie 11"}}
    (tmp_path / "package.json").write_text(json.dumps(package))
    assert browserslist(None, Options(path=str(tmp_path))) == ["ie 11"]
    with pytest.raises(BrowserslistError, match="Missing config for Browserslist environment"):
        browserslist(None, Options(path=str(tmp_path), throw_on_missing=True))


def test_an_empty_env_option_is_a_name_not_a_request_for_production(tmp_path, monkeypatch):
    monkeypatch.setenv("BROWSERSLIST_ENV", "production")
    (tmp_path / ".browserslistrc").write_text("ie 11\n[production]\nie 10\n")
    opts = Options(path=str(tmp_path), env="", throw_on_missing=True)
    assert browserslist(None, opts) == ["ie 11"]
    # "[modern  legacy]" splits on single spaces, so it also names the section "".
    (tmp_path / ".browserslistrc").write_text("ie 11\n[modern  legacy]\nie 9\n")
    assert browserslist(None, opts) == ["ie 9"]


def test_a_config_that_reads_itself_is_an_error_naming_the_loop(tmp_path):
    (tmp_path / ".browserslistrc").write_text("ie 11\nbrowserslist config\n")
    for query in (None, "browserslist config"):
        with pytest.raises(BrowserslistError) as caught:
            browserslist(query, Options(path=str(tmp_path)))
        assert caught.value.reason == (
            "Browserslist config includes itself: browserslist config → browserslist config"
        )
