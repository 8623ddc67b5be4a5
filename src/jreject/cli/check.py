"""``jreject check``: detect a User-Agent (and client hints), show the verdict and its reasons."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jreject.cli.output import console, error_console, fail
from jreject.policy.base import Verdict
from jreject.policy.cache import VerdictCache
from jreject.policy.config import ConfigError, default_config, find_config, load_config
from jreject.record import verdict_record

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["register"]

#: Past this many lines a progress bar is worth its cost (when stderr is a terminal).
PROGRESS_THRESHOLD = 5_000

EPILOG = """\
Examples:

  jreject check "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"

  jreject check "$UA" -H 'Sec-CH-UA: "Microsoft Edge";v="131", "Chromium";v="131"' --json

  jreject check --file access-uas.txt --policy jreject.toml

Exit status: 0 allowed, 1 rejected (with --file: any line rejected), 2 usage or config error.
"""


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
            "from the current directory, else jReject's default policy {msie = 6}.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="JSON output (one object per line with --file)."),
    ] = False,
) -> None:
    """Detect a browser from its User-Agent and client hints, and show the policy's verdict."""
    if (user_agent is None) == (file is None):
        fail("give either a User-Agent argument or --file, not both and not neither")
    headers = _parse_headers(map(header_text, header or []))
    judge, source = _load_policy(policy)
    if file is not None:
        if headers:
            fail("--header applies to a single User-Agent; it cannot be combined with --file")
        rejected = _check_file(judge, file, as_json)
        raise typer.Exit(1 if rejected else 0)

    verdict = _judge(judge, {**headers, "User-Agent": header_text(user_agent or "")})
    if as_json:
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
    except Exception as exc:  # a bug in jreject: say so plainly, never a traceback
        fail(f"jreject could not judge this input ({type(exc).__name__}: {exc}); please report it")


def _load_policy(path: Path | None) -> tuple[VerdictCache, str]:
    """The configured policy behind a verdict cache, and where it came from."""
    from jreject.detect import Detector

    try:
        found = path if path is not None else find_config()
        config = load_config(found) if found is not None else default_config()
    except ConfigError as error:
        fail(str(error))
    source = str(found) if found is not None else "jReject's default {msie = 6} (no config found)"
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
    """The file's lines as text; a line that is not UTF-8 is read as Latin-1, as logs are."""
    if str(file) == "-":
        yield from map(_line_text, sys.stdin.buffer)
        return
    try:
        with file.open("rb") as handle:
            yield from map(_line_text, handle)
    except OSError as exc:
        fail(f"cannot read {file}: {exc.strerror or exc}")


def _line_text(line: bytes) -> str:
    line = line.rstrip(b"\r\n")
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("latin-1")


def _check_file(judge: VerdictCache, file: Path, as_json: bool) -> bool:
    """Check every non-blank line; return whether any was rejected."""
    lines = [line for line in _read_lines(file) if line.strip()]
    rejected_count = 0
    table = None if as_json else _verdict_table()
    write = sys.stdout.write
    for user_agent in _with_progress(lines):
        verdict = _judge(judge, {"User-Agent": user_agent})
        rejected_count += not verdict.allowed
        if table is None:
            write(json.dumps(verdict_record(verdict), ensure_ascii=False) + "\n")
        else:
            _add_row(table, verdict)
    if table is not None:
        console().print(table)
        plural = "" if len(lines) == 1 else "s"
        error_console().print(f"{len(lines)} user agent{plural} checked, {rejected_count} rejected")
    return rejected_count > 0


def _with_progress(lines: list[str]) -> Iterable[str]:
    if len(lines) < PROGRESS_THRESHOLD or not sys.stderr.isatty():
        return lines
    from rich.progress import track

    return track(lines, description="Checking", console=error_console(), transient=True)


def _verdict_table() -> Table:
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for column in ("User-Agent", "Browser", "Engine", "OS", "Device", "Verdict", "Rule"):
        # Only the User-Agent may wrap: the other cells are short and read best whole.
        wrap = column == "User-Agent"
        table.add_column(column, overflow="fold" if wrap else "ellipsis", no_wrap=not wrap)
    return table


def _add_row(table: Table, verdict: Verdict) -> None:
    from rich.markup import escape

    client = verdict.client
    table.add_row(
        escape(client.user_agent[:80]) or "(empty)",
        escape(client.label),
        client.engine,
        escape(_os_label(verdict)),
        "bot" if client.is_bot else client.device,
        _action_label(verdict),
        escape(verdict.rule or ""),
    )


def _os_label(verdict: Verdict) -> str:
    client = verdict.client
    version = ".".join(map(str, client.os_version))
    if not version:
        return client.os_name
    # A frozen OS version (reduced UA) is only a lower bound: say so with a "+".
    return f"{client.os_name} {version}{'+' if client.os_version_frozen else ''}"


def _action_label(verdict: Verdict) -> str:
    if verdict.allowed:
        return "[green]allowed[/]" + (" (logged)" if verdict.action == "log" else "")
    return f"[red]rejected[/] ({verdict.action})"


def _print_verdict(verdict: Verdict, source: str) -> None:
    from rich.markup import escape
    from rich.table import Table

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
            escape(_os_label(verdict))
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
