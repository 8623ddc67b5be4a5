"""What the Django and Flask layers share: one configured engine, per-view policies, fail-open.

Both frameworks hand jreject a request object and a response object instead of a
WSGI environ, so they cannot simply wrap :class:`~jreject.middleware.wsgi.JRejectWSGI`
(they also need per-view control, which only exists after URL routing). They drive
the same framework-neutral :class:`~jreject.middleware.respond.Engine` instead, so
every HTTP rule (Vary, 406 page, close endpoint, cookies, Content-Length,
caching of the notice's page, which requests are page loads) is the middleware's,
written once.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from jreject.config import compile_tier
from jreject.middleware.build import VerdictSource, build
from jreject.middleware.cachefriendly import PAGE_VERDICT
from jreject.middleware.inject import PLACEHOLDER, FailOpenSplicer, splice_whole
from jreject.middleware.outcome import Prepared
from jreject.middleware.respond import Engine, visitor_verdict
from jreject.policy.base import Policy, Verdict
from jreject.policy.bots import BotSetting

__all__ = [
    "NOTICE_PLACEHOLDER",
    "VIEW_EXEMPT",
    "VIEW_POLICY",
    "Site",
    "compile_view_policy",
    "splice_async",
    "splice_sync",
]

#: Attribute a per-view decorator sets on the view function (as Django's ``csrf_exempt``).
VIEW_EXEMPT = "jreject_exempt"
VIEW_POLICY = "jreject_policy"
#: What the template tag and the Jinja global write where the notice is to go: the same
#: text for every visitor, so a page or fragment cached with it is right for everyone.
#: The response phase puts this visitor's notice in its place (an allowed visitor's
#: page keeps the comment: finding it would mean scanning every allowed page).
NOTICE_PLACEHOLDER = PLACEHOLDER.decode("ascii")

logger = logging.getLogger("jreject")


def compile_view_policy(
    policy: Policy | Mapping[str, Any] | None, tier: Mapping[str, Any]
) -> Policy:
    """A per-view policy: a :class:`Policy` as is, or one ``[[policy]]`` tier compiled now.

    Compiling at decoration time means a typo in a view's policy fails when the URLconf
    is imported (at startup), never on a request.
    """
    if policy is not None and tier:
        raise TypeError("give a Policy or policy keywords (one [[policy]] tier), not both")
    if policy is not None and not isinstance(policy, Mapping):
        if not callable(policy):
            raise TypeError(f"a per-view policy must be a jreject Policy or a dict, not {policy!r}")
        return policy
    table = dict(policy or tier)
    if not table:
        raise TypeError("a per-view policy needs a Policy or keywords such as minimum={...}")
    return compile_tier(table, source="view policy")


class Site:
    """jreject configured once for one framework app: one engine, one verdict source.

    ``options`` are middleware settings that win over the config's ``[middleware]``
    table; ``language`` returns the framework's active language, or None when none is
    active (asked while rendering a notice, when the ``language`` setting gives none);
    the notice then negotiates ``Accept-Language`` itself.
    Raises ``ValueError`` (a ``ConfigError`` for the config) naming the bad key.
    """

    def __init__(
        self,
        config: Any,
        *,
        options: Mapping[str, Any] | None = None,
        language: Callable[[], str | None] | None = None,
    ) -> None:
        built = build(
            policy=None,
            config=config,
            notice=None,
            verdicts=None,
            options=options or {},
            language=language,
        )
        self.config = config
        self.engine: Engine = built.engine
        self.verdicts: VerdictSource = built.verdicts
        self.bots: BotSetting = built.bots
        self._detector = built.detector
        self._per_policy: dict[int, tuple[Policy, VerdictSource]] = {}
        self._lock = threading.Lock()

    @property
    def counters(self) -> Any:
        """The engine's counters (requests, actions, errors …)."""
        return self.engine.counters

    def verdicts_for(self, policy: Policy | None) -> VerdictSource:
        """The verdict source for a view: the site's, or a cache for the view's own policy."""
        if policy is None:
            return self.verdicts
        found = self._per_policy.get(id(policy))
        if found is not None:
            return found[1]
        from jreject.pipeline import VerdictCache

        with self._lock:
            found = self._per_policy.get(id(policy))
            if found is None:
                # The site's detector (with its bot patterns); kept with the policy so
                # the policy's id() cannot be reused by another object.
                found = (policy, VerdictCache(policy, self._detector, bots=self.bots))
                self._per_policy[id(policy)] = found
        return found[1]


@dataclasses.dataclass(slots=True)
class RequestState:
    """One request's jreject state, kept on the framework's request object."""

    site: Site
    #: What :meth:`~jreject.middleware.respond.Engine.begin` decided for the request.
    outcome: Prepared | Verdict

    @property
    def prepared(self) -> Prepared | None:
        """The decision for a visitor the policy rejects (None for an allowed one)."""
        outcome = self.outcome
        return outcome if isinstance(outcome, Prepared) else None

    @property
    def verdict(self) -> Verdict | None:
        """The visitor's verdict; None for a page in cache-friendly mode.

        There the page is the same for every visitor and carries no ``Vary``, so no
        verdict is taken for it (``<prefix>/v.js`` decides in the browser): a view that
        rendered per-verdict content would have it cached for everyone.
        """
        return visitor_verdict(self.outcome)

    @property
    def cache_friendly(self) -> bool:
        """The page is served in cache-friendly mode: the same for every visitor."""
        outcome = self.outcome
        return isinstance(outcome, Prepared) and outcome.verdict is PAGE_VERDICT

    @property
    def gets_notice(self) -> bool:
        """The page becomes this visitor's own (the notice goes in): the view must send it
        whole, so the request's conditional headers are to be dropped (RFC 9110 §13.1)."""
        prepared = self.prepared
        return prepared is not None and prepared.inject and not self.cache_friendly


def splice_sync(
    site: Site, fragment: bytes, chunks: Iterable[bytes], prepared: Prepared | None = None
) -> Iterator[bytes]:
    """``chunks`` with the notice spliced in; on a failure the rest passes through unmodified.

    ``prepared``: what was decided for the request, to count it right if the body turns
    out to be UTF-16 (:meth:`~jreject.middleware.respond.Engine.declined`)."""
    splicer = _splicer(site, fragment, prepared)
    if isinstance(chunks, list | tuple) and chunks:  # a whole body: its last chunk is known
        yield from splice_whole(splicer, [bytes(chunk) for chunk in chunks])
        return
    for chunk in chunks:
        yield from splicer.feed(bytes(chunk))
    yield from splicer.finish()


async def splice_async(
    site: Site, fragment: bytes, chunks: AsyncIterator[bytes], prepared: Prepared | None = None
) -> AsyncIterator[bytes]:
    """:func:`splice_sync` for an async body (Django ASGI streaming responses)."""
    splicer = _splicer(site, fragment, prepared)
    async for chunk in chunks:
        for part in splicer.feed(bytes(chunk)):
            yield part
    for part in splicer.finish():
        yield part


def _splicer(site: Site, fragment: bytes, prepared: Prepared | None) -> FailOpenSplicer:
    engine = site.engine
    return FailOpenSplicer(
        fragment,
        partial(engine.failed, "while adding the notice"),
        partial(engine.declined, prepared),
    )
