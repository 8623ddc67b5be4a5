"""``jreject demo``: serve Pebble & Pine, a made-up shop, with jreject in front of it."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from jreject.cli.output import fail

__all__ = ["DemoAction", "register"]

EPILOG = """\
Examples:

  jreject demo

  jreject demo --port 0 --no-open

  jreject demo --action banner

Pick a sample visitor (IE 6, Safari 12, Googlebot …) in the bar at the top, or add ?as=ie11.
"""


#: Addresses that only this machine can reach.
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class DemoAction(StrEnum):
    """The action every rejecting tier takes (default: each tier's own)."""

    modal = "modal"
    banner = "banner"
    block = "block"
    log = "log"


def register(app: typer.Typer) -> None:
    """Add the ``demo`` command to ``app``."""
    app.command(epilog=EPILOG)(demo)


def demo(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", "-p", min=0, max=65535, help="Port; 0 picks a free one.")
    ] = 8000,
    action: Annotated[
        DemoAction | None,
        typer.Option(
            "--action",
            "-a",
            help="Make every rejecting tier do this. Default: block IE ≤ 10, modal below "
            "the modern set, banner for browsers more than 2 versions behind.",
            show_default=False,
        ),
    ] = None,
    open_browser: Annotated[
        bool, typer.Option("--open/--no-open", help="Open the demo in your browser.")
    ] = True,
) -> None:
    """Serve a demo shop with jreject in front, and a switcher to see it as other browsers do."""
    from jreject.demo.server import make_server
    from jreject.demo.site import SHOP_NAME

    try:
        server = make_server(host, port, action=action.value if action else None)
    except OSError as error:
        fail(f"cannot listen on {host}:{port}: {error.strerror or error}")
    typer.echo(f"{SHOP_NAME}, the jreject demo shop, is running at {server.url}")
    typer.echo(f"Try it as Internet Explorer 11: {server.url}?as=ie11")
    typer.echo(f"Served by {server.backend}; the JReject response header explains each decision.")
    if host not in LOOPBACK:
        typer.echo(f"Note: {host} may be reachable from other machines; the demo is for yours.")
    if open_browser and not server.open_browser_soon():
        typer.echo("No desktop browser here: open the URL above in yours.")
    typer.echo("Press Ctrl+C to stop.")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        server.stop()
    typer.echo("Demo stopped.")
