"""Per-view control: ``@jreject_exempt`` and ``@jreject_policy(...)``.

Like Django's ``csrf_exempt``, each returns a new view carrying a flag the middleware
reads in ``process_view``; the original view is left untouched. Both work on
function views (sync or async) and on class-based views (decorate the class, or use
``method_decorator(..., name="dispatch")``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from asgiref.sync import iscoroutinefunction

from jreject.middleware.site import VIEW_EXEMPT, VIEW_POLICY, compile_view_policy
from jreject.policy.base import Policy

__all__ = ["jreject_exempt", "jreject_policy"]

V = TypeVar("V")


def jreject_exempt(view: V) -> V:
    """Never check visitors of this view: no notice, no block, no ``Vary``."""
    return _mark(view, VIEW_EXEMPT, True)


def jreject_policy(
    policy: Policy | Mapping[str, Any] | None = None, /, **tier: Any
) -> Callable[[V], V]:
    """Judge this view's visitors by their own policy instead of the site's.

    Give a :class:`~jreject.policy.base.Policy`, or one ``[[policy]]`` tier as keywords,
    e.g. ``@jreject_policy(minimum={"preset": "modern"}, action="block")``. The tier is
    validated here, when the view module is imported, so a typo fails at startup.
    """
    compiled = compile_view_policy(policy, tier)

    def decorator(view: V) -> V:
        return _mark(view, VIEW_POLICY, compiled)

    return decorator


def _mark(view: V, name: str, value: Any) -> V:
    if isinstance(view, type):
        # A class-based view: as_view() copies dispatch's attributes onto the view
        # function it returns, so a subclass gets a marked wrapper of dispatch (the
        # class itself, and other views made from it, stay as they were).
        original = view.dispatch  # type: ignore[attr-defined]

        @functools.wraps(original)
        def dispatch(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
            return original(self, request, *args, **kwargs)

        _set_flag(dispatch, name, value)
        namespace = {
            "dispatch": dispatch,
            "__module__": view.__module__,
            "__qualname__": view.__qualname__,
            "__doc__": view.__doc__,
        }
        marked: V = type(view)(view.__name__, (view,), namespace)
        return marked
    if not callable(view):
        raise TypeError(f"jreject decorators apply to views, not {view!r}")
    func: Callable[..., Any] = view
    if iscoroutinefunction(func):

        async def async_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return await func(request, *args, **kwargs)

        wrapper: Callable[..., Any] = async_wrapper
    else:

        def sync_wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            return func(request, *args, **kwargs)

        wrapper = sync_wrapper
    result: V = functools.wraps(func)(wrapper)  # type: ignore[assignment]
    _set_flag(result, name, value)
    return result


def _set_flag(view: Any, name: str, value: Any) -> None:
    # The decorator nearest the view's use says all: functools.wraps copied the flags
    # of a view it wraps (an exempt base class, a decorator below this one).
    for flag in (VIEW_EXEMPT, VIEW_POLICY):
        if flag in vars(view):
            delattr(view, flag)
    setattr(view, name, value)
