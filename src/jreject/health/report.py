"""What the checks report: :class:`Check` values gathered in a :class:`Report`."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from jreject._version import __version__
from jreject.config import ConfigSource

__all__ = [
    "CHECK_IDS",
    "Check",
    "ConfigSource",
    "HealthError",
    "Report",
    "Status",
    "log_report",
    "ok",
    "skipped",
]

#: ``skipped``: the check could not run because of a problem another check reports (its
#: answer would only repeat that problem, or be wrong): neither a pass nor a second error.
Status = Literal["ok", "warning", "error", "skipped"]

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
    "jreject.W006": "google-re2 not importable: bot patterns run on Python's re",
    "jreject.W007": "a hand-kept table (Safari support, browser OS requirements) is a year old",
    "jreject.W008": "an installed bots.json cannot be used: the bundled bot lists are in use",
    "jreject.W009": "a setting named like jreject's (JREJECT_…) that jreject does not read",
}

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
    problem it looked for, a skipped one too. ``details`` holds JSON-ready facts
    (versions, dates, paths).
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


def ok(check_id: str, title: str, message: str, **details: Any) -> Check:
    return Check(check_id, "ok", title, message, "", details)


def skipped(check_id: str, title: str, because: str) -> Check:
    """A check that did not run ``because`` of a problem another check reports."""
    return Check(check_id, "skipped", title, f"skipped: {because}")


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
