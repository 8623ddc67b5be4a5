"""What the bot matcher knows of browsers, so that no bot pattern flags one.

The patterns themselves (the bundled lists and jreject's own rows) are data:
:mod:`jreject.data.bot_patterns`. Here is what :class:`~jreject.detect.bots.BotMatcher`
checks around them: the everyday browsers' shape (which skips the scan), the
device-model slot of a phone's User-Agent (which the lists do not read), browsers
whose User-Agent carries a bot-like word, and the categories bots are filed under.
"""

from __future__ import annotations

import re

__all__ = [
    "BARE_DEVICES",
    "BOT_CATEGORIES",
    "BROWSER_MARKERS",
    "BROWSER_SHAPE",
    "COMPATIBLE_BROWSERS",
    "IE_BRANDS",
    "IE_MARKERS",
    "MODEL_SLOT",
    "TEXT_BROWSERS",
    "WEB_ADDRESS",
]

#: Browsers that once sent the bot form "(compatible; Name/1.0 …)": a built-in
#: pattern whose ``name`` group reads one of these has not found a bot there.
COMPATIBLE_BROWSERS: frozenset[str] = frozenset(
    {
        *("Konqueror", "Opera", "MSIE", "ms-office", "iCab", "NetPositive", "Amiga-AWeb", "AWeb"),
        # An OS where the form names none (a media player's "(compatible; Linux mips)").
        *("Linux", "Windows", "Macintosh", "X11"),
        # Safari's own fetches through CFNetwork ("MobileSafari/604.1 CFNetwork/…").
        *("Safari", "MobileSafari", "com.apple.WebKit.Networking", "NetworkingExtension"),
        # Set-top boxes' and network computers' browsers ("compatible; ANTGalio/3.0",
        # "compatible; NCBrowser/2.35; ANTFresco/2.17"), and a TV's "compatible; Gecko/…".
        *("ANTGalio", "ANTFresco", "Gecko"),
    }
)

#: Browsers whose own User-Agent carries what the generic rules look for (a URL, a
#: word like "monitor"): when one of these is in the User-Agent, only named bots count.
BROWSER_MARKERS: tuple[str, ...] = (
    "QtWeb Internet Browser",
    # Fire TV's Silk WebView names itself in one token ("smarttv_AFTKA_…_Chromium_88").
    "smarttv_AFT",
    # An Android WebView in the CamScanner app (the generic rules read "scanner").
    "CamScanner/",
    "OmniWeb/",
    "coc_coc_browser/",
    "Cốc Cốc",
    # Feature phones' WAP browsers name themselves in plain words ("G4040_MAUI WAP
    # Browser", "Karbonn K222s WAP-Browser/1.0.0") and list what they speak ("(HTTP
    # PGDL;HTTPS)"): the bare-words and "http" rules would read them as scripts.
    "WAP Browser",
    "WAP-Browser",
    # UC Browser's compact Java form, whose "SpeedMode; Proxy" is its own mode, and
    # MediaTek feature phones' platform token.
    "UCWEB/",
    "MAUI/",
    # A console's browser may send only "Mozilla/5.0 (PlayStation 4 Pro 5.0)".
    "(PlayStation ",
    # Alipay's in-app browser writes its screen as "AlipayDefined(nt:WIFI,ws:360|0|2.0)",
    # and isbot's patterns take a "|" for a bot's.
    "AlipayClient/",
    # Desktop apps that show pages in Internet Explorer through the EmbeddedWB
    # component get its URL in IE's User-Agent: "… Embedded Web Browser from:
    # http://bsalsa.com/; …".
    "Embedded Web Browser from:",
    # Browsers built on Internet Explorer put their own site in IE's comment:
    # "Avant Browser [avantbrowser.com]", "SlimBrowser [flashpeak.com]".
    "Avant Browser",
    "SlimBrowser",
)

