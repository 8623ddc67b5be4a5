"""The cases of ``benchmarks/fuzz.py``: generated requests and the shapes servers give them.

Each case comes from a seed and its number alone (``make_case``), so any run can be
replayed case by case. See ``fuzz.py`` for what the run does with them.
"""

from __future__ import annotations

import functools
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "detect" / "corpus"
KIB = 1024
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
    from jreject.data import bot_patterns

    for group in (
        bot_patterns.SERVICE_BOTS,
        bot_patterns.LIBRARY_BOTS,
        bot_patterns.GENERIC_BOTS,
    ):
        patterns += [entry[1] for entry in group]
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
