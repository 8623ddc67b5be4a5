"""Install checks: package, browser data and its age, detection, the accelerators."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jreject._version import __version__
from jreject.health import probes as _probes
from jreject.health.report import Check
from jreject.health.report import ok as _ok
from jreject.health.report import skipped as _skipped

__all__ = [
    "DATA_BROKEN",
    "MAX_DATA_AGE_MONTHS",
    "PARSER_BROKEN",
    "REINSTALL",
    "SAMPLE_USER_AGENTS",
    "check_accelerator",
    "check_bot_data",
    "check_bot_engine",
    "check_data",
    "check_data_age",
    "check_detection",
    "check_package",
    "check_tables_age",
    "parser_fails",
]

#: Browserslist warns when caniuse-lite's newest release is six calendar months old; so
#: do we, by the same rule as ``jreject.data.data_age_warning`` (issue 6 §3).
MAX_DATA_AGE_MONTHS = 6

#: Why a check that needs the browser data did not run (:func:`check_data` says why).
DATA_BROKEN = "the browser data cannot be loaded (see Browser data, jreject.E002)"

#: Why a check that detects a sample visitor did not run (:func:`check_detection` says why).
PARSER_BROKEN = "the User-Agent parser fails (see Detection, jreject.E003)"

#: The self-test's visitors. "Current Chrome" is built from the newest Chrome in the data.
SAMPLE_USER_AGENTS: dict[str, str] = {
    "ie6": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
    "googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "chrome": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36"
    ),
}
REINSTALL = "pip install --force-reinstall jreject"


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
            f"`{REINSTALL}`.",
        )
    if not data.agents:
        return Check(
            "jreject.E002",
            "error",
            title,
            "the browser data holds no browsers",
            f"Run `jreject data update`, or reinstall the package: `{REINSTALL}`.",
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


def check_bot_data() -> Check:
    """Which bot lists detection uses, and an installed ``bots.json`` that cannot be used.

    Such a file is passed over (detection runs on the bundled lists), so it is a warning:
    jreject works, but not with the lists the operator installed.
    """
    title = "Bot data"
    try:
        data, source = _probes.bot_data()
        versions = {name: str(entry["version"]) for name, entry in data["sources"].items()}
    except Exception as exc:
        return Check(
            "jreject.E002",
            "error",
            title,
            f"the bundled bot data cannot be loaded ({type(exc).__name__}: {exc})",
            f"Reinstall the package: `{REINSTALL}`.",
        )
    shown = ", ".join(f"{name} {version}" for name, version in versions.items())
    where = str(source.path or "bundled")
    if source.rejected is not None:
        return Check(
            "jreject.W008",
            "warning",
            title,
            f"the installed {source.rejected} cannot be used ({source.reason}): bot detection "
            f"runs on the bundled lists ({shown})",
            "Run `jreject data update` to install the bot lists again "
            "(or delete the file to keep the bundled ones).",
            {"versions": versions, "source": where, "rejected": str(source.rejected)},
        )
    return _ok("jreject.W008", title, f"{shown} ({where})", versions=versions, source=where)


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
        return _skipped("jreject.W002", title, DATA_BROKEN)
    if newest is None:
        return _ok("jreject.W002", title, "the data holds no release dates")
    now = now or datetime.now(UTC)
    days = (now - newest).days
    months = (now.year - newest.year) * 12 + now.month - newest.month
    if months >= MAX_DATA_AGE_MONTHS:
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


def check_tables_age(now: datetime | None = None) -> Check:
    """Warn when a hand-kept, dated table (Safari support, browser OS requirements) is a
    year old: its facts age as vendors drop OS versions (``jreject.data.tables_age_warning``).
    """
    from jreject.data import tables_age_warning

    title = "Hand-kept tables"
    warning = tables_age_warning(now)
    if warning is not None:
        return Check(
            "jreject.W007",
            "warning",
            title,
            warning.removeprefix("jreject: "),
            "Upgrade jreject (`pip install -U jreject`); the tables are reviewed each release.",
        )
    return _ok("jreject.W007", title, "Safari support and browser OS requirements are current")


def check_detection(config: Any = None) -> Check:
    """The User-Agent parser loads and parses a known UA (with ``config``'s detector, so
    that start-up loads ua-parser's rules once, into the detector the app then uses)."""
    from jreject.data import DataError

    title = "Detection"
    try:
        client = _probes.detect(SAMPLE_USER_AGENTS["ie6"], config)
    except DataError:
        # Detection reads the browser data too: check_data names the broken file, and
        # "reinstall ua-parser" would send the operator the wrong way.
        return _skipped("jreject.E003", title, DATA_BROKEN)
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


def parser_fails(config: Any = None) -> bool:
    """Does detecting the IE 6 sample fail for a reason other than the browser data?
    Then the checks that detect a sample visitor are skipped: :func:`check_detection`
    reports it, with the fix."""
    from jreject.data import DataError

    try:
        _probes.detect(SAMPLE_USER_AGENTS["ie6"], config)
    except DataError:
        return False  # the data check's to report
    except Exception:
        return True
    return False


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
        "but an uncached detection takes about 20× longer (about 1 ms instead of 50 µs, "
        "measured over 1,000 distinct UAs); cached verdicts are unaffected.",
        "Install the accelerator: `pip install ua-parser-rs`.",
        {"resolver": resolver},
    )


def check_bot_engine() -> Check:
    """Is google-re2 importable? Without it bot patterns run on Python's backtracking re."""
    title = "Bot patterns"
    from jreject.detect.bots import re2_available

    if re2_available():
        return _ok(
            "jreject.W006", title, "google-re2 in use: every bot pattern runs in linear time"
        )
    return Check(
        "jreject.W006",
        "warning",
        title,
        "google-re2 is not importable, so bot patterns run one by one on Python's re: "
        "the same answers, but slower, and a crafted User-Agent can make a pattern "
        "backtrack for milliseconds.",
        "Install it: `pip install google-re2` (a wheel for most platforms).",
    )
