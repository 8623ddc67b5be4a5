from __future__ import annotations

import json
import re

import pytest

from jreject.browserslist import BrowserslistError, Options, browserslist


def package(root, name, files):
    folder = root / "node_modules" / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, "version": "1.0.0"}))
    for file, text in files.items():
        (folder / file).write_text(text)


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    package(tmp_path, "browserslist-config-acme", {"index.js": "module.exports = ['ie 11']\n"})
    package(
        tmp_path,
        "@corp/browserslist-config",
        {"index.js": "module.exports = {production: ['ie 10'], legacy: ['ie 9']}"},
    )
    package(
        tmp_path,
        "browserslist-config-stats",
        {"browserslist-stats.json": '{"chrome": {"120": 30, "121": 5}}', "index.js": ""},
    )
    package(
        tmp_path,
        "browserslist-config-code",
        {"index.js": "module.exports = require('./list').filter(Boolean)"},
    )
    nested = tmp_path / "app"
    nested.mkdir()
    return nested


def at(query, path, **options):
    return browserslist(query, Options(path=str(path), **options))


def test_extends_reads_a_shareable_config_from_node_modules(project):
    assert at("extends browserslist-config-acme, ie 10", project) == ["ie 11", "ie 10"]


def test_scoped_configs_and_environments(project):
    assert at("extends @corp/browserslist-config", project) == ["ie 10"]
    assert at("extends @corp/browserslist-config", project, env="legacy") == ["ie 9"]


def test_usage_from_a_package_stats_file(project):
    assert at("> 10% in browserslist-config-stats stats", project) == ["chrome 120"]
    assert at("cover 33% in browserslist-config-stats stats", project) == [
        "chrome 121",
        "chrome 120",
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("extends foo", "Browserslist config needs `browserslist-config-` prefix."),
        ("extends browserslist-config-a.b", "`.` not allowed in Browserslist config name."),
        ("extends browserslist-config-missing", "Cannot find module 'browserslist-config-missing'"),
        ("extends browserslist-config-code", "computes its queries in JavaScript"),
        ("> 1% in foo stats", "Browserslist config needs `browserslist-config-` prefix."),
    ],
)
def test_bad_or_unreadable_configs_are_errors(project, query, message):
    with pytest.raises(BrowserslistError, match=re.escape(message)):
        at(query, project)


def test_an_es_module_export_uses_its_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    esm = "module.exports = { __esModule: true, default: ['safari 17'] };"
    package(tmp_path, "browserslist-config-esm", {"index.js": esm})
    package(
        tmp_path,
        "browserslist-config-esm-envs",
        {"index.js": "module.exports = {__esModule: true, default: {legacy: ['ie 9']}}"},
    )
    assert at("extends browserslist-config-esm", tmp_path) == ["safari 17.0"]
    assert at("extends browserslist-config-esm-envs", tmp_path, env="legacy") == ["ie 9"]
    assert at("extends browserslist-config-esm-envs", tmp_path) == []


def test_a_null_default_environment_in_a_shareable_config_selects_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "module.exports = {defaults: null, legacy: ['ie 9']}"
    package(tmp_path, "browserslist-config-empty", {"index.js": text})
    assert at("extends browserslist-config-empty", tmp_path) == []


def test_a_config_that_extends_itself_is_an_error_naming_the_loop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    package(
        tmp_path,
        "browserslist-config-a",
        {"index.js": "module.exports = ['extends browserslist-config-b']"},
    )
    package(
        tmp_path,
        "browserslist-config-b",
        {"index.js": "module.exports = ['ie 11', 'extends browserslist-config-a']"},
    )
    package(
        tmp_path,
        "browserslist-config-back",
        {"index.js": "module.exports = ['browserslist config']"},
    )
    with pytest.raises(BrowserslistError) as caught:
        at("defaults, extends browserslist-config-a", tmp_path)
    assert caught.value.reason == (
        "Browserslist config includes itself: extends browserslist-config-a"
        " → extends browserslist-config-b → extends browserslist-config-a"
    )
    (tmp_path / ".browserslistrc").write_text("extends browserslist-config-back\n")
    with pytest.raises(BrowserslistError) as caught:
        at(None, tmp_path)
    assert caught.value.reason == (
        "Browserslist config includes itself: extends browserslist-config-back"
        " → browserslist config → extends browserslist-config-back"
    )


def test_a_config_extended_twice_side_by_side_is_no_loop(project):
    assert at("extends browserslist-config-acme, extends browserslist-config-acme", project) == [
        "ie 11"
    ]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (
            "extends browserslist-config-" + "x" * 5000,
            "Cannot find module 'browserslist-config-" + "x" * 5000 + "'",
        ),
        ("extends browserslist-config-badmanifest", "Could not parse "),
        ("> 1% in browserslist-config-badstats stats", "Could not parse "),
    ],
)
def test_a_module_that_cannot_be_found_or_read_is_a_browserslist_error(project, query, reason):
    root = project.parent
    package(root, "browserslist-config-badstats", {"browserslist-stats.json": "{not json"})
    package(root, "browserslist-config-badmanifest", {"index.js": "module.exports = []"})
    (root / "node_modules" / "browserslist-config-badmanifest" / "package.json").write_text("{")
    with pytest.raises(BrowserslistError) as caught:
        at(query, project)
    assert caught.value.reason.startswith(reason)


def test_a_module_path_that_names_no_file_is_not_found(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BrowserslistError) as caught:
        at("extends /", tmp_path, dangerous_extend=True)
    assert caught.value.reason == "Cannot find module '/'"
