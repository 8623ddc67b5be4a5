"""The result of an analysis: per-UA rows with an outcome per policy, and the views
every output (terminal, JSON, CSV, HTML) shows: totals, browsers, affected UAs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from jreject.analyze.aggregate import Example, Tally
from jreject.analyze.classify import OUTCOMES, Judged, Outcome, PolicyUnderTest
from jreject.analyze.columns import iso_day

__all__ = ["SCHEMA_VERSION", "BrowserRow", "Report", "Share", "UARow", "build_report"]

#: Bump when a key of :meth:`Report.to_dict` is renamed or retyped.
SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Share:
    """Requests and approximate unique visitors (``None`` when the log has no IPs)."""

    requests: int = 0
    visitors: int | None = None


@dataclass(frozen=True, slots=True)
class UARow:
    """One distinct User-Agent and what each policy would do to its visitors."""

    user_agent: str
    browser: str
    browser_name: str
    version: str
    os_name: str
    device: str
    is_bot: bool
    unclassified: bool
    caniuse: str
    requests: int
    visitors: int | None
    outcomes: tuple[Outcome, ...]
    rules: tuple[str | None, ...]

    @property
    def label(self) -> str:
        """``Chrome 120``, ``Googlebot``, ``Unknown browser``."""
        return f"{self.browser_name} {self.version}".rstrip()


@dataclass(frozen=True, slots=True)
class BrowserRow:
    """A browser and major version: traffic, and the share of it each policy affects."""

    browser_name: str
    version: str
    requests: int
    visitors: int | None
    affected: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """Everything an analysis found; the outputs only format it."""

    sources: tuple[str, ...]
    format: str
    lines: int
    blank: int
    malformed: int
    examples: tuple[Example, ...]
    policies: tuple[str, ...]
    uas: tuple[UARow, ...]
    timeline: tuple[tuple[str, str, int], ...]
    has_visitors: bool
    visitors_exact: bool
    interrupted: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def requests(self) -> int:
        """Lines read as requests (bots included)."""
        return sum(row.requests for row in self.uas)

    @property
    def visitors(self) -> int | None:
        """Approximate unique visitors (IP + UA per day), bots included."""
        if not self.has_visitors:
            return None
        return sum(row.visitors or 0 for row in self.uas)

    def totals(self, policy: int) -> dict[Outcome, Share]:
        """Requests and visitors per outcome under the ``policy``-th policy."""
        requests: dict[Outcome, int] = dict.fromkeys(OUTCOMES, 0)
        visitors: dict[Outcome, int] = dict.fromkeys(OUTCOMES, 0)
        for row in self.uas:
            key = row.outcomes[policy]
            requests[key] += row.requests
            visitors[key] += row.visitors or 0
        return {
            key: Share(requests[key], visitors[key] if self.has_visitors else None)
            for key in OUTCOMES
        }

    def browsers(self) -> list[BrowserRow]:
        """Traffic by browser and major version (bots apart), most requests first."""
        grouped: dict[tuple[str, str], list[UARow]] = defaultdict(list)
        for row in self.uas:
            if not row.is_bot:
                grouped[row.browser_name, row.version].append(row)
        out = [
            BrowserRow(
                name,
                version,
                sum(r.requests for r in rows),
                sum(r.visitors or 0 for r in rows) if self.has_visitors else None,
                tuple(
                    sum(r.requests for r in rows if r.outcomes[i] in _AFFECTED)
                    for i in range(len(self.policies))
                ),
            )
            for (name, version), rows in grouped.items()
        ]
        return sorted(out, key=lambda b: (-b.requests, b.browser_name, _version_key(b.version)))

    def affected(self, policy: int, limit: int = 20) -> list[UARow]:
        """The User-Agents the ``policy``-th policy would warn, block or log, most first."""
        return [row for row in self.uas if row.outcomes[policy] in _AFFECTED][:limit]

    def unclassified(self, limit: int = 20) -> list[UARow]:
        """User-Agents detection could not name (to check by hand), most first."""
        return [row for row in self.uas if row.unclassified][:limit]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON types (the schema of ``jreject analyze --json``)."""
        return {
            "schema": SCHEMA_VERSION,
            "sources": list(self.sources),
            "format": self.format,
            "lines": self.lines,
            "blank": self.blank,
            "malformed": self.malformed,
            "requests": self.requests,
            "visitors": self.visitors,
            "visitors_exact": self.visitors_exact,
            "interrupted": self.interrupted,
            "warnings": list(self.warnings),
            "malformed_examples": [
                {"where": e.where, "line": e.line, "text": e.text} for e in self.examples
            ],
            "policies": [
                {
                    "label": label,
                    "totals": {k: asdict(v) for k, v in self.totals(i).items()},
                    "affected": [_ua_dict(r, i) for r in self.affected(i)],
                }
                for i, label in enumerate(self.policies)
            ],
            "browsers": [asdict(b) for b in self.browsers()],
            "unclassified": [
                {"user_agent": r.user_agent, "requests": r.requests} for r in self.unclassified()
            ],
            "timeline": [
                {"day": day, "browser": name, "requests": n} for day, name, n in self.timeline
            ],
            "user_agents": [asdict(r) for r in self.uas],
        }


