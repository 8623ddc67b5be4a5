"""Framework integrations: Django (``jreject.django``), Flask and Starlette/FastAPI.

Each is a thin layer over the framework-neutral engine in :mod:`jreject.middleware`;
nothing outside this package imports a web framework.
"""

from __future__ import annotations

__all__: list[str] = []
