"""A deadline for each request to arrive in full, which uvicorn does not have.

uvicorn's only timer is the keep-alive one: armed after a response, reset by every byte
received, never armed on a fresh connection. A client that connects and sends nothing,
or trickles a request's headers a byte at a time (slowloris), holds its connection, and
a file descriptor, for as long as it likes; enough of them and the service stops
accepting, so the proxies in front fail open for everyone. Here a connection gets
``header_timeout`` seconds from the moment it opens, or from the end of its previous
response, to deliver a whole request; bytes arriving do not extend it.

The protocol classes are uvicorn's own (httptools when installed, as uvicorn's
``auto`` picks, else h11) with the deadline added; :func:`protocol` gives the one to
pass as uvicorn's ``http``.
"""

from __future__ import annotations

import asyncio
import functools
import importlib.util
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from jreject.serve._deadline import Deadline

__all__ = ["H11WithDeadline", "protocol"]


class H11WithDeadline(Deadline, H11Protocol):
    """uvicorn's h11 protocol with the request deadline."""


def _httptools_class() -> type[Any] | None:
    # uvicorn's "auto" choice: httptools when it is installed.
    if importlib.util.find_spec("httptools") is None:
        return None
    from jreject.serve import _httptools

    return _httptools.HttpToolsWithDeadline


def protocol(header_timeout: float) -> Callable[..., asyncio.Protocol]:
    """uvicorn's ``http`` argument: its faster protocol when installed, with the deadline.

    A :func:`functools.partial` of a module-level class, so that uvicorn can hand it to
    worker processes (it pickles its configuration for them).
    """
    chosen: Callable[..., asyncio.Protocol] = _httptools_class() or H11WithDeadline
    return functools.partial(chosen, header_timeout=header_timeout)
