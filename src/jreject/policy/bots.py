"""Bots before policies: the one entry point that turns a client into a verdict."""

from __future__ import annotations

from typing import Literal

from jreject.detect.client import Client
from jreject.policy.base import Policy, Verdict

__all__ = ["BOT_MODES", "BotMode", "decide"]

BotMode = Literal["allow", "log"]
#: What may happen to a bot. There is deliberately no "block": rejecting crawlers
#: and link previewers hurts the site, and they do not run the page's scripts anyway.
BOT_MODES: tuple[BotMode, ...] = ("allow", "log")


def decide(client: Client, policy: Policy, *, bots: BotMode = "allow") -> Verdict:
    """The verdict for ``client``: bots are allowed before any rule runs.

    With ``bots="log"`` a bot's verdict is still allowed but its action is ``log``,
    so the middleware records the visit and changes nothing.
    Raises ``ValueError`` for any other ``bots`` value.
    """
    if bots not in BOT_MODES:
        raise ValueError(f"bots must be one of {', '.join(BOT_MODES)}, got {bots!r}")
    if client.is_bot:
        name = client.bot_name or client.browser_name
        if bots == "log":
            return Verdict(
                "log", True, (f"{name} is a bot: logged, never rejected",), "bot", client
            )
        return Verdict("allow", True, (f"{name} is a bot: bots are always allowed",), "bot", client)
    return policy(client)
