"""Is jreject installed and configured right here? Framework-neutral install and self checks.

Every finding is a :class:`Check` with a stable id (``jreject.E001`` …, ``jreject.W001`` …)
and a hint saying what to run or change. ``jreject doctor``, Django's system checks and the
Flask / Starlette startup checks all report these same ids, so an operator can search for
one. Checks run at startup or on demand, never while serving a request: a visitor never
sees any of this (issue 5 §5).
"""

from __future__ import annotations

from jreject.health.checks import check_options, check_order, check_setting_names, run_checks
from jreject.health.config import check_config, check_notice, check_self_test
from jreject.health.install import (
    MAX_DATA_AGE_MONTHS,
    SAMPLE_USER_AGENTS,
    check_accelerator,
    check_bot_data,
    check_bot_engine,
    check_data,
    check_data_age,
    check_detection,
    check_package,
    check_tables_age,
)
from jreject.health.report import (
    CHECK_IDS,
    Check,
    ConfigSource,
    HealthError,
    Report,
    Status,
    log_report,
)

__all__ = [
    "CHECK_IDS",
    "MAX_DATA_AGE_MONTHS",
    "SAMPLE_USER_AGENTS",
    "Check",
    "ConfigSource",
    "HealthError",
    "Report",
    "Status",
    "check_accelerator",
    "check_bot_data",
    "check_bot_engine",
    "check_config",
    "check_data",
    "check_data_age",
    "check_detection",
    "check_notice",
    "check_options",
    "check_order",
    "check_package",
    "check_self_test",
    "check_setting_names",
    "check_tables_age",
    "log_report",
    "run_checks",
]
