"""``jreject analyze``: read access logs, and show who each policy would warn or block."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jreject.cli.output import cannot_write, console, error_console, fail

if TYPE_CHECKING:
    from jreject.analyze.classify import PolicyUnderTest
    from jreject.analyze.report import Report
    from jreject.analyze.run import Progress

__all__ = ["register"]

#: Exit status after Ctrl-C, as a shell reports SIGINT (128 + 2).
INTERRUPTED = 130

EPILOG = """\
Examples:

  jreject analyze /var/log/nginx/access.log*

  jreject analyze access.log.gz --policy strict.toml --policy lenient.toml --html report.html

  jreject analyze caddy.json --format json --ua-field request.headers.User-Agent --json

  jreject analyze access.log --browserslist-stats browserslist-stats.json

Exit status: 0 on success, 2 for unusable input (no line read, bad format, bad policy),
130 after Ctrl-C (what was counted so far is still printed).
"""

_MISSING_EXTRA = (
    "jreject analyze needs the 'analyze' extra (polars): pip install 'jreject[analyze]'"
)


def register(app: typer.Typer) -> None:
    """Add the ``analyze`` command to ``app``."""
    app.command(epilog=EPILOG)(analyze)


def analyze(
    logs: Annotated[
        list[str],
        typer.Argument(
            help="Access logs: paths, '-' for standard input, or fsspec URLs (s3://…). "
            ".gz, .bz2 and .zst are read as they are.",
            show_default=False,
        ),
    ],
    policy: Annotated[
        list[Path] | None,
        typer.Option(
            "--policy",
            "-p",
            help="A jreject.toml or pyproject.toml to judge by (repeat to compare side by "
            "side). Default: the nearest config upward, else the recommended policy.",
            show_default=False,
        ),
    ] = None,
    log_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="combined, common, json, csv, tsv, w3c, plain, or an nginx log_format / "
            "Apache LogFormat string. Default: guessed from the first lines.",
            show_default=False,
        ),
    ] = None,
    ua_field: Annotated[
        str | None,
        typer.Option("--ua-field", help="JSON path (a.b.c) or column of the User-Agent."),
    ] = None,
    ip_field: Annotated[
        str | None, typer.Option("--ip-field", help="JSON path or column of the client IP.")
    ] = None,
    time_field: Annotated[
        str | None, typer.Option("--time-field", help="JSON path or column of the time.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    as_csv: Annotated[
        bool, typer.Option("--csv", help="Print one CSV row per distinct User-Agent.")
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write a self-contained HTML report here."),
    ] = None,
    browserslist_stats: Annotated[
        Path | None,
        typer.Option(
            "--browserslist-stats",
            help="Also write browserslist's usage file (for '> 0.5% in my stats').",
        ),
    ] = None,
    caniuse_csv: Annotated[
        Path | None,
        typer.Option("--caniuse-csv", help="Also write a CSV for caniuse.com's usage import."),
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this process) or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: the scheduler address (tcp://host:8786). "
            "Default: a local cluster.",
        ),
    ] = None,
    top: Annotated[
        int, typer.Option("--top", min=1, help="Rows in each table (terminal and --html).")
    ] = 15,
) -> None:
    """Read access logs and show the share of visitors each policy would warn or block."""
    if as_json and as_csv:
        fail("give --json or --csv, not both")
    if engine not in ("local", "dask"):
        fail(f"--engine must be 'local' or 'dask', not {engine!r}")
    if scheduler is not None and engine != "dask":
        fail("--scheduler needs --engine dask")
    for target in (html, browserslist_stats, caniuse_csv):
        # Found now, not after an hour of reading the logs.
        if target is not None and not target.parent.is_dir():
            fail(f"cannot write {target}: no such directory: {target.parent}")
    try:
        from jreject.analyze import AnalyzeError, FormatError, SourceError
        from jreject.analyze import analyze as run
        from jreject.analyze.formats import parse_format
    except ModuleNotFoundError as exc:
        if exc.name == "polars":
            fail(_MISSING_EXTRA)
        raise
    policies = _policies(policy or [])
    try:
        fmt = (
            parse_format(log_format, ua=ua_field, ip=ip_field, time=time_field)
            if log_format is not None
            else None
        )
        if fmt is None and (ua_field or ip_field or time_field):
            fail("--ua-field, --ip-field and --time-field need --format (json, csv, tsv, w3c)")
        with _progress(logs) as progress:
            report = run(
                logs,
                policies,
                fmt=fmt,
                engine="dask" if engine == "dask" else "local",
                scheduler=scheduler,
                progress=progress,
            )
    except (AnalyzeError, FormatError, SourceError) as exc:
        fail(str(exc))
    except ModuleNotFoundError as exc:
        fail(f"{exc.name} is not installed: pip install 'jreject[analyze]'")

    from jreject.analyze.report_text import print_problems, print_report, to_csv, to_json

    _write_files(report, html, browserslist_stats, caniuse_csv, top=top)
    print_problems(report, error_console())
    if as_json:
        sys.stdout.write(to_json(report) + "\n")
    elif as_csv:
        sys.stdout.write(to_csv(report))
    else:
        print_report(report, console(), top=top)
    if report.interrupted:
        raise typer.Exit(INTERRUPTED)


#: The column of the policy that applies with no --policy and no jreject.toml found.
RECOMMENDED_LABEL = "recommended policy"


def _policies(paths: list[Path]) -> list[PolicyUnderTest]:
    from jreject.analyze.classify import PolicyUnderTest
    from jreject.config import ConfigError, default_config, find_config, load_config

    try:
        if not paths:
            found = find_config()
            if found is None:
                return [PolicyUnderTest(RECOMMENDED_LABEL, default_config())]
            return [PolicyUnderTest(found.name, load_config(found))]
        names = [p.stem for p in paths]
        # Two files with the same stem (a/jreject.toml, b/jreject.toml): use the paths.
        labels = names if len(set(names)) == len(names) else [str(p) for p in paths]
        return [
            PolicyUnderTest(label, load_config(path))
            for label, path in zip(labels, paths, strict=True)
        ]
    except ConfigError as error:
        fail(str(error))


def _write_files(
    report: Report,
    html: Path | None,
    stats: Path | None,
    caniuse_csv: Path | None,
    *,
    top: int,
) -> None:
    try:
        if html is not None:
            from jreject.analyze.report_html import render_html

            html.write_text(render_html(report, top=top), "utf-8")
            error_console().print(f"wrote {html}")
        if stats is not None:
            from jreject.analyze.stats import browserslist_stats_json

            stats.write_text(browserslist_stats_json(report), "utf-8")
            error_console().print(f"wrote {stats}")
        if caniuse_csv is not None:
            from jreject.analyze.stats import caniuse_import_csv

            caniuse_csv.write_text(caniuse_import_csv(report), "utf-8")
            error_console().print(f"wrote {caniuse_csv}")
    except OSError as exc:
        if exc.filename is None:
            fail(f"cannot write the report: {exc.strerror or exc}")
        fail(cannot_write(Path(exc.filename), exc))


@contextmanager
def _progress(logs: list[str]) -> Iterator[Progress | None]:
    """A progress bar on stderr (bytes, lines/s, ETA) when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.progress import (
        Progress as Bar,
    )

    from jreject.analyze.read import source_size

    sizes = [source_size(name) for name in logs]
    total = sum(s for s in sizes if s) if all(sizes) else None
    bar = Bar(
        TextColumn("[bold]Reading[/] {task.fields[name]}"),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rate]:>12} lines/s"),
        TimeRemainingColumn(),
        console=error_console(),
        transient=True,
    )
    task = bar.add_task("read", total=total, name="", rate="")
    done: dict[str, int] = {}
    lines = [0]

    def update(count: int, read: int, name: str) -> None:
        done[name] = read
        lines[0] += count
        elapsed = bar.tasks[0].elapsed or 0.0
        rate = f"{lines[0] / elapsed:,.0f}" if elapsed > 0.5 else ""
        bar.update(task, completed=sum(done.values()), name=Path(name).name, rate=rate)

    with bar:
        yield update
