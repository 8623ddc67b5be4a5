"""uvicorn's httptools protocol with the request deadline (imported only when httptools is)."""

from __future__ import annotations

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from jreject.serve.deadline import _Deadline

__all__ = ["HttpToolsWithDeadline"]


class HttpToolsWithDeadline(_Deadline, HttpToolsProtocol):
    """uvicorn's httptools protocol with the request deadline."""
