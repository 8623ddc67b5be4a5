"""Bots before policies: the one entry point that turns a client into a verdict."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

from jreject.detect.client import Client
from jreject.errors import PolicyValueError, suggest
from jreject.policy.base import Policy, Verdict

__all__ = ["BOT_MODES", "DEFAULT_KEY", "BotMode", "BotSetting", "bot_mode", "check_bots", "decide"]

BotMode = Literal["allow", "log"]
#: What may happen to a bot. There is deliberately no "block": rejecting crawlers
#: and link previewers hurts the site, and they do not run the page's scripts anyway.
BOT_MODES: tuple[BotMode, ...] = ("allow", "log")

#: The key of a per-category table that sets the mode of every other category.
DEFAULT_KEY = "default"

#: One mode for every bot (``"log"``), or a mode per ``Client.bot_category``:
#: ``{"ai": "log"}`` logs AI crawlers and lets every other bot pass unlogged;
#: ``{"default": "log", "search": "allow"}`` logs all but search engines.
BotSetting = BotMode | Mapping[str, BotMode]


def check_bots(setting: object) -> BotSetting:
    """``setting`` checked and frozen, or :class:`ValueError` naming the bad key or value
    (a :class:`~jreject.errors.PolicyValueError` whose ``key`` is ``bots.<category>`` for
    a bad entry of a table).

    Keys are bot categories (``jreject.detect.bots.BOT_CATEGORIES``) or ``"default"``.
    """
    modes = ", ".join(map(repr, BOT_MODES))
    if isinstance(setting, str):
        if setting not in BOT_MODES:
            raise ValueError(f"expected one of {modes}, got {setting!r}")
        return setting
    if not isinstance(setting, Mapping):
        raise ValueError(f"expected one of {modes} or a table of category = mode, got {setting!r}")
    # The bot data is imported only for a table: a plain mode needs none of it.
    from jreject.detect._bot_patterns import BOT_CATEGORIES

    keys = (*BOT_CATEGORIES, DEFAULT_KEY)
    for category, mode in setting.items():
        # The key is the entry's own (`bots.ai`), so a config error points at its line.
        if category not in keys:
            raise PolicyValueError(
                f"bots.{category}",
                f"unknown bot category {category!r}{suggest(str(category), keys)}; "
                f"expected one of {', '.join(keys)}",
            )
        if mode not in BOT_MODES:
            raise PolicyValueError(f"bots.{category}", f"expected one of {modes}, got {mode!r}")
    return MappingProxyType(dict(setting))


def bot_mode(setting: BotSetting, category: str | None) -> BotMode:
    """The mode ``setting`` gives a bot of ``category``."""
    if isinstance(setting, str):
        return setting
    return setting.get(category or "unknown", setting.get(DEFAULT_KEY, "allow"))


def decide(client: Client, policy: Policy, *, bots: BotSetting = "allow") -> Verdict:
    """The verdict for ``client``: bots are allowed before any rule runs.

    With ``bots="log"`` (or a table such as ``{"ai": "log"}`` that logs the bot's
    category) a bot's verdict is still allowed but its action is ``log``, so the
    middleware records the visit and changes nothing. Raises ``ValueError`` for a
    mode or category that does not exist.
    """
    if isinstance(bots, str) and bots not in BOT_MODES:
        raise ValueError(f"bots must be one of {', '.join(BOT_MODES)}, got {bots!r}")
    if client.is_bot:
        name = client.bot_name or client.browser_name
        kind = f" ({client.bot_category})" if client.bot_category else ""
        if bot_mode(bots, client.bot_category) == "log":
            return Verdict(
                "log", True, (f"{name} is a bot{kind}: logged, never rejected",), "bot", client
            )
        return Verdict(
            "allow", True, (f"{name} is a bot{kind}: bots are always allowed",), "bot", client
        )
    return policy(client)
