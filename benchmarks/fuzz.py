"""Fuzz detection and both middlewares with generated request headers (issue 9, "Prove it").

    python benchmarks/fuzz.py                        # 1,000,000 header sets on every core
    python benchmarks/fuzz.py --count 10000 --jobs 2 --seed 7
    python benchmarks/fuzz.py --case 123456 --seed 7 # show one case and what became of it

Each case is a header set built from real User-Agent fragments (the detection corpora in
``tests/detect/corpus`` and the instances of the bundled crawler list), mutated with Latin-1
bytes, NULs and control characters, grown to 64 KiB, with malformed and huge structured
fields in ``Sec-CH-UA*``, repeated headers, odd name case, empty values and values that are
not text where a broken server might pass them. Each goes:

* through detection: the uncached verdict (a fresh verdict cache with no room, ua-parser
  and every bounded detection cache cleared) from the ASGI scope is timed; the WSGI
  environ, a plain mapping and the bare User-Agent are detected too;
* through ``JRejectWSGI`` and ``JRejectASGI`` around a tiny app answering HTML (or JSON,
  a 304, a 404; in one chunk or split, with or without ``Content-Length``) under modal,
  banner, block and log policies, and each response is checked against what the app alone
  sends for the same request.

A failure is any exception out of detection or a middleware, any error jreject counts
as its own (fail-open hides it from the visitor, not from this run), any response that
is not well formed (status, header types, CR/LF/NUL in a header, ``Content-Length`` not
the body's length, ASGI messages out of order), a body changed other than by one notice
inserted, a 406 without a ``block`` verdict, a modified page that keeps the app's
validators, a notice or 406 for a request that is not a navigation, a HEAD whose
``Content-Length`` is not the GET's, and an input decided in more than ``--limit-ms``
uncached (an input over the limit is timed again five times and the fastest counts, so a
busy machine's pauses are not blamed on the input).

Cases are generated from ``--seed`` and their number alone, so a run is the same whatever
``--jobs`` is, and ``--case N`` replays one. Exit status 1 on any failure.
"""

from __future__ import annotations

import argparse
import functools
import gc
import heapq
import json
import logging
import multiprocessing
import os
import random
import sys
import time
import traceback
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CORPUS = ROOT / "tests" / "detect" / "corpus"

TARGET_MS = 2.0
CHUNK = 500  # cases per task handed to a worker
WARM_UP = 300  # untimed cases a worker runs first: lazy regex state is a start-up cost
RETIMES = 5
KIB = 1024
NOTICE_MARK = b'id="jreject"'
ACTIONS = ("modal", "banner", "block", "log")
CLOSE_COOKIE = "jreject_closed"

# -- what the generator draws from ---------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return [
        line.split("\t", 1)[0]
        for line in path.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]


@functools.cache
def ingredients() -> Ingredients:
    from jreject.detect.bots import load_crawler_user_agents

    crawler = load_crawler_user_agents()
    bot_uas = _lines(CORPUS / "bots.txt")
    for entry in crawler:
        bot_uas += [ua for ua in entry.get("instances") or () if isinstance(ua, str)]
    browsers = _lines(CORPUS / "browsers.tsv") + _lines(CORPUS / "bots_negative.txt")
    uas = browsers + bot_uas
    fragments: set[str] = set()
    for ua in uas:
        for part in ua.replace("(", " ( ").replace(")", " ) ").replace(";", " ; ").split():
            fragments.add(part)
            fragments.update(p for p in part.split("/") if p)
    # Literal pieces of every bot pattern: inputs that walk deep into each regex.
    literals: set[str] = set()
    patterns = [e["pattern"] for e in crawler if isinstance(e.get("pattern"), str)]
    from jreject.detect import _bot_patterns

    for group in (
        _bot_patterns.SERVICE_BOTS,
        _bot_patterns.LIBRARY_BOTS,
        _bot_patterns.GENERIC_BOTS,
    ):
        patterns += [pattern for _, pattern in group]
    for pattern in patterns:
        for branch in pattern.replace("(?i)", "").split("|"):
            text = "".join(ch for ch in branch if ch.isalnum() or ch in " -_./!")
            if len(text) >= 3:
                literals.add(text)
    return Ingredients(
        browsers=browsers,
        bots=bot_uas,
        fragments=sorted(fragments),
        literals=sorted(literals),
    )


@dataclass(frozen=True)
class Ingredients:
    browsers: list[str]
    bots: list[str]
    fragments: list[str]
    literals: list[str]


BRANDS = (
    "Chromium",
    "Google Chrome",
    "Microsoft Edge",
    "Opera",
    "Brave",
    "Not?A_Brand",
    "Not)A;Brand",
    "HeadlessChrome",
    "Android WebView",
    "Samsung Internet",
    "YaBrowser",
    "Vivaldi",
    "Chrome-Lighthouse",
    "",
)
PLATFORMS = (
    "Windows",
    "macOS",
    "Linux",
    "Android",
    "Chrome OS",
    "iOS",
    "Unknown",
    "",
    "Fuchsia",
    "HarmonyOS",
)
ODD = (
    "\x00",
    "\x7f",
    "\x1b",
    "\t",
    "\xff",
    "\xe9",
    "\x80",
    "\xa0",
    '"',
    "\\",
    ",",
    ";",
    "=",
    "(",
    ")",
    "?",
    "*",
    ":",
    "%",
    "<",
    ">",
    "&",
    "\r",
    "\n",
)
ACCEPTS = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "text/html",
    "*/*",
    "application/json",
    "image/avif,image/webp,*/*",
    "text/css,*/*;q=0.1",
    "",
    "TEXT/HTML",
)
FETCH_DESTS = ("document", "empty", "iframe", "image", "script", "style", "font", "", "DOCUMENT")
HUGE = 64 * KIB


