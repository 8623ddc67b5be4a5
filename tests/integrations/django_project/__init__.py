"""A tiny real Django project the integration tests run against."""

from __future__ import annotations
