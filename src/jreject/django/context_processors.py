"""``"jreject.django.context_processors.jreject"``: the verdict in every template."""

from __future__ import annotations

from jreject.integrations.django.context_processors import jreject

__all__ = ["jreject"]
