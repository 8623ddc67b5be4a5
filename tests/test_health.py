"""jreject.health: each check finds its problem, names it by id and says what to run."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import pytest

from jreject.config import config_from_dict
from jreject.data import tables_age_warning
from jreject.health import (
    CHECK_IDS,
    Check,
    ConfigSource,
    HealthError,
    Report,
    check_accelerator,
    check_bot_engine,
    check_config,
    check_data,
    check_data_age,
    check_options,
    check_order,
    check_self_test,
    check_setting_names,
    check_tables_age,
    log_report,
    probes,
    run_checks,
)

WARNING = Check("jreject.W001", "warning", "Accelerator", "not loaded", "pip install ua-parser-rs")
ERROR = Check("jreject.E001", "error", "Configuration", "bad key", "fix it")
OK = Check("jreject.E002", "ok", "Browser data", "fine")


def test_check_line_names_id_message_and_hint():
    assert WARNING.line() == "jreject.W001: not loaded HINT: pip install ua-parser-rs"
    assert OK.line() == "jreject.E002: fine"


def test_report_sorts_problems_and_health():
    report = Report((OK, WARNING)) + Report((ERROR,))
    assert report.errors == (ERROR,)
    assert report.warnings == (WARNING,)
    assert not report.healthy
    assert Report((OK, WARNING)).healthy
    data = report.as_dict()
    assert (data["errors"], data["warnings"], data["healthy"]) == (1, 1, False)
    assert data["checks"][1] == {
        "id": "jreject.W001",
        "status": "warning",
        "title": "Accelerator",
        "message": "not loaded",
        "hint": "pip install ua-parser-rs",
        "details": {},
    }


def test_every_reported_id_is_documented():
    report, _ = run_checks(ConfigSource(mapping={"policy": {"reject": {"chrome": True}}}))
    assert {check.id for check in report.checks} <= set(CHECK_IDS)


def test_healthy_install_has_no_problem():
    report, config = run_checks()
    # The hand-kept tables warn by date alone, the day they are a year old.
    due = ["jreject.W007"] if tables_age_warning() else []
    assert [c.id for c in report.checks if c.status != "ok"] == due
    assert config is None


def test_hand_kept_tables_warn_when_a_year_old():
    from jreject.data import requirements, support

    newest = max(requirements.AS_OF, support.AS_OF)
    late = datetime(newest.year + 1, newest.month, newest.day, tzinfo=UTC)
    check = check_tables_age(late)
    assert (check.id, check.status) == ("jreject.W007", "warning")
    assert "Upgrade jreject" in check.hint
    oldest = min(requirements.AS_OF, support.AS_OF)
    fresh = datetime(oldest.year, oldest.month, oldest.day, tzinfo=UTC)
    assert check_tables_age(fresh).status == "ok"


def test_install_checks_can_be_left_out():
    report, _ = run_checks(install=False)
    assert [c.title for c in report.checks] == ["Configuration", "Notice"]


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (datetime(2027, 5, 1, tzinfo=UTC), "warning"),  # six calendar months after Nov 2026
        (datetime(2027, 4, 30, tzinfo=UTC), "ok"),
    ],
)
def test_data_age_warns_from_six_calendar_months(monkeypatch, now, status):
    monkeypatch.setattr(probes, "newest_release", lambda data: datetime(2026, 11, 19, tzinfo=UTC))
    check = check_data_age(now)
    assert (check.id, check.status) == ("jreject.W002", status)
    if status == "warning":
        assert "2026-11-19" in check.message
        assert "jreject data update" in check.hint


def test_data_check_reports_versions_and_source():
    check = check_data()
    assert check.status == "ok"
    assert check.details["caniuse_lite"]
    assert check.details["source"] == "bundled"


def test_data_check_error_says_what_to_run(monkeypatch):
    def missing():
        raise FileNotFoundError("agents.json")

    monkeypatch.setattr(probes, "load_data", missing)
    check = check_data()
    assert (check.id, check.status) == ("jreject.E002", "error")
    assert "agents.json" in check.message
    assert "jreject data update" in check.hint
    # The age check does not pile a second problem on the same cause, nor pass.
    assert check_data_age().status == "skipped"


def test_accelerator_present_and_missing(monkeypatch):
    assert check_accelerator().status == "ok"
    monkeypatch.setitem(sys.modules, "ua_parser_rs", None)
    check = check_accelerator()
    assert (check.id, check.status) == ("jreject.W001", "warning")
    assert "20×" in check.message
    assert check.details == {"resolver": "python"}


def test_bot_engine_present_and_missing(monkeypatch):
    from jreject.detect import bots

    assert check_bot_engine().status == "ok"
    monkeypatch.setattr(bots, "_re2", None)
    check = check_bot_engine()
    assert (check.id, check.status) == ("jreject.W006", "warning")
    assert "pip install google-re2" in check.hint


def test_config_file_is_named_with_its_keys(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_text('bots = "allow"\n[[policy]]\nreject = { msie = 8 }\n')
    check, config = check_config(ConfigSource(path=path))
    assert check.status == "ok"
    assert check.message == f"{path} is valid (keys: bots, policy)"
    assert config is not None


def test_config_file_with_a_byte_order_mark_is_named_with_its_keys(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_bytes(b'\xef\xbb\xbfbots = "allow"\n')
    check, _ = check_config(ConfigSource(path=path))
    assert check.message == f"{path} is valid (keys: bots)"


def test_config_found_upward_in_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.jreject]\nbots = 'log'\n")
    nested = tmp_path / "src" / "app"
    nested.mkdir(parents=True)
    check, config = check_config(ConfigSource(search_from=nested))
    assert str(tmp_path / "pyproject.toml") in check.message
    assert config.bots == "log"


def test_config_keys_of_a_pyproject_whose_tool_is_not_a_table_are_none(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('tool = "x"\n')
    assert probes.config_keys(ConfigSource(path=path), str(path)) == []


def test_a_broken_pyproject_found_upward_is_an_error_not_the_recommended_policy(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.jreject]\nbots = 'log\n")
    check, config = check_config(ConfigSource(search_from=tmp_path))
    assert (check.id, check.status) == ("jreject.E001", "error")
    assert check.message.startswith(f"{tmp_path / 'pyproject.toml'}:2: not valid TOML")
    assert config is None


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_text('bots = "allow"\npolicy = [\n')
    check, config = check_config(ConfigSource(path=path))
    assert (check.id, check.status) == ("jreject.E001", "error")
    assert check.message.startswith(f"{path}:")
    assert f"jreject doctor --config {path}" in check.hint
    assert config is None


def test_mapping_error_names_the_setting_and_key():
    source = ConfigSource(mapping={"middleware": {"cookie_samesite": "lax"}}, label="JREJECT")
    check, _ = check_config(source)
    assert check.status == "error"
    assert "cookie_samesite" in check.message
    assert check.message.startswith("JREJECT")
    assert "'middleware.cookie_samesite'" in check.hint


def test_self_test_warns_when_your_policy_rejects_current_chrome():
    config = config_from_dict({"policy": {"reject": {"chrome": True}, "action": "block"}})
    checks = check_self_test(config)
    assert [(c.id, c.status) for c in checks] == [
        ("jreject.E004", "ok"),
        ("jreject.W005", "warning"),
    ]
    assert "Chrome" in checks[1].message
    assert "block" in checks[1].message


@pytest.mark.parametrize(
    ("names", "outer_first", "expected"),
    [
        (["gzip", "jreject", "session"], True, ("jreject.W003", "ok")),
        (["jreject", "gzip"], True, ("jreject.W003", "warning")),
        (["jreject", "gzip"], False, ("jreject.W003", "ok")),  # listed innermost first
        (["gzip", "session"], True, ("jreject.W004", "warning")),
    ],
)
def test_order_check(names, outer_first, expected):
    check = check_order(names, ours="jreject".__eq__, compressors=["gzip"], outer_first=outer_first)
    assert (check.id, check.status) == expected


def test_options_check_names_a_mistyped_option_and_the_closest_one():
    check = check_options({"exlude": ["/api"]}, where="JReject(app, …)")
    assert (check.id, check.status) == ("jreject.E006", "error")
    assert check.message.startswith("JReject(app, …): middleware option 'exlude' is unknown")
    assert "(did you mean 'exclude'?)" in check.message
    assert check.details == {"key": "exlude"}


def test_options_check_passes_valid_options():
    check = check_options({"exclude": ["/api"], "explain": True}, where="JReject(app, …)")
    assert (check.id, check.status) == ("jreject.E006", "ok")
    assert "exclude, explain" in check.message


def test_options_check_merges_them_over_the_configs_middleware_table():
    # As the middleware does: alone each is fine, together the two cookies collide.
    config = config_from_dict({"middleware": {"cookie_name": "seen"}})
    assert check_options({"continue_cookie_name": "seen"}, where="x").status == "ok"
    check = check_options({"continue_cookie_name": "seen"}, config, where="x")
    assert check.status == "error"
    assert "continue_cookie_name" in check.message


def test_setting_names_check_warns_of_a_misspelled_jreject_setting():
    check = check_setting_names(
        ["DEBUG", "JREJECT_CONFG", "JREJECT"],
        ["JREJECT", "JREJECT_CONFIG"],
        shown=lambda name: f"settings.{name}",
    )
    assert (check.id, check.status) == ("jreject.W009", "warning")
    assert check.message == (
        "settings.JREJECT_CONFG (did you mean settings.JREJECT_CONFIG?): "
        "not a jreject setting, ignored"
    )
    assert check.details == {"unknown": ["JREJECT_CONFG"]}


@pytest.mark.parametrize("name", ["jreject", "Jreject_Config", "JREJECT_SOMETHING"])
def test_setting_names_check_reads_every_spelling_of_the_prefix(name):
    check = check_setting_names([name], ["JREJECT", "JREJECT_CONFIG"], shown=str)
    assert check.status == "warning"
    assert name in check.message


def test_setting_names_check_passes_known_and_unrelated_names():
    check = check_setting_names(["JREJECT", "REJECT_X", "MY_JREJECT"], ["JREJECT"], shown=str)
    assert (check.id, check.status) == ("jreject.W009", "ok")


def test_log_report_logs_problems_or_raises(caplog):
    caplog.set_level(logging.WARNING, logger="jreject")
    report = Report((OK, WARNING, ERROR))
    log_report(report, where="app")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "app: " + WARNING.line()),
        ("ERROR", "app: " + ERROR.line()),
    ]
    with pytest.raises(HealthError, match=r"jreject\.E001: bad key HINT: fix it"):
        log_report(report, raise_on_error=True)
    log_report(Report((OK, WARNING)), raise_on_error=True)  # warnings never raise


def test_current_chrome_comes_from_the_data():
    from jreject import data

    newest = data.load().agents["chrome"].released_versions[-1].version
    assert probes.current_chrome_major() == int(newest.split(".")[0])
