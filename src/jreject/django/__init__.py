"""jreject for Django. Use it through its public path, ``jreject.django``.

``INSTALLED_APPS = [..., "jreject.django"]`` and
``MIDDLEWARE = [..., "jreject.django.JRejectMiddleware"]``; see ``docs/django.md``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["JRejectMiddleware", "jreject_exempt", "jreject_policy"]


def __getattr__(name: str) -> Any:
    # Lazy: importing the package must not import Django's settings machinery, so
    # `import jreject.django` works before settings are configured (doctor, tests).
    if name == "JRejectMiddleware":
        from jreject.django.middleware import JRejectMiddleware

        return JRejectMiddleware
    if name in ("jreject_exempt", "jreject_policy"):
        from jreject.django import decorators

        return getattr(decorators, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
