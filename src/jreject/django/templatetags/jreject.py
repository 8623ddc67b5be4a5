"""``{% load jreject %}{% jreject_notice %}``: place the notice yourself.

The tag writes a placeholder, the same for every visitor, and the middleware puts this
visitor's notice in its place (and none before ``</body>``). So the rendered page, or
a ``{% cache %}`` fragment holding the tag, can be cached and served to anyone: the
tag never renders one visitor's notice into it. An allowed visitor's page keeps the
placeholder, an HTML comment.
"""

from __future__ import annotations

from django import template  # type: ignore[import-untyped]
from django.utils.safestring import SafeString, mark_safe  # type: ignore[import-untyped]

from jreject.middleware.site import NOTICE_PLACEHOLDER

__all__ = ["jreject_notice", "register"]

register = template.Library()


@register.simple_tag  # type: ignore[untyped-decorator]
def jreject_notice() -> SafeString:
    """Where the notice goes: a placeholder the middleware fills in per visitor."""
    return mark_safe(NOTICE_PLACEHOLDER)