def _latin1(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(256)) for _ in range(n))


def _mutate(rng: random.Random, text: str) -> str:
    """A few random edits: odd characters, Latin-1 bytes, cuts, repeats, case flips."""
    for _ in range(rng.randrange(1, 6)):
        roll = rng.random()
        at = rng.randrange(len(text) + 1)
        if roll < 0.3:
            text = text[:at] + rng.choice(ODD) + text[at:]
        elif roll < 0.45:
            text = text[:at] + _latin1(rng, rng.randrange(1, 8)) + text[at:]
        elif roll < 0.6:
            text = text[:at]
        elif roll < 0.7:
            end = min(len(text), at + rng.randrange(1, 40))
            text = text[:at] + text[at:end] * rng.randrange(2, 50) + text[end:]
        elif roll < 0.8:
            text = text.swapcase() if rng.random() < 0.5 else text.upper()
        elif roll < 0.9:
            text = text[:at] + str(rng.choice([0, 1, 99, 2**31, 2**64, 10**40])) + text[at:]
        else:
            text = text[:at] + rng.choice(ingredients().fragments) + text[at:]
    return text


def _grow(rng: random.Random, text: str, size: int) -> str:
    unit = text or "a"
    return (unit * (size // len(unit) + 1))[:size]


def user_agent(rng: random.Random) -> str:
    food = ingredients()
    roll = rng.random()
    if roll < 0.30:
        return rng.choice(food.browsers)
    if roll < 0.42:
        return rng.choice(food.bots)
    if roll < 0.62:
        return _mutate(rng, rng.choice(food.browsers if rng.random() < 0.7 else food.bots))
    if roll < 0.74:
        parts = [rng.choice(food.fragments) for _ in range(rng.randrange(1, 30))]
        return rng.choice([" ", "", "/", "; "]).join(parts)
    if roll < 0.80:
        # Pathological for a backtracking regex: a pattern's literal, cut and repeated.
        literal = rng.choice(food.literals)
        cut = literal[: rng.randrange(1, len(literal) + 1)]
        return _grow(rng, cut, rng.choice([64, 1000, 4 * KIB, 16 * KIB, HUGE]))
    if roll < 0.86:
        base = rng.choice(food.browsers)
        return _grow(rng, base + " ", rng.choice([2 * KIB, 8 * KIB, 32 * KIB, HUGE]))
    if roll < 0.91:
        return _latin1(rng, rng.choice([1, 10, 200, 1000, 5000, HUGE]))
    if roll < 0.94:
        # A real UA with one byte >= 0x80 somewhere (issue 9 §4).
        ua = rng.choice(food.browsers)
        at = rng.randrange(len(ua) + 1)
        return ua[:at] + chr(rng.randrange(0x80, 0x100)) + ua[at:] + " " * rng.randrange(0, 800)
    if roll < 0.97:
        return rng.choice(["", " ", "\x00", "-", "Mozilla/5.0", "Mozilla/5.0 ()", "()"])
    return "yandexa" * rng.randrange(1, HUGE // 7) if rng.random() < 0.5 else "bot" * (HUGE // 3)


def _sf_string(rng: random.Random) -> str:
    name = rng.choice(BRANDS)
    if rng.random() < 0.1:
        name = _mutate(rng, name)
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _version(rng: random.Random) -> str:
    parts = rng.randrange(1, 5)
    return ".".join(
        str(rng.choice([0, 1, 8, 99, 120, 140, 10 ** rng.randrange(1, 30)])) for _ in range(parts)
    )


def brand_list(rng: random.Random, full: bool) -> str:
    roll = rng.random()
    if roll < 0.45:
        members = [
            f'{_sf_string(rng)};v="{_version(rng) if full else rng.randrange(200)}"'
            for _ in range(rng.randrange(1, 5))
        ]
        return ", ".join(members)
    if roll < 0.55:
        # Many members: browsers send three or four.
        n = rng.choice([100, 1000, 5000])
        return ", ".join(f'"B{i}";v="{i}"' for i in range(n))[:HUGE]
    if roll < 0.65:
        return _grow(rng, '"Chromium";v="130", ', rng.choice([4 * KIB, HUGE]))
    if roll < 0.85:
        # Malformed: every RFC 8941 type in the wrong place, unbalanced quotes, params.
        pieces = [
            '"Chromium"',
            ';v="1"',
            ";v=1",
            ";v=?1",
            ";v=:AAAA:",
            ";v",
            "(",
            ")",
            '("a" "b");v="2"',
            "token",
            "1.5",
            "-0",
            "?0",
            ", ",
            ",",
            '"',
            "\\",
            ":cHJldGVuZA==:",
            "@1659578233",
            '%"x"',
            "*foo",
            ";",
            "=",
        ]
        return "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
    if roll < 0.95:
        return _mutate(rng, f'"Chromium";v="{rng.randrange(200)}", "Not A;Brand";v="99"')
    return _latin1(rng, rng.randrange(1, 300))


def _item(rng: random.Random, choices: Sequence[str]) -> str:
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(choices)
    if roll < 0.8:
        return _mutate(rng, rng.choice(choices))
    if roll < 0.9:
        return _grow(rng, rng.choice(choices) or "?", rng.choice([300, HUGE]))
    return _latin1(rng, rng.randrange(0, 50))


def client_hints(rng: random.Random) -> list[tuple[str, str]]:
    hints = [("Sec-CH-UA", brand_list(rng, False))]
    if rng.random() < 0.8:
        hints.append(("Sec-CH-UA-Mobile", _item(rng, ["?0", "?1", "?2", "1", "true", ""])))
    if rng.random() < 0.8:
        platform = f'"{rng.choice(PLATFORMS)}"' if rng.random() < 0.7 else rng.choice(PLATFORMS)
        hints.append(("Sec-CH-UA-Platform", _item(rng, [platform])))
    if rng.random() < 0.4:
        version = f'"{_version(rng)}"'
        hints.append(("Sec-CH-UA-Platform-Version", _item(rng, [version, '""', "15.0.0"])))
    if rng.random() < 0.4:
        hints.append(("Sec-CH-UA-Full-Version-List", brand_list(rng, True)))
    if rng.random() < 0.1:
        hints.append(("Sec-CH-UA-Model", _item(rng, ['"Pixel 9"', '""'])))
    return hints


def odd_case(rng: random.Random, name: str) -> str:
    roll = rng.random()
    if roll < 0.7:
        return name
    if roll < 0.8:
        return name.lower()
    if roll < 0.9:
        return name.upper()
    return "".join(ch.upper() if rng.random() < 0.5 else ch.lower() for ch in name)


@dataclass
class AppSpec:
    """What the tiny app answers."""

    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    chunks: list[bytes] = field(default_factory=list)
    content_length: bool = True
    extra: list[tuple[str, str]] = field(default_factory=list)
    style: str = "list"  # WSGI: list, generator (start_response on first next()) or write

    def headers(self, head: bool) -> list[tuple[str, str]]:
        out = []
        if self.content_type is not None:
            out.append(("Content-Type", self.content_type))
        if self.content_length and self.status not in (204, 304):
            out.append(("Content-Length", str(sum(map(len, self.chunks)))))
        return out + self.extra

    def body(self, head: bool) -> list[bytes]:
        return [] if head or self.status in (204, 304) else self.chunks


PAGE = (
    b"<!doctype html><html lang=en><head><meta charset=utf-8><title>Shop</title></head>"
    b"<body><h1>Field notebook</h1><p>Dot grid, 96 pages.</p></body></html>"
)


def app_spec(rng: random.Random) -> AppSpec:
    spec = AppSpec()
    roll = rng.random()
    if roll < 0.05:
        spec.status = 304
        spec.content_type = None
    elif roll < 0.08:
        spec.status = 404
    elif roll < 0.1:
        spec.content_type = "application/json"
    elif roll < 0.13:
        spec.content_type = rng.choice(["TEXT/HTML", "text/html;charset=latin-1", "text/htmlx"])
    elif roll < 0.15:
        spec.content_type = None
    page = PAGE
    if rng.random() < 0.05:
        page = page.replace(b"</body>", b"")
    elif rng.random() < 0.05:
        page = page + b"<!-- </body> -->" + b"x" * rng.randrange(0, 20000)
    cuts = sorted(rng.randrange(len(page) + 1) for _ in range(rng.choice([0, 0, 1, 2, 5])))
    spec.chunks = [page[a:b] for a, b in zip([0, *cuts], [*cuts, len(page)], strict=True)]
    spec.content_length = rng.random() < 0.7
    if rng.random() < 0.3:
        spec.extra.append(("ETag", '"v1-abc"'))
    if rng.random() < 0.3:
        spec.extra.append(("Last-Modified", "Sat, 05 Dec 2026 10:00:00 GMT"))
    if rng.random() < 0.3:
        spec.extra.append(("Cache-Control", "public, max-age=600"))
    if rng.random() < 0.2:
        spec.extra.append(("Vary", rng.choice(["Accept-Encoding", "Cookie", "*"])))
    spec.style = rng.choice(["list", "list", "generator", "write"])
    return spec


@dataclass
class Case:
    """One generated request: its header pairs (names as sent), method, path, the app."""

    number: int
    pairs: list[tuple[str, Any]]
    method: str
    path: str
    query: str
    app: AppSpec
    broken_server: bool  # values that are not text reach the middleware (breaks PEP 3333)


def make_case(seed: int, number: int) -> Case:
    rng = random.Random(f"{seed}:{number}")
    pairs: list[tuple[str, Any]] = []
    if rng.random() < 0.93:
        pairs.append(("User-Agent", user_agent(rng)))
    if rng.random() < 0.35:
        pairs += client_hints(rng)
    if rng.random() < 0.85:
        pairs.append(("Accept", rng.choice(ACCEPTS)))
    if rng.random() < 0.3:
        pairs.append(("Sec-Fetch-Dest", rng.choice(FETCH_DESTS)))
        pairs.append(("Sec-Fetch-Mode", rng.choice(["navigate", "cors", "no-cors"])))
    if rng.random() < 0.05:
        pairs.append(("HX-Request", "true"))
    if rng.random() < 0.05:
        pairs.append(("X-Requested-With", "XMLHttpRequest"))
    if rng.random() < 0.15:
        cookie = rng.choice([f"{CLOSE_COOKIE}=1", "a=b; c", f"x=1; {CLOSE_COOKIE}", ";;=", ""])
        pairs.append(("Cookie", _item(rng, [cookie])))
    if rng.random() < 0.1:
        pairs.append(("X-Other", _item(rng, ["1"])))
    if pairs and rng.random() < 0.15:
        # Repeated headers, in odd case: a proxy that appends instead of replacing.
        name, value = rng.choice(pairs)
        pairs.insert(rng.randrange(len(pairs) + 1), (name, _item(rng, [str(value)[:200]])))
    pairs = [(odd_case(rng, name), value) for name, value in pairs]
    if rng.random() < 0.05:
        pairs = [(name, "") for name, _ in pairs]
    broken = rng.random() < 0.04
    if broken:
        index = rng.randrange(len(pairs)) if pairs else None
        if index is not None:
            name, value = pairs[index]
            odd: Any = rng.choice([value.encode("latin-1", "replace"), 42, None])
            pairs[index] = (name, odd)
    if rng.random() < 0.03 and pairs:
        # Text a Latin-1 server cannot have sent: UTF-8 decoded, or surrogate-escaped.
        index = rng.randrange(len(pairs))
        name, value = pairs[index]
        pairs[index] = (name, f"{value}\u2603\udcff")
    method = rng.choices(["GET", "HEAD", "POST"], [0.85, 0.1, 0.05])[0]
    roll = rng.random()
    path, query = "/", ""
    if roll < 0.04:
        path = "/_jreject/close"
        query = rng.choice(["next=/shop", "next=//evil.example", "next=/\\evil", "next=%0d%0a", ""])
    elif roll < 0.06:
        path = rng.choice(["/_jreject/static/x.css", "/_jreject/static/", "/_jreject/"])
    elif roll < 0.1:
        path = "/" + _latin1(rng, rng.randrange(0, 20))
    return Case(number, pairs, method, path, query, app_spec(rng), broken)


# -- the request in each server interface's shape -----------------------------------------


def _raw(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return value.encode("latin-1")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogatepass")
    return value


def scope_of(case: Case) -> dict[str, Any]:
    headers = []
    for name, value in case.pairs:
        raw = _raw(value)
        if not isinstance(raw, bytes) and not case.broken_server:
            continue
        headers.append(
            (name.lower().encode("latin-1") if not case.broken_server else name.encode(), raw)
        )
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": case.method,
        "scheme": "https",
        "path": case.path,
        "raw_path": _raw(case.path),
        "root_path": "",
        "query_string": case.query.encode("latin-1"),
        "headers": headers,
        "server": ("127.0.0.1", 8000),
        "client": ("127.0.0.1", 50000),
    }


def environ_of(case: Case) -> dict[str, Any]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": case.method,
        "SCRIPT_NAME": "",
        "PATH_INFO": case.path,
        "QUERY_STRING": case.query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "https",
        "wsgi.version": (1, 0),
        "wsgi.input": None,
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    for name, value in case.pairs:
        key = "HTTP_" + name.upper().replace("-", "_")
        if not isinstance(value, str):
            if not case.broken_server:
                continue
        elif key in environ and isinstance(environ[key], str):
            # As servers do (PEP 3333 leaves it to them): repeated fields joined.
            sep = "; " if key == "HTTP_COOKIE" else ", "
            value = environ[key] + sep + value
        environ[key] = value
    return environ


def mapping_of(case: Case) -> dict[str, Any]:
    return dict(case.pairs)


def single(case: Case, name: str) -> str | None:
    """The value of a header sent once as plain text, else None (no claim is made on it)."""
    found = [v for n, v in case.pairs if n.lower() == name]
    if len(found) != 1 or not isinstance(found[0], str):
        return None
    return found[0]


def is_subresource(case: Case) -> bool:
    """Clearly not a top-level navigation (issue 9 §9): no notice, no 406 page."""
    if case.broken_server:
        return False  # ASGI header names as sent, not lower-case: jreject may not see them
    dest = single(case, "sec-fetch-dest")
    if dest is not None and dest.strip() in ("empty", "image", "script", "style", "font"):
        return True
    if single(case, "hx-request") == "true":
        return True
    if single(case, "x-requested-with") == "XMLHttpRequest":
        return True
    # Without Sec-Fetch-Dest (an older browser, a script), Accept tells.
    sent_dest = any(name.lower() == "sec-fetch-dest" for name, _ in case.pairs)
    return not sent_dest and single(case, "accept") == "application/json"


# -- the tiny apps --------------------------------------------------------------------------


def wsgi_app(current: Callable[[], AppSpec]) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        spec = current()
        head = environ["REQUEST_METHOD"] == "HEAD"
        status = f"{spec.status} {'OK' if spec.status == 200 else 'Other'}"
        if spec.style == "generator":

            def lazy() -> Iterator[bytes]:
                start_response(status, spec.headers(head))
                yield from spec.body(head)

            return lazy()
        write = start_response(status, spec.headers(head))
        body = spec.body(head)
        if spec.style == "write" and body:
            write(body[0])
            return body[1:]
        return list(body)

    return app


def asgi_app(current: Callable[[], AppSpec]) -> Callable[..., Any]:
    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        spec = current()
        head = scope["method"] == "HEAD"
        headers = [(n.lower().encode(), v.encode("latin-1")) for n, v in spec.headers(head)]
        await send({"type": "http.response.start", "status": spec.status, "headers": headers})
        body = spec.body(head)
        if not body:
            await send({"type": "http.response.body", "body": b""})
        for i, chunk in enumerate(body):
            await send(
                {"type": "http.response.body", "body": chunk, "more_body": i < len(body) - 1}
            )

    return app


# -- driving the middlewares without a server -----------------------------------------------


class Bad(Exception):
    """A response that is not well formed, or not what it must be."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Answer:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        return [v for n, v in self.headers if n.lower() == name]


def _check_field(name: str, value: str) -> None:
    if not name or any(ch in name for ch in " \t\r\n:\x00"):
        raise Bad("malformed", f"bad header name {name!r}")
    if any(ch in value for ch in "\r\n\x00"):
        raise Bad("malformed", f"CR, LF or NUL in header {name}: {value[:200]!r}")
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        raise Bad("malformed", f"header {name} is not Latin-1: {value[:200]!r}") from None


def call_wsgi(app: Callable[..., Iterable[bytes]], environ: dict[str, Any]) -> Answer:
    started: list[tuple[str, list[tuple[str, str]]]] = []
    written: list[bytes] = []

    def start_response(status: Any, headers: Any, exc_info: Any = None) -> Callable[[bytes], None]:
        if started and not exc_info:
            raise Bad("malformed", "start_response called twice without exc_info")
        if not isinstance(status, str) or len(status) < 4 or not status[:3].isdigit():
            raise Bad("malformed", f"bad status {status!r}")
        if not isinstance(headers, list) or not all(
            isinstance(h, tuple) and len(h) == 2 and all(type(x) is str for x in h) for h in headers
        ):
            raise Bad("malformed", f"headers must be a list of (str, str): {headers!r:.300}")
        for name, value in headers:
            _check_field(name, value)
        started.append((status, headers))
        return written.append

    result = app(environ, start_response)
    chunks: list[bytes] = []
    try:
        for chunk in result:
            if type(chunk) is not bytes:
                raise Bad("malformed", f"body chunk is {type(chunk).__name__}, not bytes")
            chunks.append(chunk)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    if not started:
        raise Bad("malformed", "start_response was never called")
    status, headers = started[-1]
    return Answer(int(status[:3]), headers, b"".join(written + chunks))


def _run(coroutine: Any) -> None:
    # Nothing here awaits real I/O, so the coroutine runs to its end in one send().
    try:
        coroutine.send(None)
    except StopIteration:
        return
    coroutine.close()
    raise Bad("malformed", "the ASGI call suspended on an await that never resolves")


def call_asgi(app: Callable[..., Any], scope: dict[str, Any]) -> Answer:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    _run(app(scope, receive, send))
    if not messages or messages[0].get("type") != "http.response.start":
        raise Bad("malformed", f"first message is not http.response.start: {messages[:1]!r:.300}")
    start = messages[0]
    status = start.get("status")
    if type(status) is not int or not 100 <= status <= 599:
        raise Bad("malformed", f"bad status {status!r}")
    headers: list[tuple[str, str]] = []
    for pair in start.get("headers") or []:
        name, value = pair
        if type(name) is not bytes or type(value) is not bytes:
            raise Bad("malformed", f"ASGI header pair is not bytes: {pair!r:.300}")
        if name != name.lower():
            raise Bad("malformed", f"ASGI header name not lower-case: {name!r}")
        headers.append((name.decode("latin-1"), value.decode("latin-1")))
        _check_field(*headers[-1])
    body = []
    more = True
    for message in messages[1:]:
        if not more:
            raise Bad("malformed", f"message after the last body: {message!r:.300}")
        if message.get("type") != "http.response.body":
            raise Bad("malformed", f"unexpected message {message.get('type')!r}")
        chunk = message.get("body", b"")
        if type(chunk) is not bytes:
            raise Bad("malformed", f"body is {type(chunk).__name__}, not bytes")
        body.append(chunk)
        more = bool(message.get("more_body", False))
    if more:
        raise Bad("malformed", "the response never ended (more_body stayed true)")
    return Answer(status, headers, b"".join(body))


# -- checks -----------------------------------------------------------------------------------


def check(case: Case, got: Answer, bare: Answer, verdict: Any, get_length: str | None) -> None:
    """Raise :class:`Bad` unless ``got`` is a right answer to ``case`` given the bare app's."""
    head = case.method == "HEAD"
    lengths = got.header("content-length")
    if len(lengths) > 1:
        raise Bad("content-length", f"{len(lengths)} Content-Length headers")
    if head and got.body:
        raise Bad("malformed", f"a HEAD response has a body of {len(got.body)} bytes")
    if lengths and not head and got.status not in (204, 304) and lengths[0] != str(len(got.body)):
        raise Bad(
            "content-length",
            f"Content-Length {lengths[0]} but {len(got.body)} body bytes (status {got.status})",
        )
    own = case.path.startswith("/_jreject/")
    if got.status == 303:
        if not own:
            raise Bad("verdict", "a 303 outside jreject's own endpoints")
        location = got.header("location")
        if len(location) != 1 or not location[0].startswith("/") or location[0][1:2] in ("/", "\\"):
            raise Bad("verdict", f"unsafe redirect Location {location!r}")
        return
    if own and got.status in (200, 404):
        return  # jreject's own asset or 404 (or the app's page, where jreject has none)
    if got.status == 406:
        if verdict is None or verdict.action != "block":
            raise Bad("verdict", f"406 for a verdict of {getattr(verdict, 'action', None)!r}")
        _check_modified(got, "the 406 page")
        if NOTICE_MARK not in got.body and not head:
            raise Bad("verdict", "a 406 without the block page")
        if is_subresource(case):
            raise Bad("navigation", "the 406 page for a request that is not a navigation")
        return
    if got.status != bare.status:
        raise Bad("altered", f"status {got.status}, the app alone sent {bare.status}")
    if got.body == bare.body:
        if head and get_length is not None and lengths and lengths[0] != get_length:
            raise Bad(
                "head-length",
                f"HEAD announces Content-Length {lengths[0]}, GET sends {get_length}",
            )
        return
    # Changed: only one notice inserted into a page, for a verdict that asks for it.
    if verdict is None or verdict.action not in ("modal", "banner"):
        raise Bad("altered", f"body changed for a verdict of {getattr(verdict, 'action', None)!r}")
    if not _one_insertion(got.body, bare.body) or got.body.count(NOTICE_MARK) != 1:
        raise Bad("altered", "the body differs from the app's by more than one notice")
    _check_modified(got, "a page with the notice")
    if is_subresource(case):
        raise Bad("navigation", "the notice injected into a request that is not a navigation")


def _one_insertion(got: bytes, bare: bytes) -> bool:
    """Whether ``got`` is ``bare`` with one run of bytes inserted somewhere."""
    extra = len(got) - len(bare)
    if extra <= 0:
        return False
    low, high = 0, len(bare)  # the longest common prefix, by bisection on slices (in C)
    while low < high:
        mid = (low + high + 1) // 2
        if got[:mid] == bare[:mid]:
            low = mid
        else:
            high = mid - 1
    return got[low + extra :] == bare[low:]


def _check_modified(got: Answer, what: str) -> None:
    # Issue 9 §2: a modified page never carries the unmodified page's validators.
    for etag in got.header("etag"):
        if not etag.strip().startswith("W/"):
            raise Bad("validators", f"{what} keeps a strong ETag {etag!r}")
    if got.header("last-modified"):
        raise Bad("validators", f"{what} keeps Last-Modified")
    control = ",".join(got.header("cache-control")).lower()
    if "public" in control or ("private" not in control and "no-store" not in control):
        raise Bad("validators", f"{what} is not private: Cache-Control {control!r}")


# -- one worker -------------------------------------------------------------------------------


@dataclass
class Failure:
    number: int
    kind: str
    where: str
    message: str


@dataclass
class Outcome:
    cases: int = 0
    times: bytes = b""  # array("d") of seconds, one per case
    slowest: list[tuple[float, int]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    over_limit_first: int = 0


class Memo:
    """The detector behind the middlewares: each key detected once per case.

    The uncached verdict is timed on its own; the eight middleware calls of a case
    read the same headers, so detecting them eight times more would only slow the run.
    """

    def __init__(self, detector: Any) -> None:
        self.detector = detector
        self.seen: dict[Any, Any] = {}

    def from_key(self, key: Any) -> Any:
        try:
            return self.seen[key]
        except KeyError:
            client = self.seen[key] = self.detector.from_key(key)
            return client
        except TypeError:  # an unhashable value in the key (a list from a broken server)
            return self.detector.from_key(key)

    def __call__(self, headers: Any) -> Any:
        return self.detector(headers)


class ErrorLog(logging.Handler):
    """Every jreject record at ERROR, with its traceback: a failure fail-open hid."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + "".join(traceback.format_exception(*record.exc_info)[-3:])
        self.records.append(text)


class Harness:
    """Everything a worker builds once: detector, policies, middlewares per app shape."""

    def __init__(self, time_inputs: bool = True) -> None:
        from jreject.detect.detector import Detector
        from jreject.middleware import JRejectASGI, JRejectWSGI
        from jreject.notice import Notice
        from jreject.policy.cache import VerdictCache
        from jreject.policy.config import config_from_dict

        self.time_inputs = time_inputs
        self.detector = Detector()
        self.memo = Memo(self.detector)
        self.policies = {
            action: config_from_dict(
                {
                    "policy": [
                        {"reject": {"msie": True, "unknown": True}, "action": action},
                        {"minimum": {"preset": "modern"}, "action": action},
                    ]
                }
            ).policy
            for action in ACTIONS
        }
        self.timed_policy = self.policies["modal"]
        self.uncached = VerdictCache(self.timed_policy, self.detector, max_entries=0)
        self.caches = {
            action: VerdictCache(policy, self.memo, max_entries=64, max_bytes=512 * KIB)
            for action, policy in self.policies.items()
        }
        self.options = {
            "modal": {},
            "banner": {"explain": True, "accept_ch": ["sec-ch-ua-full-version-list"]},
            "block": {"continue_anyway": True},
            "log": {"log_interval": 0},
        }
        self.bounded_caches = _bounded_caches()
        self.log = ErrorLog()
        logger = logging.getLogger("jreject")
        logger.addHandler(self.log)
        logger.propagate = False
        logger.setLevel(logging.ERROR)

        # Built once; the apps answer as the current case's spec says.
        self.spec = AppSpec()
        wsgi, asgi = wsgi_app(lambda: self.spec), asgi_app(lambda: self.spec)
        notice = Notice()
        self.middlewares: list[tuple[str, str, Any, Any]] = []
        for action in ACTIONS:
            verdicts, options = self.caches[action], self.options[action]
            built = (
                ("wsgi", JRejectWSGI(wsgi, verdicts=verdicts, notice=notice, **options), wsgi),
                ("asgi", JRejectASGI(asgi, verdicts=verdicts, notice=notice, **options), asgi),
            )
            self.middlewares += [(action, kind, middleware, app) for kind, middleware, app in built]

    def time_verdict(self, scope: dict[str, Any]) -> float:
        for clear in self.bounded_caches:
            clear()
        started = time.perf_counter()
        self.uncached.from_scope(scope)
        return time.perf_counter() - started

    def run(self, case: Case, outcome: Outcome) -> float:
        scope = scope_of(case)
        elapsed = 0.0
        try:
            elapsed = self.time_verdict(scope)
            if self.time_inputs and elapsed * 1000 > TARGET_MS:
                outcome.over_limit_first += 1
                elapsed = min(self.time_verdict(scope) for _ in range(RETIMES))
                if elapsed * 1000 > TARGET_MS:
                    outcome.failures.append(
                        Failure(case.number, "slow", "detect", f"{elapsed * 1000:.2f} ms uncached")
                    )
            self.detector(mapping_of(case))
            self.detector(environ_of(case))
            ua = single(case, "user-agent")
            if ua is not None:
                self.detector(ua)
        except Exception:
            outcome.failures.append(
                Failure(case.number, "escape", "detect", traceback.format_exc(limit=-4))
            )
        self.memo.seen.clear()
        self.serve(case, outcome)
        return elapsed

    def serve(self, case: Case, outcome: Outcome) -> None:
        from jreject.middleware.asgi import STATE_KEY
        from jreject.middleware.wsgi import ENVIRON_KEY

        self.spec = case.app
        bares: dict[str, Answer] = {}
        for action, kind, middleware, bare_app in self.middlewares:
            where = f"{kind}/{action}"
            errors = middleware.counters.values["errors"]
            logged = len(self.log.records)
            request = environ_of(case) if kind == "wsgi" else scope_of(case)
            call = call_wsgi if kind == "wsgi" else call_asgi
            try:
                got = call(middleware, request)
            except Bad as bad:
                outcome.failures.append(Failure(case.number, bad.kind, where, str(bad)))
                continue
            except Exception:
                outcome.failures.append(
                    Failure(case.number, "escape", where, traceback.format_exc(limit=-4))
                )
                continue
            failed_open = middleware.counters.values["errors"] != errors
            if failed_open and not case.broken_server:
                message = (
                    "\n".join(self.log.records[logged:]) or "(logged before, within the interval)"
                )
                outcome.failures.append(Failure(case.number, "internal-error", where, message))
                continue
            if kind == "wsgi":
                verdict = request.get(ENVIRON_KEY)
            else:
                verdict = (request.get("state") or {}).get(STATE_KEY)
            outcome.counts[f"{action}:{getattr(verdict, 'action', 'none')}:{got.status}"] += 1
            try:
                bare = bares.get(kind)
                if bare is None:
                    bare_request = environ_of(case) if kind == "wsgi" else scope_of(case)
                    bare = bares[kind] = call(bare_app, bare_request)
                get_length = None
                if case.method == "HEAD":
                    get_case = Case(**{**case.__dict__, "method": "GET"})
                    get_request = environ_of(get_case) if kind == "wsgi" else scope_of(get_case)
                    lengths = call(middleware, get_request).header("content-length")
                    get_length = lengths[0] if lengths else None
                if failed_open:
                    # A server that breaks its spec (values that are not text) may make
                    # jreject give up, but then the app's answer goes out as it was.
                    if (got.status, got.body) != (bare.status, bare.body):
                        raise Bad("altered", "failed open, but not with the app's own answer")
                else:
                    check(case, got, bare, verdict, get_length)
            except Bad as bad:
                outcome.failures.append(Failure(case.number, bad.kind, where, str(bad)))
            except Exception:
                outcome.failures.append(
                    Failure(case.number, "escape", where, traceback.format_exc(limit=-4))
                )


def _bounded_caches() -> list[Callable[[], None]]:
    """``cache_clear`` of every bounded ``lru_cache`` in jreject.detect: per-input caches.

    Unbounded ``functools.cache`` entries there are built-once tables (compiled
    patterns, the data), which a serving process has long paid for.
    """
    import importlib
    import pkgutil

    import jreject.detect

    clears = []
    for info in pkgutil.iter_modules(jreject.detect.__path__, "jreject.detect."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if callable(parameters) and parameters().get("maxsize") is not None:
                clears.append(value.cache_clear)
    return clears


_HARNESS: Harness | None = None


def _harness(time_inputs: bool) -> Harness:
    global _HARNESS
    if _HARNESS is None:
        _HARNESS = Harness(time_inputs)
        warm = Outcome()
        for number in range(WARM_UP):
            # Cases far from any real run's numbers: warming must not hide a failure.
            _HARNESS.run(make_case(-1, number), warm)
    return _HARNESS


def run_chunk(task: tuple[int, int, int, int, bool]) -> Outcome:
    seed, start, stop, keep, time_inputs = task
    harness = _harness(time_inputs)
    outcome = Outcome()
    times = array("d")
    slowest: list[tuple[float, int]] = []
    for number in range(start, stop):
        elapsed = harness.run(make_case(seed, number), outcome)
        times.append(elapsed)
        if len(slowest) < keep:
            heapq.heappush(slowest, (elapsed, number))
        elif elapsed > slowest[0][0]:
            heapq.heapreplace(slowest, (elapsed, number))
    outcome.cases = stop - start
    outcome.times = times.tobytes()
    outcome.slowest = slowest
    return outcome


# -- reporting --------------------------------------------------------------------------------


def describe(case: Case, width: int = 160) -> str:
    parts = []
    for name, value in case.pairs:
        if isinstance(value, str | bytes):
            shown = repr(value[:width]) + (f"…({len(value):,} long)" if len(value) > width else "")
        else:
            shown = repr(value)
        parts.append(f"{name}: {shown}")
    app = f"app {case.app.status} {case.app.content_type}, {len(case.app.chunks)} chunks"
    return f"{case.method} {case.path!r}?{case.query!r}; " + "; ".join(parts) + f"; {app}"


def percentile(values: Sequence[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(len(values) * fraction))] if values else 0.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="header sets to generate")
    parser.add_argument("--seed", type=int, default=9, help="generator seed (default 9)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--slowest", type=int, default=10, help="slowest inputs to print")
    parser.add_argument(
        "--no-time-limit",
        action="store_true",
        help=f"report the timings but do not fail inputs over {TARGET_MS} ms (CI)",
    )
    parser.add_argument("--case", type=int, help="run and show this one case only")
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args(argv)
    if args.count < 1 or args.jobs < 1:
        parser.error("--count and --jobs must be positive")
    time_inputs = not args.no_time_limit

    if args.case is not None:
        outcome = run_chunk((args.seed, args.case, args.case + 1, 1, time_inputs))
        print(describe(make_case(args.seed, args.case), width=400))
        print(f"uncached verdict {array('d', outcome.times)[0] * 1000:.3f} ms")
        for failure in outcome.failures:
            print(f"FAIL {failure.kind} in {failure.where}: {failure.message}")
        print(dict(outcome.counts))
        return 1 if outcome.failures else 0

    tasks = [
        (args.seed, start, min(start + CHUNK, args.count), args.slowest, time_inputs)
        for start in range(0, args.count, CHUNK)
    ]
    started = time.perf_counter()
    times = array("d")
    slowest: list[tuple[float, int]] = []
    failures: list[Failure] = []
    counts: Counter[str] = Counter()
    over_first = 0
    gc.freeze()
    context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with context.Pool(args.jobs) as pool:
        done = 0
        for outcome in pool.imap_unordered(run_chunk, tasks):
            done += outcome.cases
            chunk_times = array("d")
            chunk_times.frombytes(outcome.times)
            times.extend(chunk_times)
            slowest = heapq.nlargest(args.slowest, [*slowest, *outcome.slowest])
            failures += outcome.failures
            counts.update(outcome.counts)
            over_first += outcome.over_limit_first
            if done % 50_000 < CHUNK and done:
                rate = done / (time.perf_counter() - started)
                print(
                    f"  {done:,} cases, {len(failures)} failures, {rate:,.0f} cases/s", flush=True
                )
    seconds = time.perf_counter() - started

    ordered = sorted(times)
    p50, p99, worst = (percentile(ordered, 0.5), percentile(ordered, 0.99), ordered[-1])
    kinds = Counter(f.kind for f in failures)
    print(f"\n{args.count:,} header sets, seed {args.seed}, {args.jobs} jobs, {seconds:.0f} s")
    print(
        f"each through detection and {len(ACTIONS) * 2} middleware calls "
        f"(WSGI and ASGI x {', '.join(ACTIONS)}): {sum(counts.values()):,} responses checked"
    )
    print(
        f"uncached verdict (ASGI scope -> Verdict): p50 {p50 * 1e3:.3f} ms  "
        f"p99 {p99 * 1e3:.3f} ms  max {worst * 1e3:.3f} ms (first timing; "
        f"{over_first} over {TARGET_MS} ms were timed again, best of {RETIMES})"
    )
    print(f"\nslowest {len(slowest)} inputs (first timing):")
    for elapsed, number in sorted(slowest, reverse=True):
        print(f"  {elapsed * 1e3:8.3f} ms  case {number}: {describe(make_case(args.seed, number))}")
    print(f"\nfailures: {len(failures)} {dict(kinds) if kinds else ''}")
    shown: Counter[str] = Counter()
    for failure in sorted(failures, key=lambda f: (f.kind, f.number)):
        if shown[failure.kind] >= 3:
            continue
        shown[failure.kind] += 1
        case = make_case(args.seed, failure.number)
        print(f"\n  [{failure.kind}] case {failure.number} ({failure.where}): {failure.message}")
        print(f"    input: {describe(case)}")
        print(f"    replay: python benchmarks/fuzz.py --seed {args.seed} --case {failure.number}")
    if args.json:
        summary = {
            "count": args.count,
            "seed": args.seed,
            "seconds": seconds,
            "responses": sum(counts.values()),
            "p50_ms": p50 * 1e3,
            "p99_ms": p99 * 1e3,
            "max_ms": worst * 1e3,
            "outcomes": dict(sorted(counts.items())),
            "failures": dict(kinds),
            "failing_cases": {
                k: sorted({f.number for f in failures if f.kind == k}) for k in kinds
            },
        }
        args.json.write_text(json.dumps(summary, indent=2))
    print("\nresult:", "FAIL" if failures else "ok (0 failures)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
