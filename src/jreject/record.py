"""A verdict as a flat, JSON-ready record: the stable schema of ``jreject check --json``.

Scripts rely on these keys (see ``docs/cli.md``). Add keys freely; never rename or
retype one without bumping :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

from typing import Any

from jreject.policy.base import Verdict

__all__ = ["SCHEMA_VERSION", "verdict_record"]

SCHEMA_VERSION = 1


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """The verdict and the client it judged, as one flat dict of JSON types."""
    client = verdict.client
    sources = client.sources
    return {
        "schema": SCHEMA_VERSION,
        "user_agent": client.user_agent,
        "browser": client.browser,
        "browser_name": client.browser_name,
        "version": _version(client.version),
        "major": client.major,
        "engine": client.engine,
        "engine_version": _version(client.engine_version),
        "os": client.os,
        "os_name": client.os_name,
        "os_version": _version(client.os_version),
        "os_version_frozen": client.os_version_frozen,
        "device": client.device,
        "is_bot": client.is_bot,
        "bot_name": client.bot_name,
        "bot_category": client.bot_category,
        "caniuse_agent": client.caniuse_agent,
        "caniuse_version": _version(client.caniuse_version),
        "allowed": verdict.allowed,
        "action": verdict.action,
        "rule": verdict.rule,
        "reasons": list(verdict.reasons),
        "sources": {
            "browser": sources.browser,
            "version": sources.version,
            "os": sources.os,
            "os_version": sources.os_version,
            "device": sources.device,
        },
    }


def _version(version: tuple[int, ...]) -> str | None:
    # Keep every part here (no trimming): scripts compare these strings.
    return ".".join(map(str, version)) if version else None
