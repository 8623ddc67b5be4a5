"""Configure Django for the integration tests from the test project's settings module.

Done here, not with DJANGO_SETTINGS_MODULE for the whole run, so the rest of the suite
never loads Django; pytest-django sets up its test environment once settings exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

import django
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
