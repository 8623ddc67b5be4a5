"""``jreject preview``: the page a given visitor would get, written to a file or served.

Changing a real browser's User-Agent is not enough to see the notice: Chromium still
sends its real version in the ``Sec-CH-UA`` client hints, and hints win over the
User-Agent (docs/cli.md#jreject-preview). This command decides from the headers you give, with
the configured policy and notice, and renders the result into a neutral sample page.
"""

from __future__ import annotations

import http.server
import sys
import threading
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jreject.cli.check import _parse_headers, header_text
from jreject.cli.output import cannot_write, error_console, fail

if TYPE_CHECKING:
    from jreject.config import Config
    from jreject.policy.base import Verdict

__all__ = ["SAMPLE_PAGE", "Action", "preview_page", "register", "serve_page"]

EPILOG = """\
Examples:

  jreject preview "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko" --out ie11.html

  jreject preview "<User-Agent>" --action banner --lang ar --serve

  jreject preview "<User-Agent>" -H 'Sec-CH-UA: "Chromium";v="100"' --action block > page.html

See docs/cli.md#jreject-preview.
"""

#: A neutral page to show the modal and the banner on: a made-up shop with its own top bar.
SAMPLE_PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example Shop (jreject preview)</title>
<style>
body { margin: 0; font: 16px/1.5 Arial, sans-serif; color: #222; background: #fafafa; }
.top { background: #234; color: #fff; padding: 12px 20px; }
.top b { font-size: 20px; margin-right: 24px; }
.top a { color: #cde; margin-right: 16px; }
main { max-width: 720px; margin: 24px auto; padding: 0 20px; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 16px;
  margin: 12px 0; }
</style>
</head>
<body>
<div class="top"><b>Example Shop</b><a href="#">Teapots</a><a href="#">Cups</a>
<a href="#">Basket</a></div>
<main>
<h1>Teapots</h1>
<p>Hand-made teapots in three sizes. This is a sample page: jreject preview shows how
the notice sits on a page that has its own header.</p>
<div class="card"><h2>Round teapot, 0.8 l</h2><p>Stoneware, blue glaze. 34.00</p></div>
<div class="card"><h2>Tall teapot, 1.2 l</h2><p>Porcelain, white. 41.00</p></div>
<div class="card"><h2>Travel teapot, 0.4 l</h2><p>Cast iron, black. 29.00</p></div>
</main>
</body>
</html>
"""

_CLOSE_URL = "/_jreject/close?next=%2F"
_CONTINUE_URL = "/_jreject/continue?next=%2F"


class Action(StrEnum):
    """What to show, whatever the policy says."""

    modal = "modal"
    banner = "banner"
    block = "block"


def register(app: typer.Typer) -> None:
    """Add the ``preview`` command to ``app``."""
    app.command(epilog=EPILOG)(preview)


def preview_page(
    config: Config,
    headers: dict[str, str],
    *,
    action: str | None = None,
    language: str | None = None,
) -> tuple[bytes, int, Verdict]:
    """``(html, status, verdict)``: the page the visitor sending ``headers`` would get.

    ``action`` forces modal, banner or block whatever the policy decides; ``language``
    stands for the framework's active language (else ``Accept-Language`` in
    ``headers`` is negotiated, as by the middleware).
    """
    from jreject.detect import Detector
    from jreject.notice import NoticeRequest
    from jreject.policy.base import reject
    from jreject.policy.bots import decide

    client = Detector(bot_patterns=config.bot_patterns)(headers)
    verdict = decide(client, config.policy, bots=config.bots)
    if action is not None and (verdict.allowed or verdict.action != action):
        verdict = reject(client, action, verdict.rule or "preview", *verdict.reasons)  # type: ignore[arg-type]
    # Inline assets: the preview is one self-contained page, with no middleware to serve
    # static files behind it.
    notice = config.notice_with({"assets": "inline"})
    accept_language = next((v for k, v in headers.items() if k.lower() == "accept-language"), None)
    request = NoticeRequest(
        verdict=verdict,
        close_url=_CLOSE_URL,
        continue_url=_CONTINUE_URL if verdict.action == "block" else None,
        nonce=None,
        language=language,
        accept_language=accept_language,
    )
    page = SAMPLE_PAGE.encode("utf-8")
    if verdict.allowed or verdict.action == "log":
        return page, 200, verdict
    if verdict.action == "block":
        return notice.block_page(request), 406, verdict
    head, _, tail = page.rpartition(b"</body>")
    return head + notice.fragment(request) + b"</body>" + tail, 200, verdict


def serve_page(html: bytes, status: int, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """A local server answering every GET with ``html`` (started in a daemon thread)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            # The close link sets a cookie in real life; here it only leads back.
            if self.path.startswith("/_jreject/"):
                self.send_response(303)
                self.send_header("Location", "/")
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def preview(
    user_agent: Annotated[str, typer.Argument(help="The visitor's User-Agent.")],
    header: Annotated[
        list[str] | None,
        typer.Option(
            "--header",
            "-H",
            help="An extra request header, 'Name: value' (repeatable): client hints, "
            "Accept-Language.",
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="The page's language (BCP 47), as the app would set it."),
    ] = None,
    action: Annotated[
        Action | None,
        typer.Option("--action", help="Show this whatever the policy decides.", show_default=False),
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option(
            "--policy",
            "-p",
            help="A jreject.toml or pyproject.toml (default: the nearest one, else the "
            "recommended policy).",
            show_default=False,
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the page to this file (default: stdout)."),
    ] = None,
    serve: Annotated[
        bool, typer.Option("--serve", help="Serve the page on http://127.0.0.1:PORT/.")
    ] = False,
    port: Annotated[
        int, typer.Option("--port", min=0, max=65535, help="Port for --serve (0 picks a free one).")
    ] = 8000,
) -> None:
    """Write or serve the page a visitor would get: the notice on a sample page, or the 406 page."""
    from jreject.config import ConfigError, default_config, find_config, load_config

    if out is not None and serve:
        fail("give --out or --serve, not both")
    headers = {**_parse_headers(map(header_text, header or [])), "User-Agent": user_agent}
    try:
        found = policy if policy is not None else find_config()
        config = load_config(found) if found is not None else default_config()
        html, status, verdict = preview_page(
            config, headers, action=action.value if action else None, language=lang
        )
    except (ConfigError, ValueError, TypeError) as exc:
        fail(str(exc))
    err = error_console()
    if verdict.allowed:
        err.print(
            f"{verdict.client.label}: allowed by the policy, so the page has no notice; "
            "pass --action modal|banner|block to see one anyway.",
            soft_wrap=True,
        )
    else:
        err.print(f"{verdict.client.label}: {verdict.action} (rule {verdict.rule})", soft_wrap=True)
    if serve:
        try:
            server = serve_page(html, status, "127.0.0.1", port)
        except OSError as exc:
            fail(f"cannot listen on 127.0.0.1:{port}: {exc}")
        err.print(f"serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            server.shutdown()
        return
    if out is not None:
        try:
            out.write_bytes(html)
        except OSError as exc:
            fail(cannot_write(out, exc))
        err.print(f"wrote {out} (HTTP {status})")
        return
    sys.stdout.buffer.write(html)
    sys.stdout.flush()
