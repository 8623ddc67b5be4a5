"""Run a coroutine to completion from a sync test, whatever the calling thread is doing.

pytest-playwright's sync API keeps an event loop running in the main thread for the rest
of the session once a browser test has run, and ``asyncio.run`` refuses to start a second
loop there; a fresh worker thread always can.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def in_thread(function: Callable[[], T]) -> T:
    """``function()`` in a worker thread, for sync code that starts an event loop itself
    (Django's sync handler runs async views with ``async_to_sync``)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function).result()


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a worker thread; returns its result or raises its error."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
