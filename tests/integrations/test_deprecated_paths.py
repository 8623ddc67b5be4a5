"""The old ``jreject.integrations.*`` paths: still working for one release, with a warning."""

from __future__ import annotations

import importlib
import sys

import pytest


def _fresh_import(name: str):
    for module in [m for m in sys.modules if m == name or m.startswith("jreject.integrations")]:
        del sys.modules[module]
    return importlib.import_module(name)


@pytest.mark.parametrize(
    ("old", "new", "name"),
    [
        ("jreject.integrations.flask", "jreject.flask", "JReject"),
        ("jreject.integrations.starlette", "jreject.starlette", "JRejectMiddleware"),
        ("jreject.integrations.django", "jreject.django", "JRejectMiddleware"),
        ("jreject.integrations.django.decorators", "jreject.django.decorators", "jreject_exempt"),
    ],
)
def test_old_path_warns_and_gives_the_same_object(old, new, name):
    with pytest.warns(DeprecationWarning, match="jreject.integrations is deprecated"):
        module = _fresh_import(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)


def test_asgi_alias_warns_and_is_the_asgi_class():
    from jreject import middleware
    from jreject.middleware import JRejectASGI

    with pytest.warns(DeprecationWarning, match="jreject.starlette.JRejectMiddleware"):
        alias = middleware.JRejectMiddleware
    assert alias is JRejectASGI


def test_one_middleware_name_per_framework():
    import jreject.django
    import jreject.starlette

    assert jreject.django.JRejectMiddleware is not jreject.starlette.JRejectMiddleware
    assert "JRejectMiddleware" not in importlib.import_module("jreject.middleware").__all__


def test_app_config_name_is_the_installed_apps_entry():
    from jreject.django.apps import JRejectConfig

    assert JRejectConfig.name == "jreject.django"
