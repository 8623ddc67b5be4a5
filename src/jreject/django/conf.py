"""jreject's Django settings, read when asked (so ``override_settings`` works) and validated.

``JREJECT``
    A dict with the same keys as ``jreject.toml`` (``policy``, ``bots``, ``notice``,
    ``middleware`` …). Default: unset.
``JREJECT_CONFIG``
    The path of a ``jreject.toml`` (or a ``pyproject.toml`` with ``[tool.jreject]``), for
    sites that share one file with the CLI. Set this or ``JREJECT``, not both.
    With neither, the recommended policy applies (``jreject.policy.recommended``).
``JREJECT_EXEMPT_NAMESPACES``
    URL namespaces whose views jreject never touches. Default ``("admin",)``: the
    people who use the admin are the site's own staff, and a notice there only gets
    in their way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings  # type: ignore[import-untyped]

from jreject.config import ConfigSource, framework_source
from jreject.errors import SettingError

__all__ = [
    "DEFAULT_EXEMPT_NAMESPACES",
    "SETTINGS",
    "SettingError",
    "config_source",
    "exempt_namespaces",
    "setting_names",
]

DEFAULT_EXEMPT_NAMESPACES: tuple[str, ...] = ("admin",)
#: The settings jreject reads; another ``JREJECT_…`` setting is a typo (W009).
SETTINGS: tuple[str, ...] = ("JREJECT", "JREJECT_CONFIG", "JREJECT_EXEMPT_NAMESPACES")


def config_source() -> ConfigSource:
    """Where the configuration comes from, per ``JREJECT`` / ``JREJECT_CONFIG``."""
    return framework_source(
        getattr(settings, "JREJECT", None), getattr(settings, "JREJECT_CONFIG", None)
    )


def exempt_namespaces() -> frozenset[str]:
    """``JREJECT_EXEMPT_NAMESPACES`` as a set of namespace names."""
    value: Any = getattr(settings, "JREJECT_EXEMPT_NAMESPACES", DEFAULT_EXEMPT_NAMESPACES)
    if isinstance(value, str) or not isinstance(value, Sequence | frozenset | set):
        raise SettingError(
            "JREJECT_EXEMPT_NAMESPACES",
            f"must be a list of URL namespace names such as ['admin'], not {value!r}",
        )
    for item in value:
        if not isinstance(item, str):
            raise SettingError(
                "JREJECT_EXEMPT_NAMESPACES", f"must hold namespace names (str), not {item!r}"
            )
    return frozenset(value)


def setting_names() -> list[str]:
    """Every setting's name (the settings module's, ``override_settings``' included)."""
    return dir(settings)
