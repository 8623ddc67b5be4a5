"""The bundled bot data: where it comes from, how it is made, how it is refreshed."""

from __future__ import annotations

import json
import logging
from importlib import resources
from pathlib import Path

import pytest
from tests.data.conftest import CANIUSE_VERSION, ISBOT_FILES, tarball
from tests.data.test_update import Registry, sri

from jreject import data
from jreject.data import bots as botdata
from jreject.data.bots import (
    BOTS_FILE,
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
    }
    # MIT asks for its notice in every copy: the licence text is in the file.
    assert sources[CRAWLER_USER_AGENTS]["license_text"].startswith("The MIT License")
    assert "public domain" in sources[ISBOT]["license_text"]
    assert "do not edit" in raw["generator"]
    assert len(raw[CRAWLER_USER_AGENTS]) > 1000
    assert len(raw[ISBOT]) > 100
    # Every isbot pattern RE2 can run: none had to be left out.
    assert raw["skipped"] == []


def test_every_bundled_category_is_one_jreject_documents():
    from jreject.detect.bots import BOT_CATEGORIES

    categories = {entry["category"] for entry in load_bot_data()[CRAWLER_USER_AGENTS]}
    assert categories <= set(BOT_CATEGORIES)
    assert {"search", "ai", "preview", "monitor", "seo", "headless"} <= categories


# --- the generator -----------------------------------------------------------------------


def test_the_generator_is_deterministic_on_local_packages(tmp_path, isbot_tgz, crawlers_tgz):
    isbot, crawlers = tmp_path / "isbot.tgz", tmp_path / "cua.tgz"
    isbot.write_bytes(isbot_tgz)
    crawlers.write_bytes(crawlers_tgz)
    args = ["--isbot", str(isbot), "--crawler-user-agents", str(crawlers)]
    generator = load_script("generate_bots")
    assert generator.main([*args, "--out", str(tmp_path / "a")]) == 0
    assert generator.main([*args, "--out", str(tmp_path / "b")]) == 0
    first = (tmp_path / "a" / BOTS_FILE).read_bytes()
    assert first == (tmp_path / "b" / BOTS_FILE).read_bytes()
    assert generator.main([*args, "--out", str(tmp_path / "a"), "--check"]) == 0
    (tmp_path / "a" / BOTS_FILE).write_bytes(first.replace(b"Zorkbot", b"Zorkbat"))
    assert generator.main([*args, "--out", str(tmp_path / "a"), "--check"]) == 1


def test_conversion_maps_tags_to_categories_and_translates_isbot(isbot_tgz, crawlers_tgz):
    converted = convert_bots(Package(isbot_tgz), Package(crawlers_tgz))
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
    for entry in converted[ISBOT]:
        assert "(?<" not in entry["re2"]
        assert "(?!" not in entry["re2"]


def test_packages_are_checked_by_name(isbot_tgz, crawlers_tgz):
    with pytest.raises(ValueError, match="expected the isbot and crawler-user-agents"):
        convert_bots(Package(crawlers_tgz), Package(isbot_tgz))


def test_a_package_without_a_licence_is_refused(crawlers_tgz):
    files = dict(ISBOT_FILES, **{"package.json": json.dumps({"name": "isbot", "version": "1"})})
    with pytest.raises(ValueError, match="declares no licence"):
        convert_bots(Package(tarball(files)), Package(crawlers_tgz))
    files = {name: text for name, text in ISBOT_FILES.items() if name != "LICENSE"}
    with pytest.raises(ValueError, match="ships no LICENSE file"):
        convert_bots(Package(tarball(files)), Package(crawlers_tgz))


# --- loading and updating ----------------------------------------------------------------


def test_an_installed_file_wins_and_a_corrupt_one_falls_back_to_the_bundled(bot_dir, caplog):
    bundled = load_bot_data()
    bot_dir.mkdir(parents=True)
    (bot_dir / BOTS_FILE).write_text("{not json", "utf-8")
    botdata.reload_bot_data()
    with caplog.at_level(logging.WARNING, logger="jreject"):
        assert load_bot_data() == bundled
    assert "using the bundled bot data" in caplog.text


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


def test_a_format_2_file_without_its_branch_index_falls_back_to_the_bundled(bot_dir, caplog):
    bundled = load_bot_data()
    bot_dir.mkdir(parents=True)
    damaged = dict(bundled, branches=None)
    (bot_dir / BOTS_FILE).write_text(json.dumps(damaged), "utf-8")
    botdata.reload_bot_data()
    with caplog.at_level(logging.WARNING, logger="jreject"):
        assert load_bot_data() == bundled
    assert "holds no branch index" in caplog.text


def _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz):
    return {
        "caniuse-lite": (CANIUSE_VERSION, caniuse_tgz, sri(caniuse_tgz)),
        "baseline-browser-mapping": ("9.9.9", caniuse_tgz, sri(caniuse_tgz)),
        ISBOT: ("9.0.0", isbot_tgz, sri(isbot_tgz)),
        CRAWLER_USER_AGENTS: ("9.1.0", crawlers_tgz, sri(crawlers_tgz)),
    }