#: What each category of bot is, for ``Client.bot_category`` and the docs.
BOT_CATEGORIES: dict[str, str] = {
    "search": "search engines and their named fetchers",
    "ai": "AI crawlers, assistants and training-data collectors",
    "preview": "link previewers, transcoding proxies and mail image proxies",
    "seo": "SEO, site-audit and ad-verification crawlers",
    "monitor": "uptime monitors, health checks and performance audits",
    "headless": "headless and automated browsers",
    "feed": "feed readers and podcast fetchers",
    "archive": "web archivers (the Internet Archive, national libraries)",
    "scanner": "security and vulnerability scanners",
    "library": "HTTP libraries, command-line tools, scanners and downloaders",
    "crawler": "other named crawlers (research, commercial, unclassified)",
    "unknown": "bots known only by generic signs (a word like 'bot', a URL, an e-mail)",
    "user": "matched by one of the site's own bot patterns",
}

#: Browsers that send one bare token, version digits off: text-mode browsers, Amiga
#: browsers ("Voyager3/AmigaOS3.1"), and browsers' own fetches for the person using
#: them (Firefox for Android's "MozacFetch/…", the Google app's "GoogleApp/…").
TEXT_BROWSERS: tuple[str, ...] = (
    *("w3m", "lynx", "links", "elinks", "browsh", "dillo", "netsurf"),
    *("amiga-aweb", "aweb", "voyager", "ibrowse"),
    *("mozacfetch", "googleapp"),
)

#: A lone device model sent as the whole User-Agent ("iPhone13Pro"): an app's own
#: request, not a page view, and no bot's name either.
BARE_DEVICES: tuple[str, ...] = ("iPhone", "iPad", "iPod")

#: The device-model slot of a phone's User-Agent ("Linux; Android 10; <model>",
#: Yandex's "Linux; arm_64; Android 13; <model>",
#: Windows Phone's "IEMobile/9.0; <maker>; <model>"), which the bundled lists and
#: generic signs do not read: models are named "ID bot 53+", "Capture+", "Radar".
#: Some firmwares add their own build to the version: "Android 02.00.06(2.1-update1)".
MODEL_SLOT = re.compile(
    r"\((?:Linux; )?(?:U; )?(?:arm(?:_64)?; )?Android[ /]?[\d.]*(?:\([\w.-]{1,30}\))?;"
    r"(?: [a-z]{2}(?:[-_][a-zA-Z]{2})?;)? ?"
    r"(?P<model>[^;)]{1,80})"
    r"|IEMobile/[\d.]+; [^;)]{1,40}; (?P<wp>[^;)]{1,80})"
)

#: An old Internet Explorer's User-Agent, one comment: "compatible; MSIE n; <platform>"
#: and then the ``brands`` toolbars, ISPs and companies add through the registry
#: ("StumbleUpon.com 1.758", "www.isp.com.au", "SEARCHALOT.COM IE5"), some with a
#: comment of their own ("Netvitamine Toolbar (+http://www.netvitamine.com)"). The web
#: addresses among them (:data:`WEB_ADDRESS`) name whoever branded the browser, so the
#: broad patterns do not read them; a bot's own word there ("FooBot http://…") still
#: counts.
IE_BRANDS = re.compile(
    r"^Mozilla/[2-5]\.0 \(compatible; MSIE \d+\.\d+\w*; (?:Win|Mac)[^;()]*;"
    # Possessive, so linear. Logs and proxies cut User-Agents short (often at 255
    # bytes): the comment, or a comment inside it, may end with the text.
    r"(?P<brands>(?:[^()]++|\([^()]*+\))*+(?:\([^()]*+)?)\)?$"
)
#: Markers software wrote into Internet Explorer's User-Agent: the "Get Windows 10"
#: offer's state ("GWX:DOWNLOADED", "GWX:QUALIFIED"), MSN's distribution of IE 8
#: ("MSN Optimized", "msn OptimizedIE8"), and the "User-agent: Mozilla/4.0 (…;
#: http://bsalsa.com) (none)" that apps built on EmbeddedWB left in the registry. The
#: broad patterns' "download", "optimize" and "agent" do not read them: they mark a
#: person's browser.
IE_MARKERS = re.compile(
    r"(?i)\bGWX:\w+|\b(?:MSN )?Optimized(?:IE\d+)?\b|\bUser-agent: (?=Mozilla/)"
)
#: A web site's address with no path: a host name ending in a top-level domain, maybe
#: after ``http://``. A bot's address names a page about it ("…/bot.html"), so an
#: address with a path stays readable. Matches start only where a word starts, so the
#: search stays linear on a long run of "a.a.a…".
WEB_ADDRESS = re.compile(
    r"(?i)(?<![\w.:/-])(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|net|org|biz|info|[a-z]{2})/?"
    r"(?![\w./-])"
)

