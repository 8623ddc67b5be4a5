"""``jreject serve``: the verdict service for nginx, Traefik and Envoy (see ``docs/serve.md``)."""

from __future__ import annotations

from jreject.serve.app import VerdictService, create_app

__all__ = ["VerdictService", "create_app"]
