"""jreject's Django system checks: ``manage.py check`` (and runserver, deploy checks).

Each problem has a stable id (``jreject.E001`` …, ``jreject.W001`` …, see
``docs/django.md``) and a hint naming what to run or change. They are the same checks
``jreject doctor`` runs, plus the Django-only ones: settings types and where the
middleware sits in ``MIDDLEWARE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings  # type: ignore[import-untyped]
from django.core.checks import CheckMessage, Error, Warning  # type: ignore[import-untyped]

from jreject.django import conf
from jreject.health import Check, Report, check_order, check_setting_names, run_checks

__all__ = ["COMPRESSION_MIDDLEWARE", "MIDDLEWARE_PATH", "check_jreject", "django_report"]

#: The dotted path that names jreject's middleware in ``MIDDLEWARE``.
MIDDLEWARE_PATH = "jreject.django.JRejectMiddleware"
#: Middleware that compress the response: jreject must sit inside (after) them.
COMPRESSION_MIDDLEWARE: frozenset[str] = frozenset(
    {
        "django.middleware.gzip.GZipMiddleware",
        "compression_middleware.middleware.CompressionMiddleware",
        "django_brotli.middleware.BrotliMiddleware",
    }
)


def django_report(*, install: bool = True) -> Report:
    """Every check for the current Django settings, ok ones included (for ``jreject doctor``).

    ``install=False`` leaves out the install checks, for a caller that ran them already.
    """
    try:
        source = conf.config_source()
        namespaces_error = None
        try:
            conf.exempt_namespaces()
        except conf.SettingError as exc:
            namespaces_error = exc
    except conf.SettingError as exc:
        return Report((_setting_error(exc),)) + run_checks(install=install)[0] + _names() + _order()
    report, _ = run_checks(source, install=install)
    extra: tuple[Check, ...] = ()
    if namespaces_error is not None:
        extra = (_setting_error(namespaces_error),)
    return report + Report(extra) + _names() + _order()


def check_jreject(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """The Django check: jreject's problems as Errors and Warnings (ok checks are dropped)."""
    messages: list[CheckMessage] = []
    for check in django_report().checks:
        if check.status == "error":
            messages.append(Error(check.message, hint=check.hint or None, id=check.id))
        elif check.status == "warning":
            messages.append(Warning(check.message, hint=check.hint or None, id=check.id))
    return messages


def _setting_error(exc: conf.SettingError) -> Check:
    return Check(
        "jreject.E006",
        "error",
        "Django settings",
        str(exc),
        f"Fix settings.{exc.setting} (see docs/django.md), then run `python manage.py check`.",
        {"setting": exc.setting},
    )


def _names() -> Report:
    check = check_setting_names(
        conf.setting_names(), conf.SETTINGS, shown=lambda name: f"settings.{name}"
    )
    return Report((check,))


def _app() -> tuple[Check, ...]:
    from django.apps import apps  # type: ignore[import-untyped]

    if apps.is_installed("jreject.django"):
        return ()
    # Only doctor can say this: without the app, Django never runs these checks.
    return (
        Check(
            "jreject.W004",
            "warning",
            "Django app",
            "jreject.django is not in INSTALLED_APPS: no system checks, no {% load jreject %}",
            'Add "jreject.django" to settings.INSTALLED_APPS.',
        ),
    )


def _is_ours(path: str) -> bool:
    """``path`` is :data:`MIDDLEWARE_PATH`, or another path to the same class (a deprecated one)."""
    if path == MIDDLEWARE_PATH:
        return True
    if not path.startswith("jreject."):
        return False
    import warnings

    from django.utils.module_loading import import_string  # type: ignore[import-untyped]

    from jreject.django.middleware import JRejectMiddleware

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return import_string(path) is JRejectMiddleware
    except ImportError:
        return False


def _order() -> Report:
    middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
    check = check_order(
        middleware,
        ours=_is_ours,
        compressors=COMPRESSION_MIDDLEWARE,
        where="settings.MIDDLEWARE",
    )
    if check.id == "jreject.W004":
        check = Check(
            check.id,
            check.status,
            check.title,
            check.message,
            'Add "jreject.django.JRejectMiddleware" to settings.MIDDLEWARE, after '
            "GZipMiddleware if you use it.",
        )
    return Report((*_app(), check))
