"""What every log parser returns: one row per line, ``ok``, ``blank``, ``ip``, ``day``, ``ua``.

:func:`frame` builds those rows from polars expressions over the batch's lines; the
parsers of :mod:`jreject.analyze.columns` and :mod:`jreject.analyze.tabular` all end in it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = ["COLUMNS", "Parser", "frame"]

#: The columns every parser returns, in order.
COLUMNS: tuple[str, ...] = ("ok", "blank", "ip", "day", "ua")

#: A batch of lines (a string Series) → one row per line, :data:`COLUMNS`.
Parser = Callable[["pl.Series"], "pl.DataFrame"]


def frame(
    lines: pl.Series,
    ip: pl.Expr | None,
    time: pl.Expr | None,
    ua: pl.Expr | None,
    *,
    day: pl.Expr | None = None,
) -> pl.DataFrame:
    """The rows of ``lines``, from the expressions that pick each field out of a line.

    A field the format lacks is ``None`` (an empty value, the line still read);
    ``day`` is given as is, else taken from ``time`` (an epoch or a written date).
    """
    import polars as pl

    line = pl.col("line")
    # A regex test, not strip_chars() == "": no copy of every line.
    blank = line.is_null() | line.str.contains(r"^\s*$")
    ip = ip if ip is not None else pl.lit("")
    if day is None:
        day = _day(time) if time is not None else pl.lit("")
    ua_expr = ua if ua is not None else pl.lit("")
    # A line is read when every field the format has was found (an absent one is "").
    ok = pl.all_horizontal(ip.is_not_null(), day.is_not_null(), ua_expr.is_not_null()) & ~blank
    return (
        pl.DataFrame(lines.alias("line"))
        .lazy()
        .select(
            ok=ok,
            blank=blank,
            ip=ip.fill_null(""),
            day=day.fill_null(""),
            ua=ua_expr.fill_null(""),
        )
        .collect()
    )


def _day(time: pl.Expr) -> pl.Expr:
    import polars as pl

    text = time.str.strip_chars()
    epoch = text.str.extract(r"^(\d{9,13}(?:\.\d*)?)$", 1).cast(pl.Float64, strict=False)
    seconds = pl.when(epoch > 1e11).then(epoch / 1000).otherwise(epoch)
    from_epoch = (
        (seconds * 1000)
        .cast(pl.Int64, strict=False)
        .cast(pl.Datetime("ms"))
        .dt.strftime("%Y-%m-%d")
    )
    written = text.str.extract(r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/[A-Za-z]{3}/\d{4})", 1)
    return pl.when(epoch.is_not_null()).then(from_epoch).otherwise(written)
