"""``jreject migrate``: jReject's jQuery options and the Drupal module's settings → jreject.toml.

See ``docs/migrate.md``.
"""

from __future__ import annotations

from jreject.migrate.drupal import DrupalError, migrate_drupal, read_settings
from jreject.migrate.literal import JSFunction, OptionsError, read_options
from jreject.migrate.options import Migration, migrate_options
from jreject.migrate.toml import render

__all__ = [
    "DrupalError",
    "JSFunction",
    "Migration",
    "OptionsError",
    "migrate_drupal",
    "migrate_options",
    "read_options",
    "read_settings",
    "render",
]
