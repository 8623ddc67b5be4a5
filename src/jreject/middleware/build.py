"""Put a middleware together once: settings, notice, verdict source, counters, log.

WSGI and ASGI share this (:func:`build`, and the constructor in :class:`Wrapper`),
so both take the same arguments, validate the same way and fail at start-up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from jreject.config import Config, config_from_dict, default_config, load_config
from jreject.middleware.http import asgi_headers
from jreject.middleware.log import Counters, RateLimitedLog
from jreject.middleware.outcome import Outcome
from jreject.middleware.respond import Engine, NoticeLike
from jreject.pipeline import VerdictCache
from jreject.policy.base import Policy, Verdict
from jreject.policy.bots import BotSetting
from jreject.settings import Settings

__all__ = ["Built", "ConfigLike", "VerdictSource", "Wrapper", "build"]

#: A loaded config, a ``jreject.toml``-shaped mapping, or the path of a TOML file.
ConfigLike = Config | Mapping[str, Any] | str | PathLike[str] | None

AppT = TypeVar("AppT")

logger = logging.getLogger("jreject")


@runtime_checkable
class VerdictSource(Protocol):
    """Gives the verdict for a request, read from a WSGI environ or an ASGI scope.

    :class:`jreject.pipeline.VerdictCache` is one (and the default); a test or
    a site with its own detection may pass anything with these two methods.
    """

    def from_environ(self, environ: Mapping[str, Any], /) -> Verdict: ...

    def from_scope(self, scope: Mapping[str, Any], /) -> Verdict: ...


@dataclass(frozen=True, slots=True)
class Built:
    """What one middleware instance holds: the shared engine and where verdicts come from."""

    engine: Engine
    verdicts: VerdictSource

    #: What an allowed visitor's page gains (Vary, Accept-CH…), as ASGI header pairs.
    asgi_page_headers: tuple[tuple[bytes, bytes], ...] = ()
    #: The detector and bot mode the default verdict source was built with (None when
    #: the caller gave its own ``verdicts``): per-view policies reuse them.
    detector: Any = None
    bots: BotSetting = "allow"


def build(
    *,
    policy: Policy | None,
    config: ConfigLike,
    notice: Any,
    verdicts: Any,
    options: Mapping[str, Any],
    language: Callable[[], str | None] | None = None,
) -> Built:
    """Validate everything for a new middleware; raises ``ValueError`` naming the bad key.

    The browser data is loaded here too (:class:`jreject.data.DataError` when corrupt),
    so a broken install is found at startup, not by a lazy load on some request.
    """
    from jreject import data

    data.validate()
    loaded = _load_config(config)
    settings = (loaded.settings if loaded is not None else Settings()).with_options(options)
    if notice is None:
        notice = _default_notice(loaded, settings)
    for method in ("fragment", "block_page", "static"):
        if not callable(getattr(notice, method, None)):
            raise ValueError(
                f"middleware argument 'notice' must be a jreject.notice.Notice (with {method}()), "
                f"not {notice!r}"
            )
    detector: Any = None
    bots: BotSetting = loaded.bots if loaded is not None else "allow"
    if verdicts is None:
        verdicts = _default_verdicts(policy, loaded)
        detector = verdicts.detector
    elif policy is not None:
        raise ValueError("give the middleware either 'policy' or 'verdicts', not both")
    if not isinstance(verdicts, VerdictSource):
        raise ValueError(
            "middleware argument 'verdicts' must have from_environ() and from_scope() "
            f"(a jreject.pipeline.VerdictCache), not {verdicts!r}"
        )
    log = RateLimitedLog(settings.log_interval)
    engine = Engine(settings, notice, _notice_request_type(), Counters(), log, language=language)
    pairs = [("vary", engine.vary_value), *engine.html_headers]
    page_headers = tuple(asgi_headers(pairs))
    return Built(engine, verdicts, page_headers, detector, bots)


class Wrapper(Generic[AppT]):
    """The constructor :class:`~jreject.middleware.wsgi.JRejectWSGI` and
    :class:`~jreject.middleware.asgi.JRejectASGI` share: ``app`` plus :func:`build`'s
    arguments, validated here (a bad option raises ``ValueError`` at start-up).

    Corrupt browser data is an install problem, not a coding error: it is logged
    once, here, and the middleware then passes every request to the app untouched
    (``disabled`` says why) instead of failing the app's startup.
    """

    def __init__(
        self,
        app: AppT,
        *,
        policy: Policy | None = None,
        config: ConfigLike = None,
        notice: Any = None,
        verdicts: Any = None,
        **options: Any,
    ) -> None:
        from jreject.data import DataError

        self.app = app
        #: Why the middleware passes every request through untouched (broken data), else None.
        self.disabled: str | None = None
        self._built: Built | None = None
        try:
            self._built = build(
                policy=policy, config=config, notice=notice, verdicts=verdicts, options=options
            )
        except DataError as exc:
            self.disabled = str(exc)
            logger.error(
                "jreject is disabled, pages are served unmodified: %s "
                "(`jreject doctor` shows every problem)",
                exc,
            )
            self.settings: Settings = Settings.from_options({}, **options)
            self.counters: Counters = Counters()
        else:
            self.settings = self._built.engine.settings
            self.counters = self._built.engine.counters
        #: The request skeleton (:meth:`Engine.skeleton`) with the adapter's verdict
        #: source bound, made once: see :meth:`_skeleton`.
        self._decide: Callable[[str, Any], Outcome] | None = (
            self._skeleton(self._built) if self._built is not None else None
        )

    def _skeleton(self, built: Built) -> Callable[[str, Any], Outcome]:
        """The adapter's skeleton: its verdict source and request reader bound."""
        raise NotImplementedError

    @property
    def verdicts(self) -> VerdictSource | None:
        """Where this middleware's verdicts come from (``None`` when disabled at start-up):
        what a route's own check uses on a path the middleware leaves alone."""
        return self._built.verdicts if self._built is not None else None


def _load_config(config: ConfigLike) -> Config | None:
    if config is None or isinstance(config, Config):
        return config
    if isinstance(config, Mapping):
        # jreject.toml-shaped settings; errors say where they came from, as a file's do.
        return config_from_dict(config, source="middleware argument 'config'")
    if isinstance(config, str | PathLike):
        return load_config(Path(config))
    raise ValueError(
        "middleware argument 'config' must be a jreject.config.Config, a mapping "
        f"or the path of a jreject.toml, not {config!r}"
    )


def _default_notice(config: Config | None, settings: Settings) -> NoticeLike:
    static_url = settings.prefix + "/static/"
    if config is None:
        from jreject.notice import Notice

        return Notice(static_url=static_url)
    if config.notice is not None and config.settings.prefix == settings.prefix:
        # Built when the config was validated, for the same static URL: not again.
        reused: NoticeLike = config.notice
        return reused
    # A prefix option of the middleware's own moves the static files.
    notice: NoticeLike = config.notice_with(static_url=static_url)
    return notice


def _notice_request_type() -> Any:
    from jreject.notice import NoticeRequest

    return NoticeRequest


def _default_verdicts(policy: Policy | None, config: Config | None) -> VerdictCache:
    from jreject.detect.detector import default_detector

    if config is None:
        config = default_config()  # the recommended policy (jreject.policy.recommended)
    # Loading ua-parser's rules takes a while: the config's own detector (built when it
    # was loaded, with its bot patterns) or the shared default one, never a new one.
    detector = config.detector.warm_up() if config.detector is not None else default_detector()
    return VerdictCache(policy or config.policy, detector, bots=config.bots)
