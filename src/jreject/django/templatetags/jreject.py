"""``{% load jreject %}{% jreject_notice %}``: place the notice yourself.

The tag renders the modal or banner where it stands (empty for an allowed, exempt or
dismissed visitor) and tells the middleware not to inject it again. It needs the
request in the template context (``django.template.context_processors.request``, on
by default in new projects).
"""

from __future__ import annotations

from typing import Any

from django import template  # type: ignore[import-untyped]
from django.utils.safestring import SafeString, mark_safe  # type: ignore[import-untyped]

from jreject.django.middleware import state_of
from jreject.middleware.site import place_notice

__all__ = ["jreject_notice", "register"]

register = template.Library()


@register.simple_tag(takes_context=True)  # type: ignore[untyped-decorator]
def jreject_notice(context: Any) -> SafeString:
    """The notice for this visitor, or nothing."""
    request = getattr(context, "request", None) or context.get("request")
    state = state_of(request) if request is not None else None
    return mark_safe(place_notice(state, "while rendering {% jreject_notice %}"))
