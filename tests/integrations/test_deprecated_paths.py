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


def test_the_old_config_path_warns_and_gives_the_same_loader():
    import jreject.config

    sys.modules.pop("jreject.policy.config", None)
    with pytest.warns(DeprecationWarning, match="jreject.policy.config is deprecated"):
        module = importlib.import_module("jreject.policy.config")
    assert module.load_config is jreject.config.load_config
    assert module.ConfigError is jreject.config.ConfigError


def test_the_policy_package_still_lends_the_config_names_it_had():
    import jreject.config
    import jreject.policy

    assert jreject.policy.load_config is jreject.config.load_config
    assert jreject.policy.Config is jreject.config.Config
