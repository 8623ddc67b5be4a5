"""``jreject check``: detect a User-Agent (and client hints), show the verdict and its reasons."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, BinaryIO, Literal

import typer

from jreject.cli import resume_collector
from jreject.cli.output import console, error_console, fail, standard_input

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from jreject.pipeline import VerdictCache
    from jreject.policy.base import Verdict

# The library is imported inside the functions that use it: `jreject check` is a
# one-shot process, and `jreject --help` or another command need none of it.

__all__ = ["register"]

#: From this file size on (about 5,000 lines) a progress bar shows, when stderr is a terminal.
PROGRESS_BYTES = 512 * 1024

EPILOG = """\
Examples:

  jreject check "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"

  jreject check "$UA" -H 'Sec-CH-UA: "Microsoft Edge";v="131", "Chromium";v="131"' --json

  jreject check --file access-uas.txt --policy jreject.toml

Exit status: 0 allowed, 1 rejected (with --file: any line rejected), 2 usage or config error.
"""


#: Output formats of ``--file`` (typer reads the choices from this Literal).
Output = Literal["table", "tsv", "json"]


def register(app: typer.Typer) -> None:
    """Add the ``check`` command to ``app``."""
    app.command(epilog=EPILOG)(check)


def check(
    user_agent: Annotated[
        str | None,
        typer.Argument(help="The User-Agent string to check (quote it).", show_default=False),
    ] = None,
    header: Annotated[
        list[str] | None,
        typer.Option(
            "--header",
            "-H",
            help="An extra request header, 'Name: value' (repeatable), e.g. Sec-CH-UA.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            "-f",
            help="Check one User-Agent per line of this file ('-' for standard input).",
            show_default=False,
            allow_dash=True,
        ),
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            "-p",
            help="A jreject.toml or pyproject.toml. Default: the nearest one found upward "
            "from the current directory, else the recommended policy (IE and old Edge: "
            "modal; a year behind: banner).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="JSON output (one object per line with --file)."),
    ] = False,
    output: Annotated[
        Output | None,
        typer.Option(
            "--format",
            help="With --file: 'table' (aligned rows, the default on a terminal), 'tsv' (the "
            "default in a pipe or file) or 'json' (as --json).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Detect a browser from its User-Agent and client hints, and show the policy's verdict."""
    if (user_agent is None) == (file is None):
        fail("give either a User-Agent argument or --file, not both and not neither")
    headers = _parse_headers(map(header_text, header or []))
    judge, source = _load_policy(policy)
    if file is not None:
        if headers:
            fail("--header applies to a single User-Agent; it cannot be combined with --file")
        if as_json and output not in (None, "json"):
            fail(f"--json and --format {output} disagree: give one of them")
        chosen = "json" if as_json else output or ("table" if sys.stdout.isatty() else "tsv")
        resume_collector()  # a file may hold millions of lines
        rejected = _check_file(judge, file, chosen)
        raise typer.Exit(1 if rejected else 0)

    verdict = _judge(judge, {**headers, "User-Agent": header_text(user_agent or "")})
    if as_json:
        from jreject.record import verdict_record

        sys.stdout.write(json.dumps(verdict_record(verdict), ensure_ascii=False) + "\n")
    else:
        _print_verdict(verdict, source)
    raise typer.Exit(0 if verdict.allowed else 1)


def header_text(value: str) -> str:
    """``value`` as a server would hand it to the app: text, never lone surrogates.

    An argument that is not valid UTF-8 reaches Python with its bytes smuggled in as
    surrogates (PEP 383), which no str API accepts. Its bytes are read back and, when
    they are not UTF-8, decoded as Latin-1, as a WSGI server decodes header bytes.
    """
    raw = os.fsencode(value)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _judge(judge: VerdictCache, headers: dict[str, str]) -> Verdict:
    try:
        return judge.from_headers(headers)
    except ImportError as exc:  # a broken install, not a bug: doctor's jreject.E003
        fail(
            f"the User-Agent parser cannot be loaded ({exc}); reinstall it: "
            "pip install --force-reinstall ua-parser ua-parser-builtins"
        )
    except Exception as exc:  # a bug in jreject: say so plainly, never a traceback
        fail(f"jreject could not judge this input ({type(exc).__name__}: {exc}); please report it")


def _load_policy(path: Path | None) -> tuple[VerdictCache, str]:
    """The configured policy behind a verdict cache, and where it came from."""
    from jreject.config import ConfigError, default_config, find_config, load_config
    from jreject.detect.detector import Detector
    from jreject.pipeline import VerdictCache

    try:
        found = path if path is not None else find_config()
        config = load_config(found) if found is not None else default_config()
    except ConfigError as error:
        fail(str(error))
    source = str(found) if found is not None else "the recommended policy (no config found)"
    detector = Detector(bot_patterns=config.bot_patterns)
    return VerdictCache(config.policy, detector, bots=config.bots), source


