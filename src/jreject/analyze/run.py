"""The analysis end to end: read → parse → tally → classify distinct UAs → report.

:func:`analyze` is the library entry point the CLI calls. The local engine streams
each log block by block in this process; ``engine="dask"`` hands the same counting,
partition by partition, to a Dask cluster (:mod:`jreject.analyze.dask`), and the
tallies merge into the same report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from jreject.analyze.aggregate import Tally
from jreject.analyze.classify import PolicyUnderTest, classify, looks_like_text, prepare
from jreject.analyze.count import Partition, Progress, count_partition
from jreject.analyze.dask import count_on_dask
from jreject.analyze.formats import LogFormat
from jreject.analyze.guess import complete, guess
from jreject.analyze.read import BLOCK_SIZE, SourceError, blocks, expand, open_source
from jreject.analyze.report import Report, build_report
from jreject.analyze.sample import DEFAULT_CAP

__all__ = [
    "AnalyzeError",
    "Engine",
    "Partition",
    "Progress",
    "analyze",
    "count_partition",
    "sniff_format",
]

Engine = Literal["local", "dask"]
#: Lines looked at to guess a format.
_SNIFF_LINES = 50


class AnalyzeError(ValueError):
    """Nothing usable came out of the logs: the message says what was found instead."""


def _sample(source: str) -> list[str]:
    opened = open_source(source)
    try:
        first = next(blocks(opened.stream, 256 * 1024), b"")
    except SourceError:
        first = b""  # cut before its first line: counting says so, naming the log
    finally:
        opened.close()
    return first.decode("utf-8", "replace").splitlines()[:_SNIFF_LINES]


def sniff_format(source: str) -> LogFormat:
    """Guess the format of ``source`` from its first lines (not for standard input)."""
    return guess(_sample(source))


def analyze(
    sources: Sequence[str],
    policies: Sequence[PolicyUnderTest],
    *,
    fmt: LogFormat | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    cap: int = DEFAULT_CAP,
    block_size: int = BLOCK_SIZE,
    progress: Progress | None = None,
) -> Report:
    """Read ``sources`` (paths, ``-``, fsspec URLs, globs of either) and judge their
    visitors by ``policies``.

    Without ``fmt`` the format is guessed from the first source's first lines. A
    KeyboardInterrupt while counting (either engine) stops it and reports what was
    counted so far (``report.interrupted``). Raises :class:`AnalyzeError` when no line
    could be read as a request, and :class:`~jreject.analyze.read.SourceError` or
    :class:`~jreject.analyze.formats.FormatError` for unusable input.
    """
    sources = expand(list(sources))
    if not sources:
        raise AnalyzeError("no log given")
    if not policies:
        raise AnalyzeError("no policy given")
    guessed = fmt is None
    if fmt is None:
        fmt = _guess_first(sources)
    elif fmt.guess_fields:
        fmt = complete(fmt, [] if sources[0] == "-" else _sample(sources[0]))
    interrupted = False
    detectors = prepare(policies)
    tally = Tally.with_cap(cap)
    try:
        if engine == "dask":
            count_on_dask(
                sources, fmt, cap=cap, scheduler=scheduler, block_size=block_size, tally=tally
            )
        else:
            for source in sources:
                count_partition(
                    Partition(source), fmt, block_size=block_size, progress=progress, tally=tally
                )
    except KeyboardInterrupt:
        interrupted = True
    warnings = _check(tally, fmt, guessed, interrupted)
    detectors.join()
    judged = classify(
        tally.uas.get_column("ua").to_list(), policies, escaped=fmt.kind in ("regex", "plain")
    )
    report = build_report(
        tally,
        judged,
        policies,
        sources=sources,
        format_name=fmt.describe + (" (guessed)" if guessed else ""),
        has_visitors=fmt.ip is not None,
        interrupted=interrupted,
        warnings=warnings,
    )
    notes = _doubtful_user_agents(report, fmt, guessed)
    return replace(report, warnings=(*report.warnings, *notes)) if notes else report


def _doubtful_user_agents(report: Report, fmt: LogFormat, guessed: bool) -> list[str]:
    """Warn when most "User-Agents" are not text, or (format guessed) not ones detection knows.

    Lines of another format, or binary data, read as "plain" User-Agents look like this;
    detection alone does not tell, since it calls many odd strings bots.
    """
    if not report.requests or (fmt.ua is None and fmt.kind != "plain"):
        return []
    garbled = sum(row.requests for row in report.uas if not looks_like_text(row.user_agent))
    if garbled * 2 > report.requests:
        return [
            f"{garbled / report.requests:.0%} of the requests have a User-Agent that is not "
            "text: the input does not look like a log of User-Agents (a binary file?)"
            + (
                f"; the guessed format ({fmt.describe}) may be wrong: give --format"
                if guessed
                else ""
            )
        ]
    unknown = sum(
        row.requests
        for row in report.uas
        if row.unclassified or not looks_like_text(row.user_agent)
    )
    if guessed and unknown * 2 > report.requests:
        return [
            f"{unknown / report.requests:.0%} of the requests have a User-Agent detection "
            f"cannot name: if these are not User-Agents, the guessed format ({fmt.describe}) "
            "is wrong: give --format"
        ]
    return []


def _guess_first(sources: Sequence[str]) -> LogFormat:
    if sources[0] == "-":
        raise AnalyzeError(
            "cannot guess the format of standard input: give --format "
            "(combined, common, json, csv, tsv, w3c, plain, or a format string)"
        )
    return sniff_format(sources[0])


def _check(tally: Tally, fmt: LogFormat, guessed: bool, interrupted: bool) -> list[str]:
    """Refuse an empty result; warn when most lines did not fit the format."""
    tally.compact()
    content = tally.lines - tally.blank
    hint = (
        f"the format was guessed as {fmt.describe}: give the right one with --format"
        if guessed
        else f"check --format (reading as {fmt.describe})"
    )
    if tally.requests == 0 and not interrupted:
        shown = "; ".join(f"{e.where}: {e.text!r}" for e in tally.examples[:3])
        cut = "".join(f"; {problem}" for problem in tally.problems)
        if content == 0:
            raise AnalyzeError("the logs hold no lines to read" + cut)
        raise AnalyzeError(
            f"none of the {content} lines could be read as requests; {hint}"
            + (f". First lines not read: {shown}" if shown else "")
            + cut
        )
    warnings = list(tally.problems)
    if content and tally.malformed * 2 > content:
        warnings.append(
            f"{tally.malformed} of {content} lines ({tally.malformed / content:.0%}) could "
            f"not be read: {hint}"
        )
    if fmt.ua is None and fmt.kind != "plain":
        warnings.append(
            f"the {fmt.name} format has no User-Agent field: every request counts as an "
            "unknown browser (log the User-Agent, e.g. with the combined format)"
        )
    if fmt.ip is None and fmt.kind != "plain":
        warnings.append("the log has no client IP: unique visitors cannot be counted")
    return warnings
