"""A report as rich tables (the terminal), JSON and CSV (machines)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from jreject.analyze.aggregate import printable
from jreject.analyze.classify import OUTCOMES
from jreject.analyze.report import Report, Share

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

__all__ = ["CSV_COLUMNS", "print_report", "to_csv", "to_json"]

_STYLES = {
    "allowed": "green",
    "warned": "yellow",
    "blocked": "red",
    "logged": "magenta",
    "bot": "dim",
}

#: The per-UA columns of ``--csv`` before one ``outcome`` / ``rule`` pair per policy.
CSV_COLUMNS: tuple[str, ...] = (
    "user_agent",
    "browser",
    "version",
    "caniuse",
    "is_bot",
    "unclassified",
    "requests",
    "visitors",
)


def to_json(report: Report) -> str:
    """The report as one JSON document (``report.to_dict()``)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)


def to_csv(report: Report) -> str:
    """One row per distinct User-Agent, with its outcome and rule under each policy."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = list(CSV_COLUMNS)
    for label in report.policies:
        header += [f"outcome[{label}]", f"rule[{label}]"]
    writer.writerow(header)
    for row in report.uas:
        values: list[object] = [
            row.user_agent,
            row.browser_name,
            row.version,
            row.caniuse,
            int(row.is_bot),
            int(row.unclassified),
            row.requests,
            "" if row.visitors is None else row.visitors,
        ]
        for outcome, rule in zip(row.outcomes, row.rules, strict=True):
            values += [outcome, rule or ""]
        writer.writerow(values)
    return out.getvalue()


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _count(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def print_report(report: Report, console: Console, *, top: int = 15) -> None:
    """Print the summary, the totals per policy, browsers, affected and unknown UAs."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    requests = report.requests
    visitors = report.visitors
    approx = "" if report.visitors_exact else " (approximate)"
    console.print(
        f"[bold]{requests:,} requests[/] from {report.lines:,} lines"
        + (f", ~{_count(visitors)} unique visitors{approx}" if visitors is not None else "")
        + f"  [dim]format: {escape(report.format)}[/]"
    )
    totals = Table(title="Who each policy affects", title_justify="left", header_style="bold")
    totals.add_column("Outcome")
    for label in report.policies:
        totals.add_column(f"{escape(label)}\nrequests", justify="right")
        if visitors is not None:
            totals.add_column("visitors", justify="right")
    per_policy = [report.totals(i) for i in range(len(report.policies))]
    for outcome in OUTCOMES:
        cells: list[RenderableType] = [f"[{_STYLES[outcome]}]{outcome}[/]"]
        for shares in per_policy:
            share: Share = shares[outcome]
            cells.append(f"{share.requests:,} ({_percent(share.requests, requests)})")
            if visitors is not None:
                cells.append(_percent(share.visitors or 0.0, visitors))
        totals.add_row(*cells)
    console.print(totals)

    browsers = Table(title="Browsers", title_justify="left", header_style="bold")
    for column in ("Browser", "Version", "Requests", "Share"):
        browsers.add_column(column, justify="left" if column in ("Browser", "Version") else "right")
    for label in report.policies:
        browsers.add_column(f"affected by\n{escape(label)}", justify="right")
    for row in report.browsers()[:top]:
        browsers.add_row(
            Text(row.browser_name),
            row.version,
            f"{row.requests:,}",
            _percent(row.requests, requests),
            *(_percent(n, row.requests) if n else "" for n in row.affected),
        )
    console.print(browsers)

    for i, label in enumerate(report.policies):
        affected = report.affected(i, top)
        if not affected:
            console.print(f"[green]{escape(label)}: no visitor would be warned or blocked.[/]")
            continue
        table = Table(
            title=f"Most affected User-Agents: {escape(label)}",
            title_justify="left",
            header_style="bold",
        )
        table.add_column("Browser", no_wrap=True)
        table.add_column("Outcome", no_wrap=True)
        table.add_column("Requests", justify="right")
        table.add_column("User-Agent", overflow="fold")
        for ua in affected:
            outcome = ua.outcomes[i]
            table.add_row(
                Text(ua.label),
                f"[{_STYLES[outcome]}]{outcome}[/]",
                f"{ua.requests:,}",
                Text(printable(ua.user_agent[:160])),
            )
        console.print(table)

    unknown = report.unclassified(top)
    if unknown:
        table = Table(
            title="Not classified (check these by hand)", title_justify="left", header_style="bold"
        )
        table.add_column("Requests", justify="right")
        table.add_column("User-Agent", overflow="fold")
        for ua in unknown:
            table.add_row(f"{ua.requests:,}", Text(printable(ua.user_agent[:160]) or "(empty)"))
        console.print(table)


def print_problems(report: Report, console: Console) -> None:
    """Malformed lines (with where they are), warnings and an interruption, on stderr."""
    from rich.text import Text

    if report.malformed:
        console.print(
            f"[yellow]{report.malformed:,} malformed line"
            f"{'s' if report.malformed != 1 else ''} skipped[/]"
            + (", the first:" if report.examples else "")
        )
        for example in report.examples:
            console.print(Text.assemble("  ", (f"{example.where}:", "dim"), " ", example.text))
    for warning in report.warnings:
        console.print(Text.assemble(("warning:", "bold yellow"), " ", warning))
    if report.interrupted:
        console.print(
            f"[bold yellow]interrupted:[/] these are the counts of the first "
            f"{report.lines:,} lines only"
        )