# The everyday browsers, exactly as they send their reduced User-Agent: Chrome,
# Edge, Opera, Samsung, Yandex, Vivaldi on desktop and Android, Safari and the
# iOS browsers, Firefox; and Internet Explorer with what Windows itself puts in its
# comment (.NET versions, SLCC, InfoPath). A full match proves there is no bot token
# anywhere, so these skip the pattern scan. A partial match (an in-app browser adds its own
# tokens after these) spares the scan of the part it covers.
# Longer names first: in a prefix match, "Edg" must not stop short of "Edge/18".
BROWSER_TOKENS = (
    "Chromium|Chrome|Safari|Version|Mobile|CriOS|FxiOS|EdgiOS|EdgA|Edge|Edg|OPiOS|OPR|OPT"
    "|SamsungBrowser|YaBrowser|SA|Vivaldi|Brave|DuckDuckGo|Ddg|Whale|GSA|UCBrowser"
    "|MQQBrowser|HuaweiBrowser|HeyTapBrowser|VivoBrowser|Quark|Focus"
)
# The language an older browser names in its comment ("; en-us", "; pt-BR").
_LOCALE = r"(?:; [a-z]{2}(?:-[A-Za-z]{2})?)?"
BROWSER_SHAPE = re.compile(
    r"Mozilla/(?:5\.0 \("
    r"(?:"
    r"(?:Windows NT \d+\.\d(?:; Win64; x64|; WOW64)?"
    rf"|Macintosh; (?:U; )?(?:Intel|PPC) Mac OS X \d+(?:[_.]\d+)*{_LOCALE}"
    r"|X11; (?:Ubuntu; |Fedora; )?Linux (?:x86_64|i686|aarch64)"
    r"|X11; CrOS \w+ [\d.]+"
    r"|Linux; (?:U; )?Android \d+(?:\.\d+)*(?P<model>(?:; [\w .-]+(?: Build/[\w.-]+)?)*)"
    rf"|iPhone; (?:U; )?CPU iPhone OS \d+(?:_\d+)* like Mac OS X{_LOCALE}"
    rf"|iPad; (?:U; )?CPU OS \d+(?:_\d+)* like Mac OS X{_LOCALE})"
    r"\) AppleWebKit/\d+(?:\.\d+)*\+? \(KHTML, like Gecko\)"
    rf"(?: (?:{BROWSER_TOKENS})(?:/[\w.]+)?)+"
    r"|(?:Windows NT \d+\.\d(?:; Win64; x64|; WOW64)?|Macintosh; Intel Mac OS X \d+\.\d+"
    r"|X11; (?:Ubuntu; |Fedora; )?Linux (?:x86_64|i686|aarch64)"
    r"|Android \d+(?:\.\d+)*; (?:Mobile|Tablet))"
    r"; rv:\d+\.\d+\) Gecko/[\d.]+ Firefox/\d+\.\d+(?:\.\d+)?(?:esr)?"
    r"|Windows NT \d+\.\d(?:; WOW64|; Win64; x64)?; Trident/7\.0;(?: Touch;)? rv:11\.0\) like Gecko"
    r")"
    # Internet Explorer 5-10 with only what Windows itself adds to its comment.
    r"|[45]\.0 \(compatible; MSIE \d+\.\d+; Windows NT \d+\.\d(?:; Win64; x64|; WOW64)?"
    r"(?:; Trident/\d\.\d)?"
    r"(?:; (?:SV1|\.NET CLR [\d.]+|\.NET4\.0[CE]|SLCC\d|Media Center PC \d\.\d|InfoPath\.\d"
    r"|Tablet PC \d\.\d))*\)"
    r")"
    # Presto Opera on a desktop.
    r"|Opera/9\.80 \((?:Windows NT \d+\.\d|Macintosh; Intel Mac OS X \d+(?:[_.]\d+)*"
    rf"|X11; Linux (?:x86_64|i686))(?:; U)?{_LOCALE}\) Presto/[\d.]+ Version/[\d.]+"
)
