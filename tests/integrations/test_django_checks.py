"""jreject's Django system checks: each id under override_settings, as cors-headers does."""

from __future__ import annotations

import importlib
import sys
from datetime import UTC, datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

import jreject.data
import jreject.detect
from jreject.django.checks import check_jreject
from jreject.health import probes
from jreject.notice import Notice

GOOD_MIDDLEWARE = [
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jreject.django.JRejectMiddleware",
]


def ids():
    return [message.id for message in check_jreject()]


def by_id(check_id):
    (message,) = [m for m in check_jreject() if m.id == check_id]
    return message


def test_the_test_project_passes_every_check():
    assert ids() == []


def test_checks_are_registered_with_django():
    with override_settings(JREJECT={"polcy": []}), pytest.raises(SystemCheckError) as raised:
        call_command("check", "--tag", "jreject")
    assert "jreject.E001" in str(raised.value)


@override_settings(JREJECT={"policy": {"reject": {"msiee": 6}}})
def test_E001_invalid_config_names_the_key():
    message = by_id("jreject.E001")
    assert message.is_serious()
    assert "msiee" in message.msg
    assert "settings.JREJECT" in message.msg
    assert "jreject doctor" in message.hint


def test_E001_config_file_error_names_file_and_line(tmp_path):
    config = tmp_path / "jreject.toml"
    config.write_text('bots = "allow"\n\n[[policy]]\nminimum = { safarii = 17 }\n')
    with override_settings(JREJECT=None, JREJECT_CONFIG=str(config)):
        message = by_id("jreject.E001")
    assert f"{config}:4" in message.msg
    assert "safarii" in message.msg
    assert f"--config {config}" in message.hint


def test_E001_missing_config_file(tmp_path):
    with override_settings(JREJECT=None, JREJECT_CONFIG=str(tmp_path / "nope.toml")):
        message = by_id("jreject.E001")
    assert "nope.toml" in message.msg


def test_E002_corrupt_browser_data(monkeypatch):
    def corrupt():
        raise ValueError("Expecting value: line 1 column 1 (char 0)")

    monkeypatch.setattr(jreject.data, "load", corrupt)
    message = by_id("jreject.E002")
    assert message.is_serious()
    assert "jreject data update" in message.hint


def test_E003_detection_broken(monkeypatch):
    def broken(headers):
        raise ImportError("No module named 'ua_parser'")

    monkeypatch.setattr(jreject.detect, "detect", broken, raising=False)
    message = by_id("jreject.E003")
    assert "ua_parser" in message.msg
    assert "pip install --force-reinstall ua-parser" in message.hint


def test_E004_self_test_catches_a_policy_engine_that_allows_ie6(monkeypatch):
    from jreject.policy.base import allow

    # jreject.policy re-exports the function under the module's name: patch the module.
    decide_module = importlib.import_module("jreject.policy.bots")
    monkeypatch.setattr(decide_module, "decide", lambda client, policy, bots="allow": allow(client))
    message = by_id("jreject.E004")
    assert "IE 6 is allowed by the default policy" in message.msg


def test_E005_notice_cannot_render(monkeypatch):
    def broken(self, request):
        raise FileNotFoundError("modal.html")

    monkeypatch.setattr(Notice, "fragment", broken)
    message = by_id("jreject.E005")
    assert "modal.html" in message.msg


@override_settings(JREJECT=["msie", 6])
def test_E006_setting_of_the_wrong_type():
    message = by_id("jreject.E006")
    assert "settings.JREJECT must be a dict" in message.msg


def test_E006_both_settings(tmp_path):
    with override_settings(JREJECT={}, JREJECT_CONFIG=str(tmp_path / "jreject.toml")):
        assert "jreject.E006" in ids()


@override_settings(JREJECT_EXEMPT_NAMESPACES="admin")
def test_E006_exempt_namespaces_must_be_a_list():
    assert "JREJECT_EXEMPT_NAMESPACES" in by_id("jreject.E006").msg


def test_W001_accelerator_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "ua_parser_rs", None)
    message = by_id("jreject.W001")
    assert not message.is_serious()
    assert message.hint == "Install the accelerator: `pip install ua-parser-rs`."


def test_W002_data_older_than_six_months(monkeypatch):
    monkeypatch.setattr(probes, "newest_release", lambda data: datetime(2020, 1, 1, tzinfo=UTC))
    message = by_id("jreject.W002")
    assert "2020-01-01" in message.msg
    assert "jreject data update" in message.hint


@override_settings(MIDDLEWARE=[*reversed(GOOD_MIDDLEWARE)])
def test_W003_jreject_outside_gzip():
    message = by_id("jreject.W003")
    assert "GZipMiddleware" in message.msg


@override_settings(MIDDLEWARE=GOOD_MIDDLEWARE[:-1])
def test_W004_middleware_missing():
    assert "jreject.django.JRejectMiddleware" in by_id("jreject.W004").hint


def test_W004_app_missing_is_seen_by_doctor():
    from django.apps import apps

    from jreject.django.checks import django_report

    with override_settings(
        INSTALLED_APPS=[a for a in settings.INSTALLED_APPS if "jreject" not in a]
    ):
        assert not apps.is_installed("jreject.django")
        (warning,) = django_report(install=False).warnings
    assert warning.id == "jreject.W004"
    assert "INSTALLED_APPS" in warning.hint


@override_settings(JREJECT={"policy": {"reject": {"chrome": True}}})
def test_W005_policy_rejects_current_chrome():
    message = by_id("jreject.W005")
    assert "Chrome" in message.msg


@override_settings(JREJECT_CONFG="jreject.toml", JREJECT_EXEMPT_NAMESPACE=["shop"])
def test_W009_misspelled_settings_name_the_setting_meant():
    message = by_id("jreject.W009")
    assert not message.is_serious()
    assert "settings.JREJECT_CONFG (did you mean settings.JREJECT_CONFIG?)" in message.msg
    assert (
        "settings.JREJECT_EXEMPT_NAMESPACE (did you mean settings.JREJECT_EXEMPT_NAMESPACES?)"
        in message.msg
    )


@override_settings(JREJECT={"policy": {"reject": {"msiee": 6}}}, MIDDLEWARE=GOOD_MIDDLEWARE[:-1])
def test_exact_ids_for_a_broken_setup(monkeypatch):
    monkeypatch.setitem(sys.modules, "ua_parser_rs", None)
    assert ids() == ["jreject.W001", "jreject.E001", "jreject.W004"]
