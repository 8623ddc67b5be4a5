"""The report as one self-contained HTML page: inline CSS and SVG, no script, no CDN."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from jreject.analyze.classify import OUTCOMES
from jreject.analyze.svg import PALETTE, Bar, hbars, stacked_columns, version_bars

if TYPE_CHECKING:
    import jinja2

    from jreject.analyze.report import Report

__all__ = ["OUTCOME_COLORS", "render_html"]

#: Outcome colours: the same in every chart and table.
OUTCOME_COLORS: dict[str, str] = {
    "allowed": "#009E73",
    "warned": "#E69F00",
    "blocked": "#D55E00",
    "logged": "#CC79A7",
    "bot": "#999999",
}
#: Browsers drawn by name in the timeline; the rest are "Other".
_TIMELINE_BROWSERS = 7
#: Browsers with a version chart.
_VERSION_CHARTS = 6


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("jreject.analyze", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(report: Report, *, top: int = 25) -> str:
    """The whole page for ``report``."""
    requests = report.requests
    policies = [
        {
            "label": label,
            "index": i,
            "totals": report.totals(i),
            "affected": report.affected(i, top),
        }
        for i, label in enumerate(report.policies)
    ]
    context: dict[str, Any] = {
        "report": report,
        "requests": requests,
        "visitors": report.visitors,
        "outcomes": OUTCOMES,
        "colors": OUTCOME_COLORS,
        "policies": policies,
        "browsers": report.browsers()[:top],
        "unclassified": report.unclassified(top),
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "timeline_chart": _timeline_chart(report),
        "policy_chart": _policy_chart(report),
        "version_charts": _version_charts(report),
        "pct": lambda part, whole: f"{100 * part / whole:.1f}%" if whole else "–",
        "count": lambda value: "–" if value is None else f"{value:,.0f}",
    }
    return _environment().get_template("report.html").render(context)


def _timeline_chart(report: Report) -> Any:
    if not report.timeline:
        return None
    totals: dict[str, int] = defaultdict(int)
    for _, name, n in report.timeline:
        if name != "Bots":
            totals[name] += n
    named = sorted(totals, key=lambda k: -totals[k])[:_TIMELINE_BROWSERS]
    days: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for day, name, n in report.timeline:
        key = name if name in named or name == "Bots" else "Other"
        days[day][key] += n
    series = [*named, "Other", "Bots"]
    colors = {name: PALETTE[i % 7] for i, name in enumerate(named)}
    colors |= {"Other": PALETTE[8], "Bots": PALETTE[9]}
    return stacked_columns(
        sorted(days.items()), series, colors, title="Browser share of requests per day"
    )


def _policy_chart(report: Report) -> Any:
    rows = []
    for i, label in enumerate(report.policies):
        totals = report.totals(i)
        rows.append(
            (
                label,
                [Bar(o, float(totals[o].requests), OUTCOME_COLORS[o]) for o in OUTCOMES],
            )
        )
    return hbars(rows, title="Share of requests per outcome, per policy")


def _version_charts(report: Report) -> list[Any]:
    requests = report.requests or 1
    per_browser: dict[str, dict[str, list[Any]]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for row in report.browsers():
        if row.version:
            per_browser[row.browser_name][row.version] = [row.requests, row.affected]
            totals[row.browser_name] += row.requests
    charts = []
    for name in sorted(totals, key=lambda k: -totals[k])[:_VERSION_CHARTS]:
        versions = per_browser[name]
        ordered = sorted(versions, key=lambda v: tuple(int(p) for p in v.split(".")))
        bars = []
        for version in ordered:
            count, affected = versions[version]
            # Versions some policy would warn, block or log stand out.
            color = OUTCOME_COLORS["warned"] if any(affected) else PALETTE[0]
            bars.append(Bar(version, 100 * count / requests, color))
        charts.append(version_bars(name, bars))
    return charts
