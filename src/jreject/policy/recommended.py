"""The policy jreject applies when a site configures none, and writes with ``jreject init``.

jReject's own default, ``{msie = 6}``, let Internet Explorer 11 pass, and in 2026 almost
no one runs IE 6: it does nothing. This one warns, and blocks no one:

1. a **modal** for browsers their vendor no longer supports at all: every Internet
   Explorer (Microsoft ended IE 11 in June 2022), IE Mobile, and the legacy EdgeHTML
   Edge (ended March 2021);
2. a **banner** for Safari (and so every iOS browser) older than the oldest Safari Apple
   still patches on some OS (:data:`OLDEST_PATCHED_SAFARI`);
3. a **banner** for anything more than :data:`LATEST_MINUS` major versions behind its
   latest release (about a year of Chrome, Edge and Firefox), from the bundled release
   data, never for versions the vendor still supports: Firefox ESR, Chrome and Edge
   Extended Stable, Safari on an OS Apple still patches (:class:`Relative`).

It is one TOML document, :data:`RECOMMENDED_TOML`: ``jreject init`` writes it with its
comments, and :func:`recommended_config` reads the same text, so the two never differ.
"""

from __future__ import annotations

import tomllib
from typing import Any

from jreject.data.support import SUPPORTED_OS_LINES

__all__ = [
    "JREJECT_DEFAULT_TOML",
    "LATEST_MINUS",
    "OLDEST_PATCHED_SAFARI",
    "RECOMMENDED_TOML",
    "recommended_settings",
]

#: Majors behind the latest before the banner shows: Chrome, Edge and Firefox ship a major
#: every four weeks, so twelve is about a year.
LATEST_MINUS = 12

#: The oldest Safari major Apple still ships fixes for on some OS line (Safari 15 on
#: iOS 15), from :mod:`jreject.data.support`. Safari's majors come once a year, so
#: "12 majors behind" would be a decade: older Safari gets its own floor.
OLDEST_PATCHED_SAFARI = min(line.safari_major for line in SUPPORTED_OS_LINES)

RECOMMENDED_TOML = f"""\
# jreject.toml: which browsers get a notice, and what it says.
# Reference: https://github.com/jreject/jreject/blob/main/docs/configuration.md
#
# Tiers are tried in order; the first that rejects a visitor decides the action:
#   modal  - a dialog over the page (the visitor can close it)
#   banner - a bar at the top of the page
#   block  - a 406 page instead of the site (nothing here blocks)
#   log    - only recorded
# Search engine crawlers are never judged.

# Browsers their vendor no longer supports: every Internet Explorer (ended June 2022),
# IE Mobile (Windows Phone, ended 2019) and the old EdgeHTML-based Edge (ended March 2021).
[[policy]]
reject = {{ msie = true, ie_mobile = true, edgehtml = true }}
action = "modal"

# Safari older than the oldest Safari Apple still patches on some system
# (Safari {OLDEST_PATCHED_SAFARI}). Every browser on iOS is Safari's engine at the iOS version,
# so this covers Chrome and Firefox on old iPhones too; they are told to update iOS.
[[policy]]
minimum = {{ safari = "{OLDEST_PATCHED_SAFARI}" }}
action = "banner"

# Anything more than {LATEST_MINUS} major versions behind its latest release (about a year of
# Chrome, Edge and Firefox), from the bundled release data (`jreject data update`).
# Versions the vendor still supports are spared: Firefox ESR, Chrome/Edge Extended
# Stable, Safari on an OS Apple still patches.
[[policy]]
relative = {{ latest_minus = {LATEST_MINUS} }}
action = "banner"

# Moving from the jQuery plugin? Its default was IE 6 and older only; replace the
# tiers above with:
#   [[policy]]
#   reject = {{ msie = 6 }}

[notice]
# Shown on the 406 page, so a refused visitor knows whose site this is.
# site_name = "Example Shop"
# contact_url = "/contact"
# "top" (pushes the page down) or "bottom" (fixed at the bottom of the window).
banner_position = "top"
"""

#: jReject's own default, for sites moving from the jQuery plugin.
JREJECT_DEFAULT_TOML = """\
[[policy]]
reject = { msie = 6 }
"""


def recommended_settings() -> dict[str, Any]:
    """:data:`RECOMMENDED_TOML` as a settings dict (``config_from_dict`` takes it)."""
    return tomllib.loads(RECOMMENDED_TOML)
