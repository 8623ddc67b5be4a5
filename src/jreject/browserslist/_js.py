"""JavaScript's number parsing and date arithmetic, where browserslist's answers depend on them.

browserslist compares versions with ``parseFloat``/``parseInt`` (``"15.2-15.3"`` → 15.2,
``"TP"`` → NaN) and builds dates with ``Date.UTC``; Python's ``float()`` and ``datetime``
behave differently on exactly the inputs that matter, so these mirror the JS rules.
"""

from __future__ import annotations

import functools
import math
import re
from decimal import Decimal

__all__ = [
    "NAN",
    "WS",
    "iso_date_ms",
    "js_string",
    "js_trim",
    "js_truthy",
    "js_typeof",
    "month_shift",
    "parse_float",
    "parse_int",
    "utc_ms",
    "year_end_ms",
]

NAN = math.nan
#: JavaScript's ``\s`` and what ``trim`` removes (whitespace and line terminators), spelt
#: out so that it serves both as ``str.strip``'s argument and inside a regexp class.
WS = (
    "\t\n\v\f\r \u00a0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_FLOAT = re.compile(
    rf"[{WS}]*([+-]?(?:Infinity|\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))"
)
_INT = re.compile(rf"[{WS}]*([+-]?\d+)")
_DAY_MS = 86_400_000
#: The largest time a JavaScript Date holds, in ms either side of 1970 (TimeClip).
_MAX_TIME = 8.64e15


def js_trim(text: str) -> str:
    """``String.prototype.trim``."""
    # Not a regexp: "[ws]+$" retries from every position of a long run inside the text.
    return text.strip(WS)


def js_truthy(value: object) -> bool:
    """JavaScript's truthiness of a value read from JSON: null, false, 0 and "" are false;
    [] and {} are true."""
    return not (value is None or value == "" or (isinstance(value, int | float) and value == 0))


def js_typeof(value: object) -> str:
    """``typeof``, for messages that name a type as browserslist does: ``number``, not
    ``int``; ``object`` for a mapping (and for None, JavaScript's null)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "function" if callable(value) else "object"


@functools.lru_cache(maxsize=4096)
def parse_float(text: str) -> float:
    """``parseFloat``: the longest numeric prefix, NaN when there is none."""
    match = _FLOAT.match(text)
    if not match:
        return NAN
    value = match.group(1)
    return float(value.replace("Infinity", "inf"))


@functools.lru_cache(maxsize=4096)
def parse_int(text: str | None) -> float:
    """``parseInt(text)`` (base 10): NaN when there are no leading digits, Infinity past
    the largest double."""
    if text is None:
        return NAN
    match = _INT.match(text)
    # float() of the digits, not int(): a 400-digit number is Infinity, as in JavaScript,
    # where float(int(...)) overflows, and int() refuses more than 4300 digits.
    return float(match.group(1)) if match else NAN


def js_string(value: float) -> str:
    """``String(number)``: ``28`` not ``28.0``, ``Infinity``, ``1e+21``, ``1e-7``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    # repr gives the shortest digits that read back as the same double, as JavaScript does;
    # only the layout differs.
    shortest = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, shortest.digits))
    point = len(digits) + int(shortest.exponent)  # value = 0.digits × 10**point
    return ("-" if value < 0 else "") + _layout(digits, point)


def _layout(digits: str, point: int) -> str:
    size = len(digits)
    if size <= point <= 21:
        return digits + "0" * (point - size)
    if 0 < point <= 21:
        return f"{digits[:point]}.{digits[point:]}"
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    tail = f".{digits[1:]}" if size > 1 else ""
    return f"{digits[0]}{tail}e{'+' if point > 0 else '-'}{abs(point - 1)}"


def _days_from_civil(year: int, month: int, day: int) -> int:
    # Howard Hinnant's algorithm: valid for any proleptic Gregorian year.
    year -= month <= 2
    era = (year if year >= 0 else year - 399) // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def utc_ms(year: float, month: float, day: float = 1, *, short_years: bool = True) -> float:
    """``Date.UTC(year, month, day)``: month is 0-based and overflows into years, years
    0–99 mean 1900–1999 (unless ``short_years`` is False, as in ISO date strings), the
    day overflows into months, and a part that is not finite or a date JavaScript cannot
    hold gives NaN."""
    if not all(math.isfinite(part) for part in (year, month, day)):
        return NAN
    y, m, d = int(year), int(month), int(day)
    if short_years and 0 <= y <= 99:
        y += 1900
    y += m // 12
    m %= 12
    # Integer arithmetic, so a year of 1e300 is out of range rather than a float overflow.
    ms = (_days_from_civil(y, m + 1, 1) + d - 1) * _DAY_MS
    return float(ms) if abs(ms) <= _MAX_TIME else NAN


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date_ms(text: str) -> float:
    """``Date.parse("YYYY-MM-DD")``: UTC midnight; NaN for an impossible month or a day past 31
    (JavaScript reads 2023-02-30 as 2 March)."""
    match = _ISO_DATE.fullmatch(text)
    if not match:
        return NAN
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return NAN
    return utc_ms(year, month - 1, day, short_years=False)


def year_end_ms(year: str) -> float:
    """``new Date(year + "-12-31")`` for a string of digits (baseline-browser-mapping's
    targetYear), as V8 reads it, in UTC.

    Four digits make an ISO date. Any other count goes to V8's legacy date parser, which
    skips leading zeros and keeps nine significant digits, then reads "N-12-31" as
    month-day-year when N could be a day (1–12 is 12 January … December 2031, 13–31 an
    impossible month) and otherwise as year-month-day, with years 0–49 meaning 20xx and
    50–99 19xx. (That parser uses local time; jreject's clock is UTC throughout.)
    """
    if len(year) == 4:
        return utc_ms(int(year), 11, 31, short_years=False)
    number = int(year.lstrip("0")[:9] or "0")
    if 1 <= number <= 31:
        return utc_ms(2031, number - 1, 12) if number <= 12 else NAN
    if number <= 99:
        number += 2000 if number <= 49 else 1900
    return utc_ms(number, 11, 31, short_years=False)


def _civil(ms: float) -> tuple[int, int, int, float]:
    days = math.floor(ms / _DAY_MS)
    rest = ms - days * _DAY_MS
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day, rest


def month_shift(ms: float, months: int) -> float:
    """``date.setMonth(date.getMonth() + months)`` in UTC: the day of the month is kept and
    overflows (31 August − 6 months is 3 March)."""
    if math.isnan(ms):
        return ms
    year, month, day, rest = _civil(ms)
    total = year * 12 + (month - 1) + months
    return float((_days_from_civil(total // 12, total % 12 + 1, 1) + day - 1) * _DAY_MS + rest)
