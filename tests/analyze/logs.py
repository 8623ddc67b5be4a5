"""Sample User-Agents and log lines the analyze tests share."""

from __future__ import annotations

from jreject.analyze.columns import COLUMNS, make_parser, read_lines
from jreject.analyze.formats import LogFormat

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
FIREFOX_OLD = "Mozilla/5.0 (Windows NT 6.1; rv:52.0) Gecko/20100101 Firefox/52.0"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def combined(ip: str, day: str, ua: str, path: str = "/") -> str:
    """A Combined Log Format line; ``day`` like ``10/Oct/2023``."""
    return f'{ip} - - [{day}:13:55:36 +0000] "GET {path} HTTP/1.1" 200 2326 "-" "{ua}"'


def parse(fmt: LogFormat, text: str) -> list[dict]:
    """Parse ``text`` as one batch of ``fmt``: one dict per line."""
    rows = make_parser(fmt)(read_lines(text.encode()))
    assert rows.columns == list(COLUMNS)
    return rows.to_dicts()
