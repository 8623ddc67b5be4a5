"""Lets ``INSTALLED_APPS = ["jreject.django"]`` find jreject's app config."""

from __future__ import annotations

from jreject.integrations.django.apps import JRejectConfig

__all__ = ["JRejectConfig"]
