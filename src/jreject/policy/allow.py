"""Allow-list mode: only the browsers named are welcome, everything else is rejected."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jreject.detect.client import Client
from jreject.errors import PolicyValueError
from jreject.policy._names import canonical_browser
from jreject.policy.base import Action, Policy, Verdict, allow, reject

__all__ = ["AllowOnly"]


@dataclass(frozen=True, slots=True)
class AllowOnly:
    """Reject every browser not in ``browsers``; optionally judge the listed ones too.

    ``AllowOnly(["chrome", "firefox", "safari"], minimum=Minimum.preset("modern"))``
    rejects Opera outright and Safari 15 through the minimum. The ``minimum`` (any
    policy) only sees listed browsers, and its verdict is returned as it is.
    """

    browsers: Iterable[str]
    action: Action = "modal"
    minimum: Policy | None = None
    _allowed: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.browsers, str):
            raise PolicyValueError("", f"expected a list of browsers, got {self.browsers!r}")
        if self.action == "allow":
            raise PolicyValueError("action", "a rejecting rule needs modal, banner, block or log")
        allowed: set[str] = set()
        for index, name in enumerate(self.browsers):
            if not isinstance(name, str):
                raise PolicyValueError(f"[{index}]", f"expected a browser name, got {name!r}")
            try:
                allowed.add(canonical_browser(name))
            except ValueError as error:
                raise PolicyValueError(f"[{index}]", str(error)) from None
        if not allowed:
            raise PolicyValueError("", "expected at least one browser: an empty list rejects all")
        object.__setattr__(self, "browsers", tuple(self.browsers))
        object.__setattr__(self, "_allowed", frozenset(allowed))

    def __call__(self, client: Client, /) -> Verdict:
        if client.browser not in self._allowed:
            return reject(
                client,
                self.action,
                f"allow_only:{client.browser}",
                f"{client.label} is not one of the supported browsers",
            )
        if self.minimum is not None:
            return self.minimum(client)
        return allow(client)
