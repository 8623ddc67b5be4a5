"""Run the checks: :func:`run_checks` for the install and a config, :func:`check_order` for
where a framework put the middleware."""

from __future__ import annotations

import difflib
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from jreject.health.config import check_config, check_notice, check_self_test
from jreject.health.install import (
    check_accelerator,
    check_bot_data,
    check_bot_engine,
    check_data,
    check_data_age,
    check_detection,
    check_package,
    check_tables_age,
)
from jreject.health.report import Check, ConfigSource, Report
from jreject.health.report import ok as _ok

__all__ = ["check_options", "check_order", "check_setting_names", "install_checks", "run_checks"]

logger = logging.getLogger("jreject")


def check_order(
    names: Sequence[str],
    *,
    ours: Callable[[str], bool],
    compressors: Iterable[str],
    outer_first: bool = True,
    where: str = "the middleware list",
) -> Check:
    """Is jreject installed, and inside every compression middleware?

    ``names`` lists the middleware outermost first (Django's ``MIDDLEWARE``) or, with
    ``outer_first=False``, innermost first (Starlette's ``add_middleware`` order). jreject
    must see uncompressed HTML to inject the notice, so it must come after (inside) a
    compression middleware such as ``GZipMiddleware``.
    """
    ordered = list(names) if outer_first else list(reversed(names))
    positions = [i for i, name in enumerate(ordered) if ours(name)]
    if not positions:
        return Check(
            "jreject.W004",
            "warning",
            "Middleware",
            f"jreject's middleware is not in {where}: no visitor is checked",
            "Add jreject's middleware (see the docs page for your framework).",
        )
    mine = positions[0]
    squeezers = set(compressors)
    outer = [n for n in ordered[:mine] if n in squeezers]
    inner = [n for n in ordered[mine + 1 :] if n in squeezers]
    if inner:
        return Check(
            "jreject.W003",
            "warning",
            "Middleware order",
            f"jreject runs outside {inner[0]} in {where}: compressed HTML is passed through "
            "without the notice",
            f"Move jreject's middleware inside {inner[0]} (after it in a list ordered "
            "outermost first).",
        )
    detail = f", inside {outer[0]}" if outer else ""
    return _ok("jreject.W003", "Middleware order", f"installed{detail}")


def check_options(options: Mapping[str, Any], config: Any = None, *, where: str) -> Check:
    """The middleware options given in code (``JReject(app, explain=True)``,
    ``add_middleware(JRejectMiddleware, explain=True)``), over ``config``'s
    ``[middleware]`` table as the middleware merges them.

    A typo there turns jreject off at startup, as a bad config does: the report must say
    which option, or the operator is told to run doctor and doctor finds nothing.
    """
    from jreject.settings import Settings

    title = "Middleware options"
    settings = getattr(config, "settings", None)
    base = settings if isinstance(settings, Settings) else Settings()
    try:
        base.with_options(options)
    except ValueError as exc:
        return Check(
            "jreject.E006",
            "error",
            title,
            f"{where}: {exc}",
            f"Fix that keyword argument of {where} (docs/middleware.md lists the options).",
            {"key": getattr(exc, "key", None)},
        )
    return _ok("jreject.E006", title, f"{where}: valid ({', '.join(sorted(options))})")


def check_setting_names(
    names: Iterable[str], known: Iterable[str], *, shown: Callable[[str], str]
) -> Check:
    """Settings named like jreject's (``JREJECT``, ``JREJECT_…``) that jreject never reads.

    A misspelled ``JREJECT_CONFG`` is simply ignored: the recommended policy runs instead
    of the operator's and nothing else says so. ``shown`` spells a name as the
    framework's users write it (``settings.JREJECT_CONFIG``).
    """
    title = "Setting names"
    valid = sorted(set(known))
    unknown = sorted(
        name
        for name in names
        if isinstance(name, str)
        and (name.upper() == "JREJECT" or name.upper().startswith("JREJECT_"))
        and name not in valid
    )
    if not unknown:
        return _ok("jreject.W009", title, "no unknown JREJECT setting")
    by_lower = {name.lower(): name for name in valid}
    named = []
    for name in unknown:
        close = difflib.get_close_matches(name.lower(), list(by_lower), n=1, cutoff=0.7)
        better = f" (did you mean {shown(by_lower[close[0]])}?)" if close else ""
        named.append(f"{shown(name)}{better}")
    what = "a jreject setting" if len(named) == 1 else "jreject settings"
    return Check(
        "jreject.W009",
        "warning",
        title,
        f"{'; '.join(named)}: not {what}, ignored",
        "Rename it to one jreject reads (" + ", ".join(shown(n) for n in valid) + ") or remove it.",
        {"unknown": unknown},
    )


def install_checks(config: Any = None, now: datetime | None = None) -> list[Check]:
    """The checks of the install itself: package, browser data and its age, the bot data,
    the hand-kept tables' age, detection (with ``config``'s bot patterns), accelerator,
    bot engine."""
    return [
        check_package(),
        check_data(),
        check_data_age(now),
        check_bot_data(),
        check_tables_age(now),
        check_detection(config),
        check_accelerator(),
        check_bot_engine(),
    ]


def run_checks(
    source: ConfigSource | None = None, *, install: bool = True, now: datetime | None = None
) -> tuple[Report, Any]:
    """Run the checks; returns the report and the loaded config (``None``: defaults or broken).

    ``install=False`` skips the install checks (package, data, detection, accelerator,
    default-policy self-test) when a caller already ran them once, e.g. ``jreject doctor``
    checking several apps. Cheap enough for startup (a few milliseconds, mostly rendering
    the notice once), so Django's checks, Flask's ``init_app`` and the Starlette lifespan
    run it there.
    """
    source = source or ConfigSource()
    started = time.perf_counter()
    checks: list[Check] = []
    # Loaded first (reported in its place below): with bot patterns, the config's own
    # detector is the one every check detects with, so rules load once per start-up.
    config_check, config = check_config(source)
    if install:
        checks += install_checks(config, now)
    checks.append(config_check)
    checks.extend(check_self_test(config, default=install))
    if config_check.status == "ok":
        checks.append(check_notice(config))
    logger.debug("jreject checks ran in %.1f ms", (time.perf_counter() - started) * 1000)
    return Report(tuple(checks)), config
