"""The checks: each returns a :class:`Check` with a stable id and a hint saying what to do."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from jreject._version import __version__
from jreject.health import probes as _probes

__all__ = [
    "CHECK_IDS",
    "MAX_DATA_AGE",
    "SAMPLE_USER_AGENTS",
    "Check",
    "ConfigSource",
    "HealthError",
    "Report",
    "Status",
    "check_accelerator",
    "check_config",
    "check_data",
    "check_data_age",
    "check_detection",
    "check_notice",
    "check_order",
    "check_package",
    "check_self_test",
    "log_report",
    "run_checks",
]

Status = Literal["ok", "warning", "error"]

#: Browserslist warns when caniuse-lite is older than six months; so do we (issue 6 §3).
MAX_DATA_AGE = timedelta(days=183)

#: Every id a check can report, with what it means. Documented in docs/doctor.md.
CHECK_IDS: dict[str, str] = {
    "jreject.I001": "package version and location (information only)",
    "jreject.E001": "configuration invalid",
    "jreject.E002": "bundled browser data missing or corrupt",
    "jreject.E003": "detection unavailable (ua-parser missing or broken)",
    "jreject.E004": "self-test failed: a known browser got the wrong verdict",
    "jreject.E005": "notice cannot be rendered (templates missing or broken)",
    "jreject.E006": "framework setting invalid",
    "jreject.W001": "ua-parser-rs accelerator not loaded",
    "jreject.W002": "browser data older than six months",
    "jreject.W003": "middleware order: jreject sits outside a compression middleware",
    "jreject.W004": "middleware not installed",
    "jreject.W005": "your policy rejects a current browser or a search crawler",
}

#: The self-test's visitors. "Current Chrome" is built from the newest Chrome in the data.
SAMPLE_USER_AGENTS: dict[str, str] = {
    "ie6": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
    "googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "chrome": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36"
    ),
}
_REINSTALL = "pip install --force-reinstall jreject"

logger = logging.getLogger("jreject")


class HealthError(RuntimeError):
    """Raised by a startup check told to raise: the report's errors, one per line."""

    def __init__(self, report: Report) -> None:
        self.report = report
        lines = [check.line() for check in report.errors]
        super().__init__("jreject is not installed correctly:\n" + "\n".join(lines))


@dataclass(frozen=True, slots=True)
class Check:
    """One finding: what was checked, what was found and, for a problem, how to fix it.

    ``id`` is stable (see :data:`CHECK_IDS`); a passing check carries the id of the
    problem it looked for. ``details`` holds JSON-ready facts (versions, dates, paths).
    """

    id: str
    status: Status
    title: str
    message: str
    hint: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def line(self) -> str:
        """``jreject.W001: message HINT: hint`` — one line for a log or an exception."""
        text = f"{self.id}: {self.message}"
        return f"{text} HINT: {self.hint}" if self.hint else text

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``jreject doctor --json``."""
        return {
            "id": self.id,
            "status": self.status,
            "title": self.title,
            "message": self.message,
            "hint": self.hint or None,
            "details": dict(self.details),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The checks of one run, in the order they ran."""

    checks: tuple[Check, ...]

    @property
    def errors(self) -> tuple[Check, ...]:
        """The checks that failed: jreject will not work as configured."""
        return tuple(c for c in self.checks if c.status == "error")

    @property
    def warnings(self) -> tuple[Check, ...]:
        """The checks that found something to fix that does not stop jreject."""
        return tuple(c for c in self.checks if c.status == "warning")

    @property
    def healthy(self) -> bool:
        """True when no check failed (warnings allowed)."""
        return not self.errors

    def __add__(self, other: Report) -> Report:
        return Report(self.checks + other.checks)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form used by ``jreject doctor --json``."""
        return {
            "healthy": self.healthy,
            "version": __version__,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "checks": [c.as_dict() for c in self.checks],
        }


@dataclass(frozen=True, slots=True)
class ConfigSource:
    """Where the configuration comes from: a mapping (framework setting), a file, or a search.

    ``label`` names it in messages (``"settings.JREJECT"``, ``"app.config['JREJECT']"``).
    With neither ``mapping`` nor ``path``, ``search_from`` is searched upward for
    ``jreject.toml`` / ``pyproject.toml``; ``search_from=None`` then means the defaults.
    """

    mapping: Mapping[str, Any] | None = None
    path: Path | None = None
    search_from: Path | None = None
    label: str = ""


def _ok(check_id: str, title: str, message: str, **details: Any) -> Check:
    return Check(check_id, "ok", title, message, "", details)


def check_package() -> Check:
    """jreject's own version and where it is imported from."""
    import jreject

    where = Path(jreject.__file__).parent
    return _ok(
        "jreject.I001",
        "Package",
        f"jreject {__version__} at {where} (Python {sys.version.split()[0]})",
        version=__version__,
        path=str(where),
        python=sys.version.split()[0],
    )


