"""``jreject`` in every template: the visitor's verdict (or ``None``).

Add ``"jreject.django.context_processors.jreject"`` to ``TEMPLATES[…]["OPTIONS"]
["context_processors"]``. The same verdict is on ``request.jreject``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest  # type: ignore[import-untyped]

__all__ = ["jreject"]


def jreject(request: HttpRequest) -> dict[str, Any]:
    """``{"jreject": verdict}``: a :class:`~jreject.policy.base.Verdict`, or ``None``."""
    return {"jreject": getattr(request, "jreject", None)}