#: The outcomes that change what a visitor sees (or would, for ``logged``).
_AFFECTED: frozenset[str] = frozenset({"warned", "blocked", "logged"})


def _ua_dict(row: UARow, policy: int) -> dict[str, Any]:
    return {
        "user_agent": row.user_agent,
        "browser": row.label,
        "requests": row.requests,
        "visitors": row.visitors,
        "outcome": row.outcomes[policy],
        "rule": row.rules[policy],
    }


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(-int(p) for p in version.split("."))
    except ValueError:
        return (0,)


def build_report(
    tally: Tally,
    judged: Mapping[str, Judged],
    policies: Sequence[PolicyUnderTest],
    *,
    sources: Sequence[str],
    format_name: str,
    has_visitors: bool,
    interrupted: bool = False,
    warnings: Sequence[str] = (),
) -> Report:
    """The report of ``tally``, with each distinct UA's verdicts from ``judged``."""
    import polars as pl

    tally.compact()
    per_ua = (
        tally.by_day.group_by("uah")
        .agg(pl.col("requests").sum())
        .join(tally.uas, on="uah", how="left")
    )
    if has_visitors:
        per_ua = per_ua.join(tally.sample.visitors(), on="uah", how="left")
    rows = []
    for ua, requests, *rest in per_ua.select(
        "ua", "requests", *(["visitors"] if has_visitors else [])
    ).iter_rows():
        judge = judged[ua]
        client = judge.client
        rows.append(
            UARow(
                user_agent=client.user_agent,
                browser=client.browser,
                browser_name=client.bot_name or client.browser_name
                if client.is_bot
                else client.browser_name,
                version="" if client.is_bot or client.major is None else str(client.major),
                os_name=client.os_name,
                device=client.device,
                is_bot=client.is_bot,
                unclassified=judge.unclassified,
                caniuse=" ".join([client.caniuse_agent, ".".join(map(str, client.caniuse_version))])
                if client.caniuse_agent
                else "",
                requests=int(requests),
                visitors=(int(rest[0] or 0) if has_visitors else None),
                outcomes=judge.outcomes,
                rules=tuple(v.rule for v in judge.verdicts),
            )
        )
    rows.sort(key=lambda r: (-r.requests, r.user_agent))
    names = {uah: _timeline_name(judged[ua]) for uah, ua in tally.uas.iter_rows() if ua in judged}
    timeline: dict[tuple[str, str], int] = defaultdict(int)
    days = {day: iso_day(day) for day in tally.by_day.get_column("day").unique().to_list()}
    for day, uah, requests in tally.by_day.iter_rows():
        timeline[days.get(day) or "", names.get(uah, "Other")] += int(requests)
    return Report(
        sources=tuple(sources),
        format=format_name,
        lines=tally.lines,
        blank=tally.blank,
        malformed=tally.malformed,
        examples=tuple(tally.examples),
        policies=tuple(p.label for p in policies),
        uas=tuple(rows),
        timeline=tuple(sorted((d, n, c) for (d, n), c in timeline.items() if d)),
        has_visitors=has_visitors,
        visitors_exact=tally.sample.exact,
        interrupted=interrupted,
        warnings=tuple(warnings),
    )


def _timeline_name(judged: Judged) -> str:
    return "Bots" if judged.client.is_bot else judged.client.browser_name
