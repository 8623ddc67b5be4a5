"""The ASGI lifespan protocol for apps that build everything before they are served."""

from __future__ import annotations

from jreject.middleware.asgi import Receive, Send

__all__ = ["acknowledge_lifespan"]


async def acknowledge_lifespan(receive: Receive, send: Send) -> None:
    """Acknowledge startup and shutdown, then return.

    The demo site and ``jreject serve`` build their engine in ``__init__``, so a bad
    configuration fails before the server binds; there is nothing left to start, and
    uvicorn drains requests itself on SIGTERM.
    """
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
