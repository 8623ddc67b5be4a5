"""Configuration checks: the config loads, the policy gives sane verdicts, the notice renders."""

from __future__ import annotations

from typing import Any

from jreject.health import probes as _probes
from jreject.health.install import (
    DATA_BROKEN,
    PARSER_BROKEN,
    REINSTALL,
    SAMPLE_USER_AGENTS,
    parser_fails,
)
from jreject.health.report import Check, ConfigSource
from jreject.health.report import ok as _ok
from jreject.health.report import skipped as _skipped

__all__ = ["check_config", "check_notice", "check_self_test"]


def check_config(source: ConfigSource) -> tuple[Check, Any]:
    """Load and validate the configuration; returns the check and the config (or ``None``).

    Broken browser data skips the check (the data check reports it): a policy is
    validated against that data, and the configuration is not at fault.
    """
    from jreject.data import DataError

    title = "Configuration"
    try:
        config, where = _probes.load_config(source)
    except DataError:
        return _skipped("jreject.E001", title, DATA_BROKEN), None
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
        message = (
            "no configuration found: the recommended policy (IE and old Edge: modal; "
            "more than a year behind: banner; `jreject init` writes it to a file)"
        )
    else:
        shown = ", ".join(keys) if keys else "no keys"
        message = f"{where} is valid (keys: {shown})"
    return _ok("jreject.E001", title, message, source=where, keys=keys), config


def check_self_test(config: Any = None, *, default: bool = True) -> list[Check]:
    """Known visitors get the verdict they must get.

    With the default policy IE 6 must be rejected, current Chrome and Googlebot allowed;
    anything else means jreject itself is broken (E004). With the configured policy,
    rejecting current Chrome or Googlebot is allowed but rarely meant (W005).
    ``default=False`` skips the default-policy part (already checked with the install).
    Broken browser data (E002, reported by the data check) skips the test: every policy
    judges by that data, so a verdict on it would blame the policy or jreject instead.
    """
    title = "Self-test" if default else "Self-test (your policy)"
    if not default and config is None:
        return []  # no policy of its own: the default one, tested with the install
    problem = "jreject.E004" if default else "jreject.W005"
    try:
        _probes.load_data()
    except Exception:
        return [_skipped(problem, title, DATA_BROKEN)]
    if parser_fails(config):
        return [_skipped(problem, title, PARSER_BROKEN)]
    try:
        chrome = SAMPLE_USER_AGENTS["chrome"].format(major=_probes.current_chrome_major())
        baseline = _probes.verdicts(
            None,
            SAMPLE_USER_AGENTS["ie6"],
            chrome,
            SAMPLE_USER_AGENTS["googlebot"],
            detect_with=config,
        )
    except Exception as exc:
        return [
            Check(
                "jreject.E004",
                "error",
                "Self-test",
                f"deciding fails ({type(exc).__name__}: {exc})",
                f"Reinstall jreject: `{REINSTALL}`, then run `jreject doctor` again.",
            )
        ]
    ie6, current, bot = baseline
    wrong = []
    if ie6.allowed:
        wrong.append("IE 6 is allowed by the default policy")
    if not current.allowed:
        wrong.append(f"{current.client.label} is rejected by the default policy")
    if not bot.allowed:
        wrong.append("Googlebot is rejected by the default policy")
    if wrong and default:
        return [
            Check(
                "jreject.E004",
                "error",
                "Self-test",
                "; ".join(wrong),
                f"Reinstall jreject and its parser rules: `{REINSTALL} ua-parser-builtins`.",
            )
        ]
    checks = []
    if default:
        checks.append(
            _ok(
                "jreject.E004",
                "Self-test",
                f"default policy: IE 6 rejected ({ie6.action}), {current.client.label} and "
                "Googlebot allowed",
            )
        )
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
    from jreject.data import DataError

    title = "Notice"
    if parser_fails(config):
        return _skipped("jreject.E005", title, PARSER_BROKEN)
    try:
        sizes = _probes.render_notice(config, SAMPLE_USER_AGENTS["ie6"])
    except DataError:
        # The sample visitor is judged by the browser data: its check reports the fault.
        return _skipped("jreject.E005", title, DATA_BROKEN)
    except Exception as exc:
        return Check(
            "jreject.E005",
            "error",
            title,
            f"the notice cannot be rendered ({type(exc).__name__}: {exc})",
            f"Check the [notice] settings; if they are fine, reinstall jreject: `{REINSTALL}`.",
        )
    return _ok(
        "jreject.E005",
        title,
        "modal, banner and 406 page render ("
        + ", ".join(f"{k} {v} B" for k, v in sizes.items())
        + ")",
        **sizes,
    )
