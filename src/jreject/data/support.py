"""Which Apple OS lines still get security fixes, and the newest Safari each gets.

caniuse lists Safari releases but not how long Apple keeps patching them, so this
is the one hand-kept table jreject ships. :class:`jreject.policy.relative.Relative`
uses it so that Safari on an OS Apple still supports is never called outdated.

Source: Apple security releases, https://support.apple.com/en-us/100100 (the
releases of 15 September 2025: iOS 26, iOS 18.7, iPadOS 17.7.10, iOS 16.7.12,
iOS 15.8.5; macOS Tahoe 26, Sequoia 15.7, Sonoma 14.8, with Safari 26 for
Sequoia and Sonoma). Keep it current: after each September release, add the new
lines, drop those that got no update in the last year, bump :data:`AS_OF`.
``jreject doctor`` can compare :data:`AS_OF` with the bundled data's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["AS_OF", "SOURCE", "SUPPORTED_OS_LINES", "OsLine", "supported_safari_majors"]

#: When the table was last checked against :data:`SOURCE`.
AS_OF = date(2025, 9, 15)
SOURCE = "https://support.apple.com/en-us/100100"


@dataclass(frozen=True, slots=True)
class OsLine:
    """One OS major Apple still patches, and the newest Safari major it gets.

    ``agent`` is the caniuse agent its Safari reports as: ``safari`` on macOS,
    ``ios_saf`` on iOS and iPadOS.
    """

    agent: str
    os: str
    os_major: int
    safari_major: int


SUPPORTED_OS_LINES: tuple[OsLine, ...] = (
    OsLine("safari", "macos", 26, 26),
    OsLine("safari", "macos", 15, 26),
    OsLine("safari", "macos", 14, 26),
    OsLine("ios_saf", "ios", 26, 26),
    OsLine("ios_saf", "ios", 18, 18),
    # iPadOS 17 kept getting fixes for iPads that cannot run 18.
    OsLine("ios_saf", "ipados", 17, 17),
    # Old iPhones (8 / X on 16, 6s / 7 on 15) still get occasional fixes.
    OsLine("ios_saf", "ios", 16, 16),
    OsLine("ios_saf", "ios", 15, 15),
)


def supported_safari_majors(agent: str) -> frozenset[int]:
    """Safari majors that some still-supported OS line runs as its newest Safari."""
    return frozenset(line.safari_major for line in SUPPORTED_OS_LINES if line.agent == agent)