def _parse_headers(values: Iterable[str]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for value in values:
        name, sep, rest = value.partition(":")
        name = name.strip()
        if not sep or not name or any(c.isspace() for c in name):
            fail(f"--header {value!r}: expected 'Name: value', e.g. 'Sec-CH-UA-Mobile: ?0'")
        if name.lower() == "user-agent":
            fail("--header: give the User-Agent as the argument, not as a header")
        headers[name] = rest.strip()
    return headers


def _read_lines(file: Path) -> Iterator[str]:
    """The file's lines as text; a line that is not UTF-8 is read as Latin-1, as logs are.

    The file is opened now, so a missing one fails before any output.
    """
    if str(file) == "-":
        return map(_line_text, standard_input())
    try:
        handle = file.open("rb")
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")
    return _lines_of(handle)


def _lines_of(handle: BinaryIO) -> Iterator[str]:
    with handle:
        yield from map(_line_text, handle)


def _line_text(line: bytes) -> str:
    line = line.rstrip(b"\r\n")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("latin-1")


def _check_file(judge: VerdictCache, file: Path, output: str) -> bool:
    """Check every non-blank line as it is read; print each verdict at once; summarise.

    Rows go out as they come, so a pipe sees output immediately and memory stays flat
    whatever the file's size. Returns whether any line was rejected.
    """
    summary = Summary()
    if str(file) == "-" and output != "table":
        # Reading a stream (`tail -f access.log | …`): each row leaves as its line
        # arrives, instead of waiting for a full pipe buffer.
        _line_buffered(sys.stdout)
    lines = _read_lines(file)
    write_row = _row_writer(output)
    for user_agent in _with_progress(lines, file):
        if not user_agent.strip():
            continue
        verdict = _judge(judge, {"User-Agent": user_agent})
        summary.add(verdict)
        write_row(verdict)
    sys.stdout.flush()
    summary.print(error_console())
    return summary.rejected > 0


def _line_buffered(stream: Any) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:  # a real text stream; test runners may substitute others
        reconfigure(line_buffering=True)


def _row_writer(output: str) -> Callable[[Verdict], object]:
    """How one verdict is printed: a JSON line, a tab-separated row, or a terminal row."""
    from jreject.record import verdict_record

    write = sys.stdout.write
    if output == "json":
        return lambda verdict: write(json.dumps(verdict_record(verdict), ensure_ascii=False) + "\n")
    if output == "tsv":
        write("\t".join(TSV_COLUMNS) + "\n")
        return lambda verdict: write("\t".join(_tsv_cells(verdict)) + "\n")
    out = console()
    out.print(_terminal_row(out.width, *TERMINAL_HEADER), style="bold", soft_wrap=True)
    return lambda verdict: out.print(
        _terminal_row(out.width, *_terminal_cells(verdict)), soft_wrap=True
    )


#: Columns of ``--format tsv``: the User-Agent last, so ``cut -f8-`` takes it whole.
TSV_COLUMNS = ("verdict", "action", "rule", "browser", "engine", "os", "device", "user_agent")


def _tsv_cells(verdict: Verdict) -> list[str]:
    client = verdict.client
    cells = [
        "allowed" if verdict.allowed else "rejected",
        verdict.action,
        verdict.rule or "",
        client.label,
        client.engine,
        client.os_label,
        "bot" if client.is_bot else client.device,
        client.user_agent,
    ]
    # A tab or line break inside a value would shift every later column (RFC 4180's
    # TSV cousin has no quoting): written as a space; --json keeps the exact string.
    return [cell.translate(_TSV_SAFE) for cell in cells]


# Other control characters (ESC and the rest: a log line can carry terminal sequences that
# would recolour or retitle the operator's terminal) are shown as escapes, like repr().
_TSV_SAFE = {
    code: repr(chr(code))[1:-1] for code in (*range(0x20), *range(0x7F, 0xA0))
} | str.maketrans("\t\r\n", "   ")

#: The terminal row: fixed-width cells, then the User-Agent in whatever width is left.
_TERMINAL_WIDTHS = (9, 24, 16, 8)
TERMINAL_HEADER = ("Verdict", "Browser", "OS", "Device", "User-Agent")


def _terminal_cells(verdict: Verdict) -> tuple[str, ...]:
    client = verdict.client
    if verdict.allowed:
        shown = "allowed" if verdict.action != "log" else "logged"
    else:
        shown = verdict.action
    return (
        shown,
        client.label,
        client.os_label,
        "bot" if client.is_bot else client.device,
        client.user_agent.translate(_TSV_SAFE) or "(empty)",
    )


def _terminal_row(width: int, *cells: str) -> Text:
    """One aligned line that never wraps: short cells padded or cut, the UA cut to fit."""
    from rich.text import Text

    line = Text(no_wrap=True, overflow="ellipsis")
    used = 0
    for cell, size in zip(cells, _TERMINAL_WIDTHS, strict=False):
        shown = cell if len(cell) < size else cell[: size - 2] + "…"
        style = _CELL_STYLES.get(cell, "") if size == _TERMINAL_WIDTHS[0] else ""
        line.append(shown.ljust(size), style=style)
        used += size
    rest = max(width - used, 10)
    tail = cells[-1]
    line.append(tail if len(tail) <= rest else tail[: rest - 1] + "…")
    return line


_CELL_STYLES = {
    "allowed": "green",
    "logged": "green",
    "modal": "red",
    "banner": "red",
    "block": "bold red",
}


class Summary:
    """Counts by browser and action, printed when a ``--file`` run ends."""

    #: Browsers shown by name; the rest are added up in one "other browsers" row.
    TOP = 15

    def __init__(self) -> None:
        self.checked = 0
        self.rejected = 0
        self.by_browser: Counter[tuple[str, str]] = Counter()

    def add(self, verdict: Verdict) -> None:
        self.checked += 1
        self.rejected += not verdict.allowed
        client = verdict.client
        name = "Bots" if client.is_bot else client.browser_name
        self.by_browser[name, verdict.action] += 1

    def print(self, out: Console) -> None:
        from rich.table import Table

        plural = "" if self.checked == 1 else "s"
        if self.checked:
            actions = [a for a in ACTIONS if any(k[1] == a for k in self.by_browser)]
            totals: Counter[str] = Counter()
            for (name, _), count in self.by_browser.items():
                totals[name] += count
            table = Table(title="By browser and action", title_justify="left", box=None)
            table.add_column("Browser")
            for action in actions:
                table.add_column(action, justify="right")
            ranked = [name for name, _ in totals.most_common()]
            for name in ranked[: self.TOP]:
                table.add_row(name, *(str(self.by_browser[name, a]) for a in actions))
            if len(ranked) > self.TOP:
                rest = ranked[self.TOP :]
                table.add_row(
                    f"{len(rest)} other browsers",
                    *(str(sum(self.by_browser[n, a] for n in rest)) for a in actions),
                )
            out.print(table)
        out.print(f"{self.checked} user agent{plural} checked, {self.rejected} rejected")


#: Actions in the order a summary shows them.
ACTIONS = ("allow", "log", "banner", "modal", "block")


def _with_progress(lines: Iterable[str], file: Path) -> Iterable[str]:
    """A progress bar over a large file when stderr is a terminal; the lines as they are else."""
    if not sys.stderr.isatty() or str(file) == "-":
        return lines
    try:
        size = file.stat().st_size
    except OSError:
        return lines
    if size < PROGRESS_BYTES:
        return lines
    # The file's size in lines is not known without reading it twice: the bar counts
    # bytes instead, so its ETA is right from the start.
    return _track_bytes(lines, size)


def _track_bytes(lines: Iterable[str], size: int) -> Iterator[str]:
    from rich.progress import (
        BarColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    with Progress(
        TextColumn("Checking"),
        BarColumn(),
        TaskProgressColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=error_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("check", total=size)
        for line in lines:
            yield line
            progress.advance(task, len(line) + 1)


def _action_label(verdict: Verdict) -> str:
    if verdict.allowed:
        return "[green]allowed[/]" + (" (logged)" if verdict.action == "log" else "")
    return f"[red]rejected[/] ({verdict.action})"


def _print_verdict(verdict: Verdict, source: str) -> None:
    from rich.markup import escape
    from rich.table import Table

    from jreject.record import verdict_record

    record = verdict_record(verdict)
    client = verdict.client
    rows: list[tuple[str, str]] = [
        (
            "Browser",
            f"{escape(client.label)}  "
            f"[dim]({client.browser}, from {record['sources']['browser']})[/]",
        ),
        ("Engine", f"{client.engine} {record['engine_version'] or ''}".rstrip()),
        (
            "OS",
            escape(verdict.client.os_label)
            + ("  [dim](frozen: a lower bound)[/]" if client.os_version_frozen else ""),
        ),
        (
            "Device",
            f"bot ({escape(client.bot_name or 'unnamed')})" if client.is_bot else client.device,
        ),
        (
            "caniuse",
            f"{client.caniuse_agent} {record['caniuse_version'] or ''}".rstrip()
            if client.caniuse_agent
            else "-",
        ),
        ("Verdict", _action_label(verdict)),
    ]
    if verdict.rule:
        rows.append(("Rule", escape(verdict.rule)))
    rows.extend(
        ("Reasons" if i == 0 else "", escape(reason)) for i, reason in enumerate(verdict.reasons)
    )
    rows.append(("Policy", f"[dim]{escape(source)}[/]"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, value)
    console().print(grid)