def check_data() -> Check:
    """The browser release data loads, and says which caniuse-lite it came from."""
    title = "Browser data"
    try:
        data = _probes.load_data()
    except Exception as exc:
        return Check(
            "jreject.E002",
            "error",
            title,
            f"the browser data cannot be loaded ({type(exc).__name__}: {exc})",
            "Run `jreject data update` to install fresh data, or reinstall the package: "
            f"`{_REINSTALL}`.",
        )
    if not data.agents:
        return Check(
            "jreject.E002",
            "error",
            title,
            "the browser data holds no browsers",
            f"Run `jreject data update`, or reinstall the package: `{_REINSTALL}`.",
        )
    newest = _probes.newest_release(data)
    return _ok(
        "jreject.E002",
        title,
        f"caniuse-lite {data.caniuse_lite}, browserslist {data.browserslist}, "
        f"{len(data.agents)} browsers, generated {data.generated}",
        caniuse_lite=data.caniuse_lite,
        browserslist=data.browserslist,
        generated=data.generated,
        browsers=len(data.agents),
        newest_release=newest.date().isoformat() if newest else None,
        source=_probes.data_source(),
    )


def check_data_age(now: datetime | None = None) -> Check:
    """Warn when the newest browser release in the data is more than six months old.

    Relative policies (latest − N) and browserslist queries read this data, so stale data
    slowly makes them wrong: a browser released since is judged as "newer than known".
    """
    title = "Data age"
    try:
        newest = _probes.newest_release(_probes.load_data())
    except Exception:
        # check_data already reports the unloadable data; one error is enough.
        return _ok("jreject.W002", title, "skipped: the browser data could not be loaded")
    if newest is None:
        return _ok("jreject.W002", title, "the data holds no release dates")
    now = now or datetime.now(UTC)
    age = now - newest
    days = age.days
    if age > MAX_DATA_AGE:
        return Check(
            "jreject.W002",
            "warning",
            title,
            f"the newest browser release in the data is from {newest.date().isoformat()}, "
            f"{days} days ago: relative policies and browserslist queries miss newer releases",
            "Run `jreject data update` (or upgrade jreject: `pip install -U jreject`).",
            {"newest_release": newest.date().isoformat(), "age_days": days},
        )
    return _ok(
        "jreject.W002",
        title,
        f"newest release {newest.date().isoformat()} ({days} days ago)",
        newest_release=newest.date().isoformat(),
        age_days=days,
    )


def check_detection() -> Check:
    """The User-Agent parser loads and parses a known UA."""
    title = "Detection"
    try:
        client = _probes.detect(SAMPLE_USER_AGENTS["ie6"])
    except Exception as exc:
        return Check(
            "jreject.E003",
            "error",
            title,
            f"detection fails ({type(exc).__name__}: {exc})",
            "Reinstall the User-Agent parser: "
            "`pip install --force-reinstall ua-parser ua-parser-builtins`.",
        )
    if client.browser != "ie":
        return Check(
            "jreject.E003",
            "error",
            title,
            f"the IE 6 User-Agent was detected as {client.label!r}: the parser rules are broken",
            "Reinstall the User-Agent parser rules: `pip install --force-reinstall "
            "ua-parser-builtins`.",
        )
    return _ok("jreject.E003", title, "ua-parser loaded; IE 6 detected as IE 6")


def check_accelerator() -> Check:
    """Is the compiled ua-parser-rs matcher in use? Without it every uncached parse is slower."""
    title = "Accelerator"
    resolver = _probes.resolver_name()
    if resolver == "rust":
        return _ok(
            "jreject.W001", title, "ua-parser-rs (compiled matcher) in use", resolver=resolver
        )
    return Check(
        "jreject.W001",
        "warning",
        title,
        f"ua-parser-rs is not loaded; the {resolver} resolver is in use. Answers are the same, "
        "but each uncached detection takes about 10× longer (cached verdicts are unaffected).",
        "Install the accelerator: `pip install ua-parser-rs`.",
        {"resolver": resolver},
    )


def check_config(source: ConfigSource) -> tuple[Check, Any]:
    """Load and validate the configuration; returns the check and the config (or ``None``)."""
    title = "Configuration"
    try:
        config, where = _probes.load_config(source)
    except Exception as exc:
        key = getattr(exc, "key", None) or None
        path = getattr(exc, "path", None) or (str(source.path) if source.path else None)
        text = str(exc)
        if not getattr(exc, "path", None):
            text = f"{source.label or path or 'configuration'}: {text}"
        fix = f"the key {key!r}" if key else "the configuration"
        in_where = f" in {path}" if path else (f" in {source.label}" if source.label else "")
        rerun = f" --config {path}" if source.path or source.search_from else ""
        return (
            Check(
                "jreject.E001",
                "error",
                title,
                text,
                f"Fix {fix}{in_where}, then run `jreject doctor{rerun}` again.",
                {"path": path, "key": key, "line": getattr(exc, "line", None)},
            ),
            None,
        )
    keys = _probes.config_keys(source, where)
    if where is None:
        message = "no configuration found: jReject's default policy {msie = 6}, action modal"
    else:
        shown = ", ".join(keys) if keys else "no keys"
        message = f"{where} is valid (keys: {shown})"
    return _ok("jreject.E001", title, message, source=where, keys=keys), config


