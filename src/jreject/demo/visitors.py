"""The demo's sample visitors: the request headers each one's browser would send.

A visitor is a User-Agent string plus, for Chromium-based browsers, the client hints
that go with it. Both the demo's switcher and the real-browser tests build their
headers from the same values, so the ``Sec-CH-UA*`` headers always agree with the
User-Agent (a real browser never sends a Chrome 109 UA with Chromium 156 hints).
"Current" versions come from the bundled release data, so the demo does not age.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jreject.data import load
from jreject.demo.i18n import N_

__all__ = [
    "GREASE_BRAND",
    "HINT_HEADERS",
    "Visitor",
    "find_visitor",
    "latest_major",
    "sample_visitors",
]

#: Chromium adds one made-up brand to ``Sec-CH-UA`` so servers cannot rely on a fixed
#: list; detection must ignore it, so the demo sends one too.
GREASE_BRAND: tuple[str, str] = ("Not_A Brand", "24")

#: Every client-hint request header a visitor may set; the switcher removes the rest.
HINT_HEADERS: tuple[str, ...] = (
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-ch-ua-platform-version",
    "sec-ch-ua-full-version-list",
    "sec-ch-ua-model",
    "sec-ch-ua-arch",
    "sec-ch-ua-bitness",
    "sec-ch-ua-wow64",
    "sec-ch-ua-form-factors",
)

_WIN10_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{chrome}.0.0.0 Safari/537.36"
)
_MAC_CHROME = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{chrome}.0.0.0 Safari/537.36"
)


@dataclass(frozen=True, slots=True)
class Visitor:
    """A sample visitor: who they are and what their browser sends.

    ``brands`` holds ``(brand, full version)`` pairs for a browser that sends client
    hints (Chromium-based ones since Chromium 89); it is empty for Firefox, Safari,
    Internet Explorer and bots, which send only ``User-Agent``. ``platform``,
    ``platform_version``, ``mobile`` and ``model`` fill the other hints.
    """

    key: str
    label: str
    user_agent: str
    note: str = ""
    brands: tuple[tuple[str, str], ...] = ()
    platform: str = ""
    platform_version: str = ""
    mobile: bool = False
    model: str = ""

    @property
    def sends_hints(self) -> bool:
        """True when this browser sends ``Sec-CH-UA*`` headers."""
        return bool(self.brands)

    def headers(self) -> dict[str, str]:
        """The detection headers this visitor's browser sends, lower-case names.

        Chromium sends the low-entropy hints on every request and the others once the
        site asked for them with ``Accept-CH``; the demo sends all of them, as a
        browser would from the second page on.
        """
        headers = {"user-agent": self.user_agent}
        if not self.brands:
            return headers
        grease_name, grease_version = GREASE_BRAND
        majors = [(grease_name, grease_version)] + [
            (brand, version.split(".")[0]) for brand, version in self.brands
        ]
        fulls = [(grease_name, f"{grease_version}.0.0.0"), *self.brands]
        headers["sec-ch-ua"] = _brand_list(majors)
        headers["sec-ch-ua-full-version-list"] = _brand_list(fulls)
        headers["sec-ch-ua-mobile"] = "?1" if self.mobile else "?0"
        headers["sec-ch-ua-platform"] = _sf_string(self.platform)
        headers["sec-ch-ua-platform-version"] = _sf_string(self.platform_version)
        headers["sec-ch-ua-model"] = _sf_string(self.model)
        return headers

    def ua_metadata(self) -> dict[str, Any] | None:
        """Chrome DevTools ``userAgentMetadata`` for ``Network.setUserAgentOverride``.

        ``None`` for browsers without client hints: overriding the UA without
        metadata makes Chromium send no ``Sec-CH-UA`` at all, as Firefox or Safari.
        """
        if not self.brands:
            return None
        grease_name, grease_version = GREASE_BRAND
        return {
            "brands": [{"brand": grease_name, "version": grease_version}]
            + [{"brand": b, "version": v.split(".")[0]} for b, v in self.brands],
            "fullVersionList": [{"brand": grease_name, "version": f"{grease_version}.0.0.0"}]
            + [{"brand": b, "version": v} for b, v in self.brands],
            "platform": self.platform,
            "platformVersion": self.platform_version,
            "architecture": "" if self.mobile else "x86",
            "model": self.model,
            "mobile": self.mobile,
        }


def _sf_string(value: str) -> str:
    # RFC 8941 §3.3.3: an sf-string escapes only backslash and double quote.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _brand_list(brands: list[tuple[str, str]]) -> str:
    return ", ".join(f"{_sf_string(brand)};v={_sf_string(version)}" for brand, version in brands)


def latest_major(agent: str) -> int:
    """The newest released major version of a caniuse agent in the bundled data."""
    released = load().agents[agent].released_versions
    if not released:
        raise LookupError(f"the bundled data has no released version of {agent!r}")
    return int(released[-1].version.split("-")[-1].split(".")[0])


@functools.cache
def sample_visitors() -> tuple[Visitor, ...]:
    """The demo's visitors, oldest browser first; "current" ones follow the bundled data."""
    chrome = latest_major("chrome")
    edge = latest_major("edge")
    firefox = latest_major("firefox")
    esr = max(int(v.split(".")[0]) for v in load().firefox_esr)
    # Five majors back is about five months: outside any extended-support window,
    # yet far above the `modern` minimum, so only the relative tier objects.
    behind = chrome - 5
    return (
        Visitor(
            "ie6",
            "Internet Explorer 6 on Windows XP",
            "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
            N_("The browser jReject was first written for."),
        ),
        Visitor(
            "ie11",
            "Internet Explorer 11 on Windows 7",
            "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
            N_("Retired by Microsoft in 2022, still found on old office PCs."),
        ),
        Visitor(
            "safari12",
            "Safari 12.1 on macOS Mojave",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/12.1.2 Safari/605.1.15",
            N_("A Mac that stopped getting updates."),
        ),
        Visitor(
            "chrome109-win7",
            "Chrome 109 on Windows 7",
            "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 "
            "(KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36",
            N_("The last Chrome for Windows 7; it sends client hints."),
            brands=(("Google Chrome", "109.0.5414.120"), ("Chromium", "109.0.5414.120")),
            platform="Windows",
            platform_version="0.0.0",
        ),
        Visitor(
            "chrome-ios15",
            "Chrome on iOS 15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
            N_("Chrome on an iPhone runs Apple's WebKit, so it is judged as Safari 15.8."),
        ),
        Visitor(
            "chrome-behind",
            f"Chrome {behind} on macOS",
            _MAC_CHROME.format(chrome=behind),
            N_("A few months behind: fine for now, but worth a nudge."),
            brands=(("Google Chrome", f"{behind}.0.0.0"), ("Chromium", f"{behind}.0.0.0")),
            platform="macOS",
            platform_version="15.5.0",
        ),
        Visitor(
            "samsung",
            "Samsung Internet 29 on Android",
            "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            "SamsungBrowser/29.0 Chrome/136.0.0.0 Mobile Safari/537.36",
            N_("Its own browser with its own versions, not Chrome."),
            brands=(("Samsung Internet", "29.0"), ("Chromium", "136.0.7103.125")),
            platform="Android",
            platform_version="15.0.0",
            mobile=True,
            model="SM-S921B",
        ),
        Visitor(
            "firefox-esr",
            f"Firefox {esr} ESR on Linux",
            f"Mozilla/5.0 (X11; Linux x86_64; rv:{esr}.0) Gecko/20100101 Firefox/{esr}.0",
            N_("Extended Support Release: older number, still supported by Mozilla."),
        ),
        Visitor(
            "safari26-ios",
            "Safari 26 on iOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1",
            N_("Its User-Agent says iOS 18.7, a frozen value; Version/26.1 is the truth."),
        ),
        Visitor(
            "firefox",
            f"Firefox {firefox} on Windows",
            f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{firefox}.0) "
            f"Gecko/20100101 Firefox/{firefox}.0",
            N_("Current Firefox."),
        ),
        Visitor(
            "edge",
            f"Microsoft Edge {edge} on Windows 11",
            _WIN10_CHROME.format(chrome=edge) + f" Edg/{edge}.0.0.0",
            N_("Windows 11 still says 'Windows NT 10.0'; the hints tell the truth."),
            brands=(("Microsoft Edge", f"{edge}.0.3537.57"), ("Chromium", f"{edge}.0.7258.66")),
            platform="Windows",
            platform_version="19.0.0",
        ),
        Visitor(
            "chrome",
            f"Chrome {chrome} on Windows 11",
            _WIN10_CHROME.format(chrome=chrome),
            N_("Current Chrome."),
            brands=(("Google Chrome", f"{chrome}.0.7390.54"), ("Chromium", f"{chrome}.0.7390.54")),
            platform="Windows",
            platform_version="19.0.0",
        ),
        Visitor(
            "googlebot",
            "Googlebot (smartphone)",
            "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
            f"(KHTML, like Gecko) Chrome/{chrome}.0.0.0 Mobile Safari/537.36 "
            "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            N_("Crawlers are never rejected, whatever their version."),
        ),
    )


def find_visitor(key: str | None, visitors: Mapping[str, Visitor] | None = None) -> Visitor | None:
    """The visitor called ``key``, or ``None`` for no key or an unknown one."""
    if not key:
        return None
    table = visitors if visitors is not None else _by_key()
    return table.get(key)


@functools.cache
def _by_key() -> dict[str, Visitor]:
    return {visitor.key: visitor for visitor in sample_visitors()}
