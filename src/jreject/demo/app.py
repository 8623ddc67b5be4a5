"""The demo put together: visitor switcher → jreject middleware → the shop.

``create_asgi_app()`` and ``create_wsgi_app()`` build the same stack over ASGI and
WSGI. The policy has three tiers, the first objection wins:

1. ``block``: Internet Explorer 10 and older (jReject rules, ``msie = 10``);
2. ``modal``: below Rails' ``modern`` set (Safari 17.2, Chrome 120, Firefox 121,
   Opera 106, no Internet Explorer);
3. ``banner``: more than two major versions behind the latest release.

``action`` replaces every tier's action, to show one action to every visitor.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jreject.demo.i18n import N_, translated
from jreject.demo.site import DemoSite, Tier
from jreject.demo.switch import VisitorSwitchASGI, VisitorSwitchWSGI
from jreject.middleware.asgi import JRejectASGI
from jreject.middleware.wsgi import JRejectWSGI
from jreject.notice import Notice
from jreject.pipeline import VerdictCache
from jreject.policy.base import REJECT_ACTIONS, Action, FirstMatch, Policy
from jreject.policy.minimum import MODERN, Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import RejectRules

__all__ = [
    "BANNER_TEXTS",
    "CLOSE_COOKIE",
    "DEMO_OPTIONS",
    "create_asgi_app",
    "create_wsgi_app",
    "demo_notice",
    "demo_policy",
    "demo_tiers",
    "demo_verdicts",
]

#: jreject's close cookie in the demo (the default name, spelled out so the shop's
#: "show closed notices again" link can expire it).
CLOSE_COOKIE = "jreject_closed"

#: Middleware options of the demo: the explanation header is on, as in a dry run;
#: Chromium is asked for its full version and OS version from the second request on;
#: the demo's own switch and reset endpoints are left alone, so they always answer.
DEMO_OPTIONS: Mapping[str, Any] = {
    "explain": True,
    "cookie_name": CLOSE_COOKIE,
    "exclude": ["/_demo/"],
    "accept_ch": ["sec-ch-ua-full-version-list", "sec-ch-ua-platform-version"],
}

#: The banner tier nudges browsers that still work, so its words are softer than the
#: default "no longer supports" (every notice text is configurable; docs/notice.md).
BANNER_TEXTS: Mapping[str, str] = {
    "banner": N_(
        "You are using {browser}. A newer version is out: updating keeps this shop fast and safe."
    ),
    "banner_browsers": N_("Get the latest:"),
}

#: Newest Internet Explorer the first tier blocks, and how far behind the third allows.
BLOCK_IE_UPTO = 10
LATEST_MINUS = 2


def _check_action(action: str | None) -> Action | None:
    if action is None:
        return None
    if action not in REJECT_ACTIONS:
        raise ValueError(f"demo action must be one of {', '.join(REJECT_ACTIONS)}, not {action!r}")
    return action


def demo_policy(action: str | None = None) -> Policy:
    """The demo's three tiers; ``action`` (modal, banner, block, log) overrides each tier's."""
    forced = _check_action(action)
    return FirstMatch(
        (
            RejectRules({"msie": BLOCK_IE_UPTO}, action=forced or "block"),
            Minimum(MODERN, action=forced or "modal"),
            Relative(LATEST_MINUS, action=forced or "banner"),
        )
    )


def demo_tiers(action: str | None = None) -> tuple[Tier, ...]:
    """The tiers in words, for the "how this demo works" page."""
    forced = _check_action(action)
    return (
        Tier(
            forced or "block",
            N_("Internet Explorer {version} and older."),
            (("version", BLOCK_IE_UPTO),),
        ),
        Tier(
            forced or "modal",
            N_(
                "below Rails' modern set: Safari 17.2, Chrome 120, Firefox 121, Opera 106, "
                "and no Internet Explorer at all."
            ),
        ),
        Tier(
            forced or "banner",
            N_(
                "more than {count} major versions behind the latest release, except "
                "versions their vendor still supports (Firefox ESR, Chrome Extended Stable, "
                "Safari on a supported system)."
            ),
            (("count", LATEST_MINUS),),
        ),
    )


def demo_verdicts(action: str | None = None) -> VerdictCache:
    """The demo policy behind a verdict cache, shared by the middleware and the shop.

    The shop's visitors table asks the same cache the middleware asks, so the table
    can never disagree with what a visitor is served.
    """
    return VerdictCache(demo_policy(action))


def demo_notice(action: str | None = None) -> Notice:
    """The notice: default texts, except the softer banner of the tiered policy.

    The softer banner is the shop's own wording, in every language the shop speaks
    (per-language ``texts``); in the notice's other languages its catalog's banner stays.
    """
    # The 406 page names the shop, so a refused visitor knows whose site this is.
    return Notice(texts=None if action else translated(BANNER_TEXTS), site_name="Pebble & Pine")


def _site(verdicts: VerdictCache, action: str | None) -> DemoSite:
    return DemoSite(
        judge=verdicts.from_headers, tiers=demo_tiers(action), close_cookie=CLOSE_COOKIE
    )


def create_asgi_app(action: str | None = None, **options: Any) -> VisitorSwitchASGI:
    """The demo as an ASGI app: switcher, :class:`~jreject.middleware.asgi.JRejectASGI`, shop.

    ``options`` are extra middleware options (they win over :data:`DEMO_OPTIONS`).
    """
    verdicts = demo_verdicts(action)
    site = _site(verdicts, action)
    return VisitorSwitchASGI(
        JRejectASGI(
            site.asgi, verdicts=verdicts, notice=demo_notice(action), **{**DEMO_OPTIONS, **options}
        )
    )


def create_wsgi_app(action: str | None = None, **options: Any) -> VisitorSwitchWSGI:
    """The demo as a WSGI app: switcher, :class:`~jreject.middleware.wsgi.JRejectWSGI`, shop."""
    verdicts = demo_verdicts(action)
    site = _site(verdicts, action)
    return VisitorSwitchWSGI(
        JRejectWSGI(
            site.wsgi, verdicts=verdicts, notice=demo_notice(action), **{**DEMO_OPTIONS, **options}
        )
    )