def check_self_test(config: Any = None) -> list[Check]:
    """Known visitors get the verdict they must get.

    With the default policy IE 6 must be rejected, current Chrome and Googlebot allowed;
    anything else means jreject itself is broken (E004). With the configured policy,
    rejecting current Chrome or Googlebot is allowed but rarely meant (W005).
    """
    title = "Self-test"
    try:
        chrome = SAMPLE_USER_AGENTS["chrome"].format(major=_probes.current_chrome_major())
        default = _probes.verdicts(
            None, SAMPLE_USER_AGENTS["ie6"], chrome, SAMPLE_USER_AGENTS["googlebot"]
        )
    except Exception as exc:
        return [
            Check(
                "jreject.E004",
                "error",
                title,
                f"deciding fails ({type(exc).__name__}: {exc})",
                f"Reinstall jreject: `{_REINSTALL}`, then run `jreject doctor` again.",
            )
        ]
    ie6, current, bot = default
    wrong = []
    if ie6.allowed:
        wrong.append("IE 6 is allowed by the default policy")
    if not current.allowed:
        wrong.append(f"{current.client.label} is rejected by the default policy")
    if not bot.allowed:
        wrong.append("Googlebot is rejected by the default policy")
    if wrong:
        return [
            Check(
                "jreject.E004",
                "error",
                title,
                "; ".join(wrong),
                f"Reinstall jreject and its parser rules: `{_REINSTALL} ua-parser-builtins`.",
            )
        ]
    checks = [
        _ok(
            "jreject.E004",
            title,
            f"default policy: IE 6 rejected ({ie6.action}), {current.client.label} and "
            "Googlebot allowed",
        )
    ]
    if config is None:
        return checks
    try:
        mine = _probes.verdicts(config, chrome, SAMPLE_USER_AGENTS["googlebot"])
    except Exception as exc:
        return [
            *checks,
            Check(
                "jreject.E004",
                "error",
                "Self-test (your policy)",
                f"your policy raises ({type(exc).__name__}: {exc})",
                "Fix the policy in your configuration; `jreject check "
                '"<user agent>" --policy FILE` shows the verdict for one visitor.',
            ),
        ]
    surprising = [f"{v.client.label} ({v.action}, rule {v.rule})" for v in mine if not v.allowed]
    if surprising:
        checks.append(
            Check(
                "jreject.W005",
                "warning",
                "Self-test (your policy)",
                "your policy rejects " + ", ".join(surprising),
                "If that is not meant, loosen the rule named; "
                '`jreject check "<user agent>" --policy FILE` explains a verdict.',
            )
        )
    else:
        checks.append(
            _ok(
                "jreject.W005",
                "Self-test (your policy)",
                f"your policy allows {current.client.label} and Googlebot",
            )
        )
    return checks


def check_notice(config: Any = None) -> Check:
    """The notice renders (modal, banner and 406 page) for a rejected sample visitor."""
    title = "Notice"
    try:
        sizes = _probes.render_notice(config, SAMPLE_USER_AGENTS["ie6"])
    except Exception as exc:
        return Check(
            "jreject.E005",
            "error",
            title,
            f"the notice cannot be rendered ({type(exc).__name__}: {exc})",
            f"Check the [notice] settings; if they are fine, reinstall jreject: `{_REINSTALL}`.",
        )
    return _ok(
        "jreject.E005",
        title,
        "modal, banner and 406 page render ("
        + ", ".join(f"{k} {v} B" for k, v in sizes.items())
        + ")",
        **sizes,
    )


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


def run_checks(
    source: ConfigSource | None = None, *, now: datetime | None = None
) -> tuple[Report, Any]:
    """Run every framework-neutral check; returns the report and the loaded config (or ``None``).

    Cheap enough for startup (a few milliseconds, mostly rendering the notice once), so
    Django's checks, Flask's ``init_app`` and the Starlette lifespan check run it there.
    """
    source = source or ConfigSource()
    started = time.perf_counter()
    checks = [check_package(), check_data(), check_data_age(now), check_detection()]
    checks.append(check_accelerator())
    config_check, config = check_config(source)
    checks.append(config_check)
    checks.extend(check_self_test(config))
    if config_check.status != "error":
        checks.append(check_notice(config))
    logger.debug("jreject checks ran in %.1f ms", (time.perf_counter() - started) * 1000)
    return Report(tuple(checks)), config


def log_report(report: Report, *, raise_on_error: bool = False, where: str = "") -> None:
    """Log each problem (errors at ERROR, warnings at WARNING) on logger ``jreject``.

    With ``raise_on_error`` a report with errors raises :class:`HealthError` instead, so
    a broken install stops the app at startup rather than serving unchecked pages.
    """
    if raise_on_error and report.errors:
        raise HealthError(report)
    prefix = f"{where}: " if where else ""
    for check in report.checks:
        if check.status == "error":
            logger.error("%s%s", prefix, check.line())
        elif check.status == "warning":
            logger.warning("%s%s", prefix, check.line())
