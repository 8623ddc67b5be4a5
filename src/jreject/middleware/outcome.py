"""What the engine decides for one request, before and after the app runs.

Plain values the adapters and the cache-friendly endpoints share: :class:`Prepared`
(the decision taken before the app runs, for a visitor the policy rejects),
:data:`Outcome` (everything :meth:`~jreject.middleware.respond.Engine.begin` can
return) and :class:`Plan` (how to send the app's response).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias

from jreject.middleware.http import Request, Response
from jreject.policy.base import Verdict

__all__ = ["Outcome", "Plan", "Prepared"]


@dataclass(slots=True)
class Prepared:
    """The per-request decision taken before the app runs (read-only; not frozen, for
    the same reason as :class:`~jreject.middleware.http.Request`)."""

    request: Request
    verdict: Verdict
    #: The notice goes into a suitable HTML response (modal/banner, not dismissed, a
    #: navigation). The request the app sees then has no conditional headers, so the
    #: app answers with the whole page (never 304 for the page without the notice).
    inject: bool
    #: ``Vary`` names for a response whose content depends on the verdict.
    vary: tuple[str, ...]
    #: The page depends on more than the browser (this visitor's cookie, the kind of
    #: request): it goes out ``private``, so shared caches keep no copy of it.
    private: bool = False
    #: Cache-friendly mode: the page's view has a policy of its own, so its ``v.js``
    #: URL names the page (``v.js?next=…``) and is judged by that policy.
    scoped: bool = False


#: What :meth:`Engine.begin` decided: ``None`` (pass through untouched), a
#: :class:`Response` jreject sends itself, a :class:`Verdict` (an allowed visitor: the
#: app's response only gains headers, :meth:`Engine.allowed_headers`), or a
#: :class:`Prepared` decision for a visitor the policy rejects.
Outcome: TypeAlias = Response | Prepared | Verdict | None


@dataclass(frozen=True, slots=True)
class Plan:
    """How to send the app's response: final headers, and the fragment to splice (or None)."""

    headers: list[tuple[str, str]]
    fragment: bytes | None