def test_update_fetches_the_bot_data_and_new_matchers_use_it(
    bot_dir, caniuse_tgz, baseline_tgz, isbot_tgz, crawlers_tgz
):
    packages = _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz)
    packages["baseline-browser-mapping"] = ("9.9.9", baseline_tgz, sri(baseline_tgz))
    assert BotMatcher().match("Zorkbot/1.0") != ("Zorkbot", "search")  # no list names it yet
    with Registry(packages) as registry:
        result = update(registry=registry.url)
    assert result.bots == "isbot 9.0.0, crawler-user-agents 9.1.0"
    assert botdata.bot_data_location() == bot_dir / BOTS_FILE
    assert load_bot_data()["sources"][ISBOT]["version"] == "9.0.0"
    # The update records the new patterns' branches and keys too, for a quick start-up.
    assert ["Zorkbot\\/", [["Zorkbot\\/", "zorkbot/", False]]] in load_bot_data()["branches"]
    fresh = BotMatcher()
    assert fresh.match("Zorkbot/1.0") == ("Zorkbot", "search")
    assert fresh.match("Mozilla/5.0 (compatible; ZorkAI-User/1.0)") == ("ZorkAI-User", "ai")
    assert fresh.match("Mozilla/5.0 (X11; Linux x86_64) zorkcrawl") is not None


def test_a_missing_bot_package_stops_the_update_before_anything_moves(
    bot_dir, caniuse_tgz, isbot_tgz, crawlers_tgz
):
    packages = _registry_packages(caniuse_tgz, isbot_tgz, crawlers_tgz)
    del packages[CRAWLER_USER_AGENTS]
    before = data.load().caniuse_lite
    with Registry(packages) as registry, pytest.raises(UpdateError, match="HTTP 404"):
        update(registry=registry.url)
    assert data.load().caniuse_lite == before
    assert not (bot_dir / BOTS_FILE).exists()


def test_offline_the_bot_data_updates_from_both_tarballs_or_not_at_all(
    bot_dir, caniuse_tgz, isbot_tgz, crawlers_tgz, tmp_path
):
    files = {}
    for name, raw in (("caniuse", caniuse_tgz), ("isbot", isbot_tgz), ("cua", crawlers_tgz)):
        files[name] = tmp_path / f"{name}.tgz"
        files[name].write_bytes(raw)
    with pytest.raises(UpdateError, match="needs crawler-user-agents too"):
        update(offline=[files["caniuse"], files["isbot"]])
    assert update(offline=[files["caniuse"]]).bots == ""
    assert botdata.bot_data_location() is None  # the bundled copy stays in use
    result = update(offline=[files["caniuse"], files["isbot"], files["cua"]])
    assert result.bots == "isbot 9.0.0, crawler-user-agents 9.1.0"
    assert load_bot_data()[CRAWLER_USER_AGENTS][0] == {
        "pattern": "Zorkbot\\/",
        "category": "search",
    }


def test_a_bot_package_that_cannot_be_converted_is_an_update_error(
    bot_dir, caniuse_tgz, crawlers_tgz, tmp_path
):
    broken = dict(ISBOT_FILES, **{"index.js": "module.exports = 1;"})
    paths = []
    for name, raw in (("c", caniuse_tgz), ("i", tarball(broken)), ("u", crawlers_tgz)):
        paths.append(tmp_path / f"{name}.tgz")
        paths[-1].write_bytes(raw)
    before = data.load().caniuse_lite
    with pytest.raises(UpdateError, match="cannot convert the bot data"):
        update(offline=paths)
    assert data.load().caniuse_lite == before


_NPM = Path("/tmp/npmdata")


def _pinned_tarballs() -> tuple[Path, Path]:
    generator = load_script("generate_bots")
    return (
        _NPM / f"isbot-{generator.ISBOT_VERSION}.tgz",
        _NPM / f"crawler-user-agents-{generator.CRAWLER_USER_AGENTS_VERSION}.tgz",
    )


@pytest.mark.skipif(
    not all(path.is_file() for path in _pinned_tarballs()),
    reason="the pinned isbot and crawler-user-agents tarballs are not on this machine",
)
def test_bundled_bot_data_matches_the_pinned_npm_packages():
    isbot, crawlers = _pinned_tarballs()
    assert (
        load_script("generate_bots").main(
            ["--check", "--isbot", str(isbot), "--crawler-user-agents", str(crawlers)]
        )
        == 0
    )


def test_reloading_the_data_forgets_the_bot_data_too(bot_dir):
    # jreject.data.reload() reaches the bot data through the hook data/bots.py
    # registers, so the package never imports the module that imports it.
    assert botdata.reload_bot_data in data._RELOADERS
    before = load_bot_data()
    assert load_bot_data() is before
    data.reload()
    assert load_bot_data() is not before
    assert load_bot_data() == before
