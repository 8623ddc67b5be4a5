"""The request deadline both of uvicorn's HTTP protocols get (:mod:`jreject.serve.deadline`)."""

from __future__ import annotations

import asyncio
from typing import Any

__all__ = ["Deadline"]


class Deadline:
    """What both protocols get: ``cycle`` is the request being answered (uvicorn sets a new
    one when a request's headers are complete), ``loop`` and ``transport`` uvicorn's."""

    cycle: Any
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timeout = header_timeout
        self._timer: asyncio.TimerHandle | None = None
        self._waiting_after: Any = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)  # type: ignore[misc]

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if self.cycle is None or self.cycle.response_complete:
            self._arm()  # else a pipelined request is already being answered

    def _arm(self) -> None:
        self._disarm()
        self._waiting_after = self.cycle
        self._timer = self.loop.call_later(self._header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        self._timer = None
        # A new cycle means a whole request arrived in time (its answer re-arms the timer).
        if self.cycle is self._waiting_after and not self.transport.is_closing():
            self.transport.close()
