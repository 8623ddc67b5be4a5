"""The Django app: registers jreject's system checks."""

from __future__ import annotations

from django.apps import AppConfig  # type: ignore[import-untyped]
from django.core import checks  # type: ignore[import-untyped]

__all__ = ["JRejectConfig"]


class JRejectConfig(AppConfig):  # type: ignore[misc]
    """``INSTALLED_APPS = [..., "jreject.django"]`` finds this config.

    ``name`` is the ``INSTALLED_APPS`` entry itself; the label is ``jreject``.
    """

    name = "jreject.django"
    label = "jreject"
    verbose_name = "jreject"
    default = True

    def ready(self) -> None:
        from jreject.django.checks import check_jreject

        checks.register(check_jreject, "jreject")
