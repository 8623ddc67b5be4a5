"""The documented paths: ``jreject.django`` for INSTALLED_APPS, MIDDLEWARE and imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.apps import apps

import jreject.django
from jreject.django.middleware import JRejectMiddleware

ROOT = Path(__file__).resolve().parents[2]


def test_installed_app_entry_finds_the_app_config():
    config = apps.get_app_config("jreject")
    assert config.name == "jreject.django"
    assert type(config).__name__ == "JRejectConfig"


def test_public_names_are_the_integration_objects():
    assert jreject.django.JRejectMiddleware is JRejectMiddleware
    assert callable(jreject.django.jreject_exempt)
    assert callable(jreject.django.jreject_policy)


def test_importing_jreject_django_needs_no_configured_settings():
    code = (
        "import sys, jreject.django; "
        "assert 'django.conf' not in sys.modules, sorted(m for m in sys.modules if 'django' in m); "
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "ok", result.stderr
