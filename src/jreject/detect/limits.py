"""How much of each request header detection reads, and a count of the headers over it.

Headers come from the network, and their cost must not: http-sf parses a
structured field at ~0.5 µs a member or parameter, so a 1,000-member
``Sec-CH-UA`` cost 7 ms, and parse results are cached, so distinct huge values
grew the process. Browsers send a handful of brands, each at most 32 bytes (the
UA-CH spec's limit for a brand), so every header detection reads has a bound a
browser never reaches:

* a client hint over its bound is ignored, as if it were absent or malformed;
* the User-Agent is *cut* at :data:`MAX_USER_AGENT` characters rather than
  ignored: its head still names the browser, and nothing past it changes a verdict.

Each header over its bound is counted (:func:`oversized_counts`) and reported on
the ``jreject`` logger at most once per :data:`LOG_INTERVAL` seconds, so a client
that sends one with every request cannot flood the log. Only detection writes
these counts; anyone may read them.
"""

from __future__ import annotations

import logging
import threading
import time

__all__ = [
    "LOG_INTERVAL",
    "MAX_BRANDS",
    "MAX_BRAND_LIST",
    "MAX_BRAND_PARTS",
    "MAX_HINT_ITEM",
    "MAX_USER_AGENT",
    "brand_list_fits",
    "hint_item_fits",
    "note_oversized",
    "oversized_counts",
]

#: Characters of a User-Agent given to the regex engines. Real browser UAs stay
#: under 600 characters (in-app browsers are the longest); the pure-Python
#: resolver is backtracking and costs ~5 ms per KiB on junk, so a 64 KiB header
#: must not reach it whole. The tail past this cut never changes a real verdict.
MAX_USER_AGENT = 1024

#: Characters of ``Sec-CH-UA`` / ``Sec-CH-UA-Full-Version-List``. Chrome's full
#: version list is ~100; eight 32-byte brands with long versions stay under 512.
MAX_BRAND_LIST = 512

#: Members of a brand list. Browsers send three or four (one of them GREASE).
MAX_BRANDS = 8

#: Parameters, inner-list items and spaces of a brand list together: what http-sf
#: spends its time on besides members. A real list has about ten.
MAX_BRAND_PARTS = 32

#: Characters of ``Sec-CH-UA-Mobile``, ``-Platform`` and ``-Platform-Version``
#: (``?1``, ``"Windows"``, ``"15.0.0"``).
MAX_HINT_ITEM = 64

#: Seconds between two log messages about oversized headers.
LOG_INTERVAL = 60.0

_logger = logging.getLogger("jreject")


def brand_list_fits(value: str) -> bool:
    """Whether a ``Sec-CH-UA``-style brand list is within every bound above.

    Separators are counted in the raw text, quoted strings included: a little
    stricter than parsing, and ~100x cheaper than parsing what may be junk.
    """
    return (
        len(value) <= MAX_BRAND_LIST
        and value.count(",") < MAX_BRANDS
        and value.count(";") + value.count(" ") + value.count("(") <= MAX_BRAND_PARTS
    )


def hint_item_fits(value: str) -> bool:
    """Whether a one-item client hint (``Sec-CH-UA-Platform`` …) is within its bound."""
    return len(value) <= MAX_HINT_ITEM


class _Oversized:
    """Counts per header name, and when the last log message went out."""

    __slots__ = ("counts", "last_logged", "lock", "unlogged")

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.last_logged = float("-inf")
        self.unlogged = 0


_state = _Oversized()


def note_oversized(header: str, value: str, *, cut: bool = False) -> None:
    """Count one ``header`` over its bound, and log it unless a message went out lately.

    ``cut`` says the value was shortened rather than ignored (the User-Agent).
    """
    size = len(value)
    now = time.monotonic()
    with _state.lock:
        _state.counts[header] = _state.counts.get(header, 0) + 1
        _state.unlogged += 1
        if now - _state.last_logged < LOG_INTERVAL:
            return
        _state.last_logged = now
        count, _state.unlogged = _state.unlogged, 0
    _logger.warning(
        "jreject %s an oversized %s header (%d characters, %d commas; bounds in "
        "jreject.detect.limits); %d oversized header(s) since the last such message",
        "cut" if cut else "ignored",
        header,
        size,
        value.count(","),
        count,
        extra={"jreject_header": header, "jreject_size": size, "jreject_oversized": count},
    )


def oversized_counts() -> dict[str, int]:
    """How many headers of each name were over their bound in this process."""
    with _state.lock:
        return dict(_state.counts)
