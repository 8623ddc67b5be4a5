"""Configure Django for the integration tests from the test project's settings module.

Done here, not with DJANGO_SETTINGS_MODULE for the whole run, so the rest of the suite
never loads Django; pytest-django sets up its test environment once settings exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

import django
import pytest
from django.conf import settings

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

if not settings.configured:
    from django_project import settings as project_settings

    settings.configure(
        **{
            name: getattr(project_settings, name)
            for name in dir(project_settings)
            if name.isupper()
        }
    )
    django.setup()


@pytest.fixture(autouse=True)
def _hand_kept_tables_are_current(monkeypatch):
    """The hand-kept tables' review date is a fact of the calendar, not of a setup: the
    checks' ids here must not change the day a table turns a year old (tested in
    tests/test_health.py)."""
    import jreject.data

    monkeypatch.setattr(jreject.data, "tables_age_warning", lambda now=None: None)
