"""browserslist in Python: the query language, config discovery, and a :class:`Policy`.

>>> from jreject.browserslist import browserslist
>>> "op_mini all" in browserslist("op_mini all")
True
"""

from __future__ import annotations

from jreject.browserslist.config import find_config, load_config, parse_config
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.resolve import Options, browserslist

__all__ = [
    "BrowserslistError",
    "Options",
    "browserslist",
    "find_config",
    "load_config",
    "parse_config",
]
