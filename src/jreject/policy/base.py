"""What every policy shares: the :class:`Verdict` it returns and the :class:`Policy` protocol."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

from jreject.detect.client import Client

__all__ = [
    "ACTIONS",
    "REJECT_ACTIONS",
    "Action",
    "FirstMatch",
    "Policy",
    "Verdict",
    "allow",
    "reject",
]

Action = Literal["allow", "modal", "banner", "block", "log"]

#: Every action, in the order the docs list them.
ACTIONS: tuple[Action, ...] = ("allow", "modal", "banner", "block", "log")
#: The actions a rejecting rule may take (``log`` is the dry run).
REJECT_ACTIONS: tuple[Action, ...] = ("modal", "banner", "block", "log")


@dataclass(frozen=True, slots=True)
class Verdict:
    """A policy's decision about one client, with the reasons a person can read.

    ``allowed`` is False when a rule rejected the client; ``action`` then says what
    to do about it (``modal``, ``banner``, ``block``, or ``log`` for a dry run).
    ``rule`` names the rule that decided (``"safari<17.2"``, ``"msie<=6"``) and is
    ``None`` when no rule objected.
    """

    action: Action
    allowed: bool
    reasons: tuple[str, ...]
    rule: str | None
    client: Client


def allow(client: Client, *reasons: str, rule: str | None = None) -> Verdict:
    """An allowing verdict."""
    return Verdict("allow", True, reasons, rule, client)


def reject(client: Client, action: Action, rule: str, *reasons: str) -> Verdict:
    """A rejecting verdict taken by ``rule``, which does ``action``."""
    if action == "allow":
        raise ValueError("a rejecting verdict needs an action other than 'allow'")
    return Verdict(action, False, reasons, rule, client)


@runtime_checkable
class Policy(Protocol):
    """Turns a :class:`Client` into a :class:`Verdict`.

    Anything callable this way is a policy: the bundled kinds (jReject rules,
    minimum versions, relative, allow list), the browserslist engine, or your own
    function. A policy that finds nothing to object to returns an allowing verdict;
    bots are handled before policies run (see :func:`jreject.policy.decide`).
    """

    def __call__(self, client: Client, /) -> Verdict: ...


@dataclass(frozen=True, slots=True)
class FirstMatch:
    """Policies in order: the first one that rejects says why.

    Put the strictest tier first (e.g. ``block`` below ES2015 support, then
    ``modal`` below latest − 2), since a later tier is only asked when every
    earlier one allowed the client.
    """

    policies: Sequence[Policy]

    def __call__(self, client: Client, /) -> Verdict:
        reasons: list[str] = []
        for policy in self.policies:
            verdict = policy(client)
            if not verdict.allowed:
                return verdict
            reasons.extend(verdict.reasons)
        # Tiers often allow for the same reason ("version unknown, not judged"):
        # say it once, in the order the tiers gave it.
        return allow(client, *dict.fromkeys(reasons))
