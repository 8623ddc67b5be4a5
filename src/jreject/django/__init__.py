"""``jreject.django``: the path Django settings use for jreject (the code is in
:mod:`jreject.integrations.django`).

``INSTALLED_APPS = [..., "jreject.django"]``,
``MIDDLEWARE = [..., "jreject.django.JRejectMiddleware"]``,
``from jreject.django import jreject_exempt, jreject_policy``; see ``docs/django.md``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["JRejectMiddleware", "jreject_exempt", "jreject_policy"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import jreject.django` works before Django's settings are configured.
    if name in __all__:
        from jreject.integrations import django

        return getattr(django, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
