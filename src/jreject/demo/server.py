"""Serve the demo: uvicorn when it is installed, else the standard library's wsgiref.

The socket is bound before anything is printed, so the URL shown is one that
already accepts connections, also with port 0 (an ephemeral port).
"""

from __future__ import annotations

import importlib.util
import os
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from jreject.demo.app import create_asgi_app, create_wsgi_app

__all__ = ["Backend", "DemoServer", "available_backend", "graphical_session", "make_server"]

Backend = Literal["uvicorn", "wsgiref"]

#: Seconds to wait before opening the browser, so the server is answering by then.
OPEN_DELAY = 0.5


def available_backend() -> Backend:
    """``uvicorn`` if it can be imported (the ``demo`` extra), else ``wsgiref``."""
    return "uvicorn" if importlib.util.find_spec("uvicorn") is not None else "wsgiref"


@dataclass(slots=True)
class DemoServer:
    """A bound demo server, not yet running.

    ``url`` is final (the port is bound), ``run()`` serves until ``stop()`` is called.
    """

    url: str
    backend: Backend
    run: Callable[[], None]
    stop: Callable[[], None]

    def open_browser_soon(self) -> bool:
        """Open ``url`` in the user's browser once the server has had time to start.

        Returns False, and opens nothing, when no graphical browser can be expected.
        """
        if not graphical_session():
            return False
        timer = threading.Timer(OPEN_DELAY, webbrowser.open, args=(self.url,))
        timer.daemon = True
        timer.start()
        return True


def graphical_session(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """True where a desktop browser can open: macOS, Windows, or an X11/Wayland session.

    Without one (SSH, containers) :mod:`webbrowser` would start a console browser
    such as lynx in the same terminal as the server, so the demo only prints the URL.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if system == "darwin" or system.startswith("win"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def make_server(
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    action: str | None = None,
    backend: Backend | None = None,
) -> DemoServer:
    """Bind ``host:port`` and prepare the demo; raises ``OSError`` if the port is taken."""
    chosen = backend or available_backend()
    if chosen == "uvicorn":
        return _uvicorn(host, port, action)
    if chosen == "wsgiref":
        return _wsgiref(host, port, action)
    raise ValueError(f"demo backend must be 'uvicorn' or 'wsgiref', not {chosen!r}")


def _url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _uvicorn(host: str, port: int, action: str | None) -> DemoServer:
    import uvicorn

    app = create_asgi_app(action)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
    )

    def run() -> None:
        try:
            server.run(sockets=[sock])
        finally:
            sock.close()

    def stop() -> None:
        server.should_exit = True

    return DemoServer(_url(host, sock.getsockname()[1]), "uvicorn", run, stop)


def _wsgiref(host: str, port: int, action: str | None) -> DemoServer:
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server_class = WSGIServer
    if ":" in host:

        class WSGIServer6(WSGIServer):
            address_family = socket.AF_INET6

        server_class = WSGIServer6
    httpd = make_server(
        host, port, create_wsgi_app(action), server_class=server_class, handler_class=QuietHandler
    )

    def run() -> None:
        try:
            httpd.serve_forever(poll_interval=0.2)
        finally:
            httpd.server_close()

    return DemoServer(_url(host, httpd.server_port), "wsgiref", run, httpd.shutdown)
