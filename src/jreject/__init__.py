"""jreject: decide on the server whether a visitor's browser is supported."""

from __future__ import annotations

from jreject._version import __version__

__all__ = ["__version__"]
