"""Put a middleware together once: settings, notice, verdict source, counters, log.

WSGI and ASGI share this, so both validate the same way and fail at start-up.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from jreject.middleware.log import Counters, RateLimitedLog
from jreject.middleware.respond import Engine, NoticeLike
from jreject.middleware.settings import Settings
from jreject.policy.base import Policy, Verdict
from jreject.policy.decide import BotMode

__all__ = ["Built", "VerdictSource", "build"]


@runtime_checkable
class VerdictSource(Protocol):
    """Gives the verdict for a request, read from a WSGI environ or an ASGI scope.

    :class:`jreject.policy.cache.VerdictCache` is one (and the default); a test or
    a site with its own detection may pass anything with these two methods.
    """

    def from_environ(self, environ: Mapping[str, Any], /) -> Verdict: ...

    def from_scope(self, scope: Mapping[str, Any], /) -> Verdict: ...


@dataclass(frozen=True, slots=True)
class Built:
    """What one middleware instance holds: the shared engine and where verdicts come from."""

    engine: Engine
    verdicts: VerdictSource


def build(
    *,
    policy: Policy | None,
    config: Any,
    notice: Any,
    verdicts: Any,
    options: Mapping[str, Any],
) -> Built:
    """Validate everything for a new middleware; raises ``ValueError`` naming the bad key."""
    config = _load_config(config)
    table = getattr(config, "middleware", None) or {}
    if not isinstance(table, Mapping):
        raise ValueError(f"config 'middleware' must be a table, not {table!r}")
    settings = Settings.from_options(table, **options)
    if notice is None:
        notice = _default_notice(config, settings)
    for method in ("fragment", "block_page", "static"):
        if not callable(getattr(notice, method, None)):
            raise ValueError(
                f"middleware argument 'notice' must be a jreject.notice.Notice (with {method}()), "
                f"not {notice!r}"
            )
    if verdicts is None:
        verdicts = _default_verdicts(policy, config)
    elif policy is not None:
        raise ValueError("give the middleware either 'policy' or 'verdicts', not both")
    if not isinstance(verdicts, VerdictSource):
        raise ValueError(
            "middleware argument 'verdicts' must have from_environ() and from_scope() "
            f"(a jreject.policy.cache.VerdictCache), not {verdicts!r}"
        )
    log = RateLimitedLog(settings.log_interval)
    engine = Engine(settings, notice, _notice_request_type(), Counters(), log)
    return Built(engine, verdicts)


def _load_config(config: Any) -> Any:
    if config is None or not isinstance(config, Mapping):
        return config
    # A jreject.toml-shaped dict (Django/Flask settings): validated by the policy
    # config loader, imported by name because the middleware does not need it otherwise.
    module = importlib.import_module("jreject.policy.config")
    return module.Config.from_mapping(config)


def _default_notice(config: Any, settings: Settings) -> NoticeLike:
    from jreject.notice import Notice

    table = dict(getattr(config, "notice", None) or {})
    table.setdefault("static_url", settings.prefix + "/static/")
    notice: NoticeLike = Notice.from_config(table)
    return notice


def _notice_request_type() -> Any:
    from jreject.notice import NoticeRequest

    return NoticeRequest


def _default_verdicts(policy: Policy | None, config: Any) -> VerdictSource:
    from jreject.policy.cache import VerdictCache
    from jreject.policy.rules import RejectRules

    if policy is None and config is not None:
        policy = config.policy
    if policy is None:
        policy = RejectRules()  # jReject's own default: {msie = 6}, modal
    bots: BotMode = getattr(config, "bots", "allow") if config is not None else "allow"
    return VerdictCache(policy, bots=bots)
