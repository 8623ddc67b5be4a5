"""Chrome driven by a tool that poses as another device: Lighthouse above all.

Lighthouse (in Chrome DevTools, in PageSpeed Insights and on the command line) loads
the page in the auditor's own Chrome, overriding the User-Agent through the DevTools
protocol. Since Lighthouse dropped ``Chrome-Lighthouse`` from it (its pull request
14384), that UA is a bare, old Chrome (``core/config/constants.js``: ``Chrome/119.0.0.0``
on a "Macintosh; Intel Mac OS X 10_15_7" desktop, or on an "Android 11; moto g power
(2022)" phone), so a site that warns about old browsers warned its own auditor (Lighthouse issues
14917 and 16488, Rails' ``allow_browser``). Lighthouse 13 puts the host's current
milestone in the UA string, but its client hints still say 119.

What tells them apart from a real Chrome:

* ``Sec-CH-UA`` without a GREASE brand. Lighthouse sets the client hints itself
  (``core/lib/emulation.js``): exactly ``"Chromium"`` and ``"Google Chrome"``, in some
  runs with a ``"Lighthouse"`` brand of its own. Every
  Chromium browser adds a made-up GREASE brand to its own list (UA-CH spec, §GREASE),
  and nothing else puts a list without one on the wire. Chrome sends these hints on
  HTTPS and to localhost.
* Without hints (plain HTTP), the UA string itself: the phone one is impossible for
  a real Chrome, which since version 110 names no device model on Android ("K"); the
  desktop one is a Chrome that auto-updated past 119 in 2023, so a real visitor who
  sends it today is all but unheard of, and at worst goes unwarned.

These are reported as bots, and bots are never rejected. This module reads only
request headers; no header can make jreject skip its decision (a header that says
"I am Lighthouse" would let any client opt out: Next.js's CVE-2025-29927).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jreject.detect.hints import ClientHints

__all__ = ["LIGHTHOUSE", "LIGHTHOUSE_USER_AGENTS", "emulation_name"]

#: The bot name reported for Lighthouse.
LIGHTHOUSE = "Lighthouse"
#: The bot name for other Chrome whose client hints were set through the DevTools
#: protocol (Puppeteer, Playwright or a script setting ``userAgentMetadata``).
EMULATED = "Chrome emulation"

#: Lighthouse's emulated User-Agents, as its ``constants.js`` has them since 2023.
LIGHTHOUSE_USER_AGENTS: tuple[str, ...] = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36",
)

# Lighthouse 13 keeps the two devices and puts the host's milestone in the UA.
_LIGHTHOUSE_DEVICE = re.compile(
    r"Mozilla/5\.0 \((?:Macintosh; Intel Mac OS X 10_15_7"
    r"|Linux; Android 11; moto g power \(2022\))\)"
    r" AppleWebKit/537\.36 \(KHTML, like Gecko\) Chrome/\d+\.0\.0\.0 (?:Mobile )?Safari/537\.36"
)
# A real Chrome never names a device model in its reduced Android UA.
_LIGHTHOUSE_PHONE = "Linux; Android 11; moto g power (2022))"
_CHROME_BRANDS = frozenset({"chromium", "google chrome"})
_LIGHTHOUSE_BRAND = "lighthouse"


def emulation_name(ua: str, hints: ClientHints | None) -> str | None:
    """``"Lighthouse"`` (or ``"Chrome emulation"``) when the headers are a tool's, else ``None``."""
    if hints is not None and hints.brands:
        names = {b.name.lower() for b in hints.brands}
        if hints.grease:
            return None
        if names - _CHROME_BRANDS == {_LIGHTHOUSE_BRAND}:
            # Some Lighthouse runs add a brand of their own ("Lighthouse";v="11.5.0").
            return LIGHTHOUSE
        if not names <= _CHROME_BRANDS:
            return None
        return LIGHTHOUSE if _LIGHTHOUSE_DEVICE.fullmatch(ua) else EMULATED
    if ua in LIGHTHOUSE_USER_AGENTS:
        return LIGHTHOUSE
    if _LIGHTHOUSE_PHONE in ua and _LIGHTHOUSE_DEVICE.fullmatch(ua):
        return LIGHTHOUSE
    return None
