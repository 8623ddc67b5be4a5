"""uvicorn's httptools protocol with the request deadline (imported only when httptools is)."""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from jreject.serve._deadline import Deadline

__all__ = ["HttpToolsWithDeadline"]


class HttpToolsWithDeadline(Deadline, HttpToolsProtocol):
    """uvicorn's httptools protocol with the request deadline."""
