"""The configuration errors: one base class, :class:`ConfigError`, for every command and framework.

Whatever reads configuration (``jreject.toml``, Django's ``JREJECT``, Flask's
``app.config``, a middleware keyword, a per-view policy) raises a ``ConfigError``
naming the file, the line, the key, what was expected and what was given, with a
"did you mean" when a known name is close. It is a ``ValueError``, so code that
caught ``ValueError`` before keeps working.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["ConfigError", "PolicyValueError", "SettingError", "suggest"]


class ConfigError(ValueError):
    """A configuration mistake: ``path`` (file or source), ``line`` and ``key`` say where.

    ``str(error)`` is the whole message for a person
    (``jreject.toml:7: middleware.explian: unknown option 'explian' (did you mean
    'explain'?)``); ``message`` is the part after the place. The CLI prints it and
    exits 2.
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, key: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        where = path or ""
        if where and line is not None:
            where += f":{line}"
        prefix = ": ".join(part for part in (where, key) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class PolicyValueError(ConfigError):
    """A bad value inside one policy kind's settings; ``key`` is where, inside those settings.

    The config loader prefixes ``key`` with the tier's path and adds the file and
    line, so one message names everything a person needs to fix it.
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message, key=key)
        self.detail = message


class SettingError(ConfigError, TypeError):
    """A framework setting (Django's ``settings.JREJECT``, Flask's ``app.config[…]``) has
    the wrong type or conflicts with another; ``setting`` is its bare name.

    Also a ``TypeError``: most such mistakes are a value of the wrong type.
    """

    def __init__(self, setting: str, message: str, *, shown: str | None = None) -> None:
        super().__init__(f"{shown or 'settings.' + setting} {message}")
        self.setting = setting
        self.key = setting


def suggest(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'safari'?)`` when a choice is close to ``name``, else ``""``."""
    close = difflib.get_close_matches(name.lower(), sorted(choices), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""
