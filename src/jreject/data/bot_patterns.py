"""jreject's own bot patterns: what the bundled lists miss, misfile or get wrong.

The bundled lists (crawler-user-agents, isbot and Crawler-Detect's, :mod:`jreject.data.bots`)
come first in knowledge; this module holds what they lack: named services they miss or
file under the wrong category, HTTP libraries, generic signs, and the overrides
that keep their patterns off real browsers. :func:`built_in_patterns` puts them all
in the order :class:`~jreject.detect.bots.BotMatcher` asks them; the bot data file
records how each one splits and keys (:mod:`jreject.data.bot_index`), so after
editing a row here, run ``scripts/generate_bots.py``.

Each entry is ``(name, regex, category)``. ``name`` is what
:class:`~jreject.detect.bots.BotMatcher` reports; ``None`` reports the matched text
instead (the generic rules at the end, whose match *is* the bot's name, e.g.
``FooBot``). Regexes are RE2 syntax (Python's ``re`` without lookarounds and
backreferences: RE2 matches in linear time), matched with ``search``; write ``(?i)``
where the spelling varies in the wild. Where a rule needs what a lookaround would
say ("not after cu"), it matches the neighbouring characters instead and marks the
bot's word with a group named ``at``. Categories are those of
:data:`jreject.detect.bots.BOT_CATEGORIES`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jreject.data.jsregex import translate

__all__ = [
    "CATEGORY_OVERRIDES",
    "COMPATIBLE_FORM",
    "CRAWLER_DETECT",
    "CRAWLER_DETECT_OVERRIDES",
    "CRAWLER_USER_AGENTS",
    "GENERIC_BOTS",
    "ISBOT",
    "ISBOT_OVERRIDES",
    "LIBRARY_BOTS",
    "PACKAGE_OVERRIDES",
    "SERVICE_BOTS",
    "BotPattern",
    "built_in_patterns",
]

#: The three bundled lists, by their npm names: keys in the bot data, and the
#: ``source`` of their patterns. es6-crawler-detect carries the patterns of
#: Crawler-Detect (the PHP library) to npm.
ISBOT = "isbot"
CRAWLER_USER_AGENTS = "crawler-user-agents"
CRAWLER_DETECT = "es6-crawler-detect"


@dataclass(frozen=True, slots=True)
class BotPattern:
    """One bot pattern and where it came from.

    ``name`` is reported on a match; ``None`` reports the matched word instead.
    ``source`` is ``"user"``, ``"jreject"``, ``"crawler-user-agents"``, ``"isbot"`` or
    ``"es6-crawler-detect"``;
    ``category`` one of :data:`jreject.detect.bots.BOT_CATEGORIES`.
    """

    pattern: str
    name: str | None
    source: str
    category: str = "unknown"


#: Named services the bundled lists lack or misfile; asked after crawler-user-agents,
#: whose tags give the category where it names the bot.
SERVICE_BOTS: tuple[tuple[str | None, str, str], ...] = (
    # Search engines, by the names their crawlers use.
    (
        None,
        r"(?i)googlebot|bingbot|bingpreview|adidxbot|yandex[a-z]*bot|yandex(?:images|metrika"
        r"|video|news|blogs|favicons|direct|webmaster|verticals|userproxy|additional)"
        r"|baiduspider|duckduckbot|yahoo! slurp|seznambot|qwantbot|mojeekbot|petalbot|exabot"
        r"|coccocbot|naverbot|\byeti/|seekport|bravebot|archive\.org_bot|ia_archiver|heritrix"
        r"|daumoa|\bdaum[ /]\d",
        "search",
    ),
    # Google's feed fetcher, before its other named fetchers.
    ("FeedFetcher-Google", r"(?i)feedfetcher-google", "feed"),
    # Google's and others' named fetchers: "Google-Site-Verification", "Storebot-Google".
    (None, r"(?i)\bgoogle-[a-z]|[a-z]-google(?:[^a-z]|$)", "search"),
    # AI crawlers and agents (robots.txt tokens too, in case one is sent as a UA).
    ("GPTBot", r"(?i)gptbot|chatgpt-user|oai-searchbot|chatgpt agent", "ai"),
    ("ClaudeBot", r"(?i)claudebot|claude-user|claude-searchbot|claude-web|anthropic-ai", "ai"),
    ("PerplexityBot", r"(?i)perplexitybot|perplexity-user", "ai"),
    ("CCBot", r"(?i)\bccbot", "ai"),
    (
        "Google-Extended",
        r"(?i)google-extended|googleother|google-cloudvertexbot|google-agent",
        "ai",
    ),
    ("Bytespider", r"(?i)bytespider|tiktokspider", "ai"),
    ("Amazonbot", r"(?i)amazonbot|amzn-searchbot|amzn-user", "ai"),
    ("Applebot", r"(?i)applebot", "search"),
    (None, r"(?i)meta-externalagent|meta-externalfetcher|facebookbot|meta-webindexer", "ai"),
    ("cohere-ai", r"(?i)cohere-ai|cohere-training", "ai"),
    ("Diffbot", r"(?i)diffbot", "ai"),
    (
        None,
        r"(?i)mistralai-user|duckassistbot|youbot|timpibot|imagesiftbot|\bomgili"
        r"|ai2bot|iaskspider|chatglm-spider|pangubot|firecrawl|crawl4ai|img2dataset"
        r"|novaact|manus-user|phindbot|kagi-fetcher|petalbot|webzio",
        "ai",
    ),
    # Social link previewers. iMessage sends
    # "… Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0".
    ("facebookexternalhit", r"(?i)facebookexternalhit|facebookcatalog|\bfacebot", "preview"),
    # "TelegramBot (like TwitterBot)" is Telegram.
    ("TelegramBot", r"(?i)telegrambot", "preview"),
    ("Twitterbot", r"Twitterbot", "preview"),
    ("LinkedInBot", r"(?i)linkedinbot", "preview"),
    ("Slackbot", r"(?i)slackbot|slack-imgproxy", "preview"),
    ("Discordbot", r"(?i)discordbot", "preview"),
    ("WhatsApp", r"(?i)^WhatsApp(?:/|$)", "preview"),
    ("Pinterestbot", r"(?i)pinterestbot|pinterest/0\.", "preview"),
    ("Skype", r"(?i)skypeuripreview", "preview"),
    (
        None,
        r"(?i)link ?preview|url ?preview|urlpreview|linkexpander|unfurl|cardyb"
        r"|iframely|embedly|quora link preview|snap url preview|vkshare|redditbot"
        r"|google web preview|yahoomailproxy|googleimageproxy"
        r"|rocket\.chat|zulip|mattermost|nextcloud|synapse/",
        "preview",
    ),
    # Google's and Baidu's transcoding proxies fetch pages for slow phones, posing as
    # the old Android Chrome they were built on.
    ("googleweblight", r"(?i)googleweblight", "preview"),
    ("Google Wireless Transcoder", r"Google Wireless Transcoder", "preview"),
    ("Baidu Transcoder", r"(?i)baidu ?transcoder|baiduboxapp_transcod", "preview"),
    # Mail image proxies: they fetch a message's images once, for every reader.
    (None, r"(?i)googleimageproxy|yahoomailproxy|mailimageproxy|mail image proxy", "preview"),
    # A proxy that fetched on a reader's behalf and says so: "(via ggpht.com …)".
    ("proxy", r"\(via [a-z0-9-]+\.[a-z0-9.-]+", "preview"),
    # Ad verification and brand safety: they render the page to check the ads on it.
    (
        None,
        r"(?i)doubleverify|integral ad science|\bias_crawler|admantx|geoedge|\bconfiant"
        r"|moatbot|adscanner|adstxtcrawler|mediapartners-google|adsbot-google|pagepeeker",
        "seo",
    ),
    # SEO tools, in any capitalisation.
    (
        None,
        r"(?i)ahrefs|semrush|mj12bot|\bdotbot|rogerbot|screaming frog|seokicks|serpstat"
        r"|blexbot|dataforseo|barkrowler|siteauditbot|sitebulb|\boncrawl|megaindex|linkdex"
        r"|seobility|seranking|linkpad|xenu link|jetoctopus|netpeak|contentking|deepcrawl"
        r"|\blumar\b|\bbotify|majestic12|siteimprove|seositecheckup|woorank|spyfu|moz\.com"
        r"|google search console|webmoney advisor",
        "seo",
    ),
    # Health checks and uptime monitors.
    ("ELB-HealthChecker", r"ELB-HealthChecker", "monitor"),
    ("GoogleHC", r"GoogleHC/", "monitor"),
    ("kube-probe", r"kube-probe/", "monitor"),
    ("Consul", r"Consul Health Check", "monitor"),
    (None, r"Amazon-Route53-Health-Check-Service|Amazon CloudFront", "monitor"),
    (None, r"Azure Traffic Manager Endpoint Monitor|^AlwaysOn$|Edge Health Probe", "monitor"),
    (
        None,
        r"(?i)uptimerobot|pingdom|statuscake|site24x7|uptime[- ]?kuma|betteruptime"
        r"|better uptime|better stack|hetrixtools|freshping|nodeping|newrelicpinger"
        r"|datadog|checkly|catchpoint|thousandeyes|ruxitsynthetic|dynatrace|appdynamics"
        r"|zabbix|nagios|icinga|check_http|monitoring-plugins|^monit/|prometheus/"
        r"|blackbox exporter|updown\.io|ohdear|oh dear|hyperping|cronitor|uptrends|uptimia"
        r"|gatus/|upptime|statuspage|instatus|montastic|pingbreak|host-tracker|hosttracker"
        r"|uptime\.com|jetmon/|site monitor|healthcheck|health-check|health check"
        r"|dejaclick|alertsite|gomezagent|ghost inspector|cloudflare|taginspector"
        r"|cybaaagent|assetnote|convertify|yunjiankong|\(iplabel;",
        "monitor",
    ),
    # Performance audits.
    (
        None,
        r"(?i)lighthouse|page ?speed|gtmetrix|\bptst/|webpagetest"
        r"|speedcurve|calibreapp|debugbear|yellowlab",
        "monitor",
    ),
    # Headless and automated browsers.
    (None, r"(?i)headless", "headless"),
    ("PhantomJS", r"(?i)phantomjs", "headless"),
    (
        None,
        r"(?i)puppeteer|playwright|selenium|webdriver|slimerjs|jsdom/|zombie\.js"
        r"|htmlunit|nightmare/|cypress/|prerender|rendertron|browserless|splash/|electron-render"
        r"|wechatdevtools|qcloudcdn",
        "headless",
    ),
    # Feed readers and podcast fetchers.
    (
        None,
        r"(?i)^feedly|feedly\.com|feedbin|inoreader|newsblur|tiny tiny rss|freshrss|miniflux"
        r"|netnewswire|feedspot|theoldreader|feedburner|bloglovin|feedparser|simplepie"
        r"|magpierss|superfeedr|feedvalidator|rss2email|liferea|akregator|quiterss|rssowl"
        r"|newsgator|feedfetcher|feed ?fetcher|feed ?reader|feed ?parser|rss ?reader"
        r"|rss ?bot|antennapod|podbean|pocketcasts|overcast/|castro/"
        r"|flipboard(?:proxy|rss)|feeder\.co|newsify",
        "feed",
    ),
)

#: HTTP libraries, command-line clients, scanners and downloaders: their default
#: User-Agents, usually the whole header. Asked after the crawler list, so that
#: "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient …)" is LinkedInBot.
LIBRARY_BOTS: tuple[tuple[str | None, str, str], ...] = (
    # HTTP libraries and command-line clients. Default User-Agents, usually the
    # whole header; anchored where the bare word is also a product name.
    ("curl", r"(?i)(?:^|[\s(])(?:lib)?curl[/\s]|^curl$|pycurl", "library"),
    ("Wget", r"(?i)\bwget\b", "library"),
    ("python-requests", r"(?i)python-requests", "library"),
    ("python-httpx", r"(?i)python-httpx", "library"),
    ("python-urllib", r"(?i)python-urllib", "library"),
    ("aiohttp", r"(?i)aiohttp", "library"),
    ("Python", r"(?i)^python(?:[\s/-]|$)", "library"),
    ("Go-http-client", r"(?i)go-http-client|^Go [\d.]+ package http|go-resty|fasthttp", "library"),
    ("okhttp", r"(?i)okhttp", "library"),
    (
        "Java",
        r"(?i)^java/\d|java-http-client|jakarta commons-httpclient|apache-httpclient"
        r"|apache-httpasyncclient|reactornetty|vert\.x-webclient|\bjava/1\.\d",
        "library",
    ),
    ("libwww-perl", r"(?i)libwww-perl|^lwp[:-]|http-tiny/|mojolicious", "library"),
    (None, r"(?i)node-fetch|^undici|^node$|^node/\d|node-superagent|^axios/|^got[/\s(]", "library"),
    ("Deno", r"^Deno/\d", "library"),
    ("Bun", r"^Bun/\d", "library"),
    (None, r"(?i)^ruby$|^ruby/|faraday v\d|rest-client/|http\.rb/|typhoeus|httpclient/", "library"),
    (None, r"(?i)guzzlehttp|^php/|symfony httpclient|zend_http_client|laminas_http", "library"),
    # .NET's clients; its SOAP client says "(compatible; MSIE 6.0; MS Web Services Client
    # Protocol 4.0.30319.…)", an IE 6 that is none.
    (
        None,
        r"(?i)restsharp/|winhttp|microsoft-cryptoapi|microsoft bits/|\.net clr httpclient"
        r"|ms web services client protocol",
        "library",
    ),
    (None, r"(?i)^reqwest/|^hyper/|^ureq/|^isahc/|^surf/", "library"),
    ("Dart", r"^Dart/\d", "library"),
    ("PowerShell", r"(?i)powershell/", "library"),
    (None, r"(?i)http[_-]?(?:client|request|lib|get)|\bjava/\d|\bperl/\d", "library"),
    # Office's link check from Word, Excel, PowerPoint. Outlook's own "Microsoft
    # Office/16.0 (…; Microsoft Outlook …)" and "(compatible; ms-office; MSOffice 16)"
    # fetch what a person opened, as a browser would: isbot and matomo call them browsers.
    (None, r"(?i)microsoft office (?:word|excel|powerpoint)", "library"),
    (
        None,
        r"(?i)postmanruntime/|^insomnia/|^paw/|^rapidapi/|thunder client|^bruno/|hoppscotch",
        "library",
    ),
    (None, r"(?i)^aria2/|^lftp/|^fetch libfetch", "library"),
    (
        None,
        r"(?i)\bnuclei\b|masscan|zgrab|nmap scripting|sqlmap|nikto|wpscan|dirbuster"
        r"|gobuster|^ffuf|^feroxbuster|burpcollaborator|\bacunetix|qualys|openvas|nessus",
        "library",
    ),
    (
        None,
        r"(?i)microsoft office (?:existence|protocol) discovery"
        r"|microsoft-webdav-miniredir|microsoft data access|microsoft url control"
        r"|windows-update-agent|microsoft windows network diagnostics|captivenetworksupport"
        r"|embarcadero uri client",
        "library",
    ),
    (
        None,
        r"(?i)flashget|getright/|download ?master|download ?manager|jdownloader"
        r"|free download manager|^fdm[/\s]\d|torrent|transmission/|deluge/|^axel/|httrack"
        r"|webcopier|webzip|teleport ?pro|offline explorer|sitesucker|webreaper|\bpavuk",
        "library",
    ),
)

#: The "(compatible; Name/1.0" form a bot names itself in (group ``name``).
COMPATIBLE_FORM = r"\(compatible; ?(?P<name>[A-Za-z][\w.!-]*)/v?\d"

#: Words bots put in their names, for the bots no list knows yet. Each matches the
#: word's tail only (``bot`` of ``FooBot``): a leading ``[a-z]*`` would make the
#: search quadratic on a long User-Agent. The matcher widens the match to the word.
#: ``Cubot`` is an Android phone brand.
GENERIC_BOTS: tuple[tuple[str | None, str, str], ...] = (
    # "bot" or "bots" not after "cu" and not before a letter; Huawei model codes
    # look like "BOT-AL00" (three letters, dash, one or two letters, a digit).
    (
        None,
        r"(?is)(?:^.?|[^c].|.[^u])(?P<at>bots?)"
        r"(?:$|[^a-z-]|-(?:$|[^a-z]|[a-z](?:$|[^a-z\d]|[a-z](?:$|\D))))",
        "unknown",
    ),
    (None, r"(?i)crawler|crawling|spider|scraper|scraping", "unknown"),
    (
        None,
        r"(?i)fetcher|checker|validator|monitor|archiver|indexer|scanner|synthetic"
        r"|classifier|measurement",
        "unknown",
    ),
    # "feed" but not "feedback", nor "Feedly/1.0 (iPhone; …)", which after a WebView
    # User-Agent is the Feedly app's browser.
    (
        None,
        r"(?i)\brss|(?P<at>feed)(?:$|[^bl]|b(?:$|[^a]|a(?:$|[^c]|c(?:$|[^k])))"
        r"|l(?:$|[^y]|y(?:$|[^/]|/(?:$|\D))))|(?:^|[^q])download|screenshot|\bcron\b",
        "unknown",
    ),
    ("url in User-Agent", r"(?i)https?://|\+https?|www\.[a-z0-9-]+\.", "unknown"),
    # The classic bot form "(compatible; Name/1.0 …)", minus the old browsers that
    # used it (COMPATIBLE_BROWSERS); and a bare "Mozilla/5.0 (compatible)".
    (None, COMPATIBLE_FORM, "unknown"),
    # The same form after a browser's own comment, or without a version:
    # "… Safari/537.36 (compatible; Name)", "Mozilla/5.0 (Windows NT 6.1; compatible; Name/2)".
    (None, r"; compatible; ?(?P<name>[A-Za-z][\w.!-]*)/v?\d", "unknown"),
    (None, r"[(;] ?compatible; ?(?P<name>[A-Za-z][\w.!-]*(?: [A-Za-z][\w.!-]*)?)\)", "unknown"),
    # A millisecond timestamp as a product version: scripts stamping their requests.
    ("timestamped", r"\bTime/\d{13}\b", "unknown"),
    ("Mozilla/compatible", r"^Mozilla/\d\.\d+ \(compatible;?\)$", "unknown"),
    # "Mozilla/5.0 (Hydra)", "Mozilla/5.0 (Exchange check)": a browser's comment lists
    # its platform with ";" between the parts, and an engine or a product follows it.
    ("Mozilla/(name)", r"^Mozilla/\d\.\d+ \([^();]*\)$", "unknown"),
    # Template characters no browser sends: "${jndi:…}", "{{.ua}}", a backtick; probes
    # and unfilled placeholders. (IE toolbars do send single braces, "SIMBAR={…}", log
    # excerpts keep a stray quote or backslash at the end, and "<…>" is left to the
    # other rules: a User-Agent with markup in it is at worst an unknown browser.)
    ("unusual characters", r"`|\$\{|\{\{", "unknown"),
    # One long run of base64 ("U2FsdGVkX1+…"): an encrypted token, not a browser.
    ("encoded User-Agent", r"^[A-Za-z0-9+/=]{48,}$", "unknown"),
    # A contact address, spelled out or not ("crawl at example dot com"): operators sign
    # their crawlers so; no browser carries one.
    (
        "email in User-Agent",
        r"(?i)[a-z0-9]@[a-z0-9-]+\.[a-z]|\(at\)[a-z]|\[at\][a-z]|\w at [a-z0-9-]+ dot [a-z]",
        "unknown",
    ),
    # A browser's User-Agent with a script's name in front: "Thumbor/6.7.5, Mozilla/5.0
    # (…)", "Anonymous, Mozilla/5.0 …", "iphone|Mozilla/5.0 …". Browsers start with it.
    ("prefixed User-Agent", r"^[^(]{1,60}[,|] ?Mozilla/\d", "unknown"),
)

#: crawler-user-agents patterns that flag real browsers, each with its replacement
#: (``None``: dropped). Checked by ``tests/detect/test_bots.py``.
PACKAGE_OVERRIDES: dict[str, str | None] = {
    # An Instagram in-app browser on an OPPO phone, listed as a scanner because of
    # one Android build id: every phone on that build would be a "bot".
    r"AP3A\.240617\.008": None,
    # Electron apps (VS Code, Trae, Notion, Asana, Grammarly desktop) put their name
    # in the UA; only their server-side fetchers are bots, and those start with it.
    r"Code\/1\.": None,
    r"Trae\/": None,
    r"Notion\/": r"^Notion/",
    r"Asana\/": r"^Asana/",
    r"Grammarly\/": r"^Grammarly/",
    # Meta's in-app browser (MetaIAB) is a WebView people browse in.
    "MetaIAB Facebook": None,
    # Fluid is a macOS site-specific browser, not automation.
    "Fluid": None,
    # App names whose in-app browsers or WebViews add the same token.
    r"Tumblr\/": r"^Tumblr/",
    "Viber": r"^Viber(?:/|$)",
    "WhatsApp": r"^WhatsApp(?:/|$)",
    r"PayPal\/": r"^PayPal/",
    r"Stripe\/": r"^Stripe/",
    r"Klaviyo\/": r"^Klaviyo/",
    r"Overcast\/": r"^Overcast/",
    r"PocketCasts\/": r"^PocketCasts/",
    # Slack's desktop app says "Sonic Slack_SSB/4.41"; the crawlers say "Sonic/1.0".
    "Sonic": r"(?:^|[\s;(])Sonic/|RankSonic",
    # Feedly's iOS app appends "Feedly/1.0" to its WebView; its fetcher starts with it.
    "Feedly": r"^Feedly",
    # Sogou's own browser and search app say "Sogou" too; its spiders say "spider".
    "Sogou": r"Sogou.{0,20}(?:[Ss]pider|inst|Orion|head|Push)",
    # Short tokens that also occur inside longer words or version strings.
    r"008\/": r"(?:^|[\s;(])008/",
    r"RED\/": r"(?:^|[\s;(])RED/",
    r"NING\/": r"(?:^|[\s;(])NING/",
    r"BW\/": r"(?:^|[\s;(])BW/",
    r"Make\/": r"^Make/",
    r"Fetch\/": r"(?:^|[\s;(])Fetch/",
    "ds9": r"^ds9 ",
    "Jumio": r"^Jumio",
    "GoPay": r"^GoPay",
    "Magellan": r"^Magellan",
    "Adventurer": r"^Adventurer",
    # Ask Jeeves' Teoma crawler, not the Teoma toolbar an old IE lists in its comment
    # ("MSIE 6.0; Windows 98; TeomaBar 2.01").
    "Teoma": r"Teoma(?:$|[^B])",
}

#: isbot patterns that flag real browsers, each with its replacement (``None``:
#: dropped). Keys are the patterns as bundled (translated to RE2 syntax); checked by
#: ``tests/detect/test_bots.py``.
ISBOT_OVERRIDES: dict[str, str | None] = {
    # One bare token, or a product and a version before a comma: jreject's own
    # bare-token rule reads that class, with its exceptions (text browsers, a lone
    # device model); isbot's also takes UC Browser's compact "dv(iPh10,1);pr(…)".
    r"^[\w \.\-\(?:\):%]+(?:/v?\d+(?:\.\d+)?(?:\.\d{1,10})*?)?(?:,|$)": None,
    # "SAMSUNG-GT-S7230-VODAFONE/1.0;", "ce-html/1.0;": feature phones and TVs.
    r"\b\w+/1\.0;": None,
    # Long single-token User-Agents: in-app browsers' compact formats too.
    r"^[^ ]{50,}$": None,
    # "2.1.0 (Linux; U; Android 7.0; …)": an app's version first, then the phone.
    r"^\d+\b": None,
    # "Java/Jbed" and "java_c_…" on feature phones; Java's HTTP clients are in LIBRARY_BOTS.
    r"java(?!;)": None,
    # Google TV, "asus_google_cube": televisions, not Google's fetchers. An app's own id
    # ("com.google.GooglePlus/29676", "com.google.Maps") or its store ("GooglePlayStore")
    # in an in-app browser's UA is not one either, nor Google Earth's built-in browser,
    # which opens the pages its places link to ("… Google Earth/7.3 Safari/…"; the
    # app's own KML fetches say "GoogleEarth/7.3(…)"). Nor the Google Toolbar an old IE
    # lists in its comment ("MSIE 8.0; …; GoogleT5;", "Google Toolbar 7.0"): a person's
    # (a lookaround holds text only, so the toolbar's versions are spelled out).
    r"(?<! channel/|google/)google(?!(?:wv|app|/google| pixel))": (
        r"(?<! channel/|google/|com\.)google"
        r"(?!(?:wv|app|/google| pixel|tv| tv|_|play|plus| earth|t2|t3|t4|t5|t6|t7| toolbar))"
    ),
    # UC Browser's compact format has "up();"; jreject's rules read empty products.
    r"\(\)": None,
    # "Digital AlphaServer", "server-bag [iPhone OS…]": a machine's or a daemon's name;
    # "Windows Server 2012 R2 Standard; x64": the OS a browser runs on.
    "server": r"(?<!alpha|windows )server(?!-bag)",
    # NetSurf is a browser (RISC OS, Haiku, Linux), and so is BrowseX (X11, Windows).
    "^netsurf": None,
    "browsex": None,
    # A capability note in a feature phone's browser: Opera Mini's "(HTTPS)", MAUI's
    # "(HTTP PGDL;HTTPS)".
    "(?<!lib)http": r"(?<!lib|\(|;)http",
    # "OMI/4.21.4.112.Catcher4.69": the media platform of Opera's TV builds.
    "catch": r"(?<!\.)catch",
    # Google Chrome Frame, a plug-in of IE 6-9 that people browsed with.
    "chromeframe": None,
    # Sogou's mobile browser and its search app ("SogouMSE,SogouMobileBrowser/5.28",
    # "SogouSearch Android1.0") are browsers people read in, and an app's channel id
    # may end in "_sogou…"; Sogou's crawlers say "Sogou web spider", "Sogou-Test-Spider".
    # isbot's fixtures list one "AWP/2.0 SogouMSE,SogouMobileBrowser" UA as a crawler;
    # matomo's list the same shape many times as the browser, which it is.
    "sogou": r"(?:^|[^\w])sogou(?!mse|mobilebrowser|search)",
    # "NewsBreak/24.2", "Newsday_N2+": news apps' in-app browsers and phones; the
    # news crawlers the lists name are asked before this.
    "(?:^|[^g])news(?!sapphire)": None,
    # "Feedly/1.0 (iPhone; …)" after a WebView is Feedly's in-app browser; jreject's
    # own "feed" rule knows that (and "feedback").
    "feed": None,
    # A domain, not an app's reverse-domain id ("[air.com.A888poker/1.0]", "com.x.y").
    r"\.com\b": r"\.com\b(?!\.)",
    # A proxy fetching for someone, not a browser saying it fetches without one
    # (Palm's WebPro: "Tungsten Proxyless 1.1").
    "proxy": r"proxy(?!less)",
    # "24x7" monitors, not a "1024x768" screen size (UC Browser's compact format).
    "24x7": r"(?:^|\D)24x7(?:$|\D)",
    # "QQDownload 691;" is an IE toolbar's token.
    "download": r"(?<!qq)download",
    # WeChat's in-app browser names the process it runs in: "Process/tools",
    # "Process/toolsmp" (its mini-program host), not a tool.
    "tools": r"(?<!process/)tools",
    # A browser's User-Agent edited to drop its "Mozilla/5.0" starts with the platform
    # comment, "(Windows NT 10.0; Win64; x64) AppleWebKit/…"; probes that start with
    # "<", ";" or another "(" ("() { :; };") stay bots.
    r"^[<\(;]": r"^[<;]|^\((?!windows|macintosh|x11|linux|iphone|ipad)",
    # FirePHP, a developer's extension, adds its token to the browser's own User-Agent.
    "firephp": None,
    # Splashtop, an instant-on Linux, browsed with Firefox ("(Splashtop-v1.4.6.10)");
    # the Splash renderer stays a bot.
    "splash": r"splash(?!top)",
    # "Name/1.0 (contact)" is a script's, but a device's own browser may send the same
    # shape ("Acme_CONSOLE_browser/2.0 (Japanese)"): the name group lets the matcher
    # see that the product calls itself a browser.
    r"^\w+/\d\.\d\s\([\w@]+\)$": r"^(?P<name>\w+)/\d\.\d\s\([\w@]+\)$",
}


#: crawler-user-agents patterns whose tag gives a category that misleads an operator,
#: each with jreject's (a service's own description says which). Checked by
#: ``tests/detect/test_bots.py``.
CATEGORY_OVERRIDES: dict[str, str] = {
    # Tagged "search-engine"; Amazon says Amazonbot's crawl may train its AI models.
    "Amazonbot": "ai",
    # Tagged "seo"; Diffbot sells its crawl as a knowledge graph for AI.
    r"Diffbot\/": "ai",
    # Tagged "seo"; WordPress core's HTTP API (pingbacks, oEmbed, update checks).
    r"WordPress\/": "library",
    # Tagged "seo"; Vercel's page thumbnailer.
    "vercel-screenshot": "preview",
}


#: Crawler-Detect patterns that flag what people browse with, each with its
#: replacement (``None``: dropped). Keys are the patterns as bundled; checked by
#: ``tests/detect/test_bots.py``. A pattern spelled as in crawler-user-agents
#: ("Asana\/", "Feedly") takes that list's override (``PACKAGE_OVERRIDES``) unless
#: it has one here. Crawler-Detect calls these crawlers; jreject's stance
#: (docs/bots.md) is that a fetch a program makes for the person using it is not.
CRAWLER_DETECT_OVERRIDES: dict[str, str | None] = {
    # Its catch-all of generic words ("bot", "reader", "cron", "checker" …) also takes
    # "Cronet", "BOTECH", readers' apps: isbot's generic words and jreject's rules read
    # that class, with their exceptions.
    (
        r"[a-z0-9\-_]*(bot|crawl|archiver|transcoder|spider|uptime|validator|fetcher|cron"
        r"|checker|reader|extractor|monitoring|analyzer|scraper)"
    ): None,
    # Browsers: Flock (a Firefox build), AmigaVoyager, Lynx's and Mosaic's "libwww-FM",
    # "libwww/2.12" (libwww-perl is among jreject's HTTP libraries), Ladybird's
    # "LibWeb+LibJS/1.0 Ladybird/1.0".
    r"Flock\/": None,
    "LibWeb": None,
    r"voyager\/": r"(?:^|[\s;(])voyager/",
    "libwww": None,
    # Outlook and Office show mail and documents with IE's engine; their own fetches
    # name them ("Microsoft Office/16.0 (…; Microsoft Outlook …)").
    "Microsoft Office": None,
    "Microsoft Outlook": None,
    "Outlook-Express": None,
    "Outlook-iOS": None,
    r"MacOutlook\/": None,
    # Slack's desktop app (Electron) says "Slack/4.4.2"; its fetchers say "Slackbot".
    r"Slack\/": None,
    # Toolbars of 2000s browsers: "QQDownload 691;", "PeoplePal 3.0", "LycosDE1",
    # "SCREAMING_IE5_V2", "Updated-1-22-2004" in IE's comment, "StumbleUpon/1.998"
    # after Firefox. StumbleUpon's fetcher says "StumbleUpon;" or "stumbleupon.com".
    "QQDownload": None,
    "PeoplePal": None,
    "lycos": None,
    "Screaming": "Screaming Frog",
    "updated": r"^updated/",
    "StumbleUpon": r"StumbleUpon(?:$|[^/])",
    # Firefox for Android's own "MozacFetch/…".
    r"Fetch\/[0-9]": r"(?:^|[\s;(])Fetch/[0-9]",
    # Electron apps, as in PACKAGE_OVERRIDES; Ask Jeeves' Teoma, not the TeomaBar toolbar.
    "Grammarly": r"^Grammarly",
    "teoma": r"teoma(?:$|[^b])",
    # "HbbTV/1.5.1 (+DRM;BOTECH;ATV R2;Demo 1.0;Demonstration only;TVs;)": a television
    # in a shop's demo mode; the crawler says "Demon/".
    "Demon": r"Demon(?:$|[^s])",
    # Yandex's apps name their package ("com.yandex.zen", "ru.yandex.searchplugin")
    # in the WebView's User-Agent.
    "Yandex(?!Search)": r"(?:^|[^.])Yandex(?!Search)",
    # Names that, matched without regard to case, sit inside others: "TIANYU-KTOUCH"
    # (a phone); Syllable's own browser says "Webster 0.1".
    "NYU": r"\bnyu\b",
    "Webster": r"^Webster",
}


def built_in_patterns(data: Mapping[str, Any]) -> tuple[BotPattern, ...]:
    """Every built-in pattern of the bot data ``data``, in the order the matcher asks:
    crawler-user-agents', jreject's own, isbot's, Crawler-Detect's, each list's
    overrides applied. Bot data from an older jreject may hold no Crawler-Detect list."""
    return (
        *_crawler_patterns(data[CRAWLER_USER_AGENTS]),
        *(BotPattern(p, name, "jreject", category) for name, p, category in SERVICE_BOTS),
        *(BotPattern(p, name, "jreject", category) for name, p, category in LIBRARY_BOTS),
        *(BotPattern(p, name, "jreject", category) for name, p, category in GENERIC_BOTS),
        *_case_blind(data[ISBOT], ISBOT_OVERRIDES, ISBOT),
        # Asked last, so they only add bots the lists before them miss.
        *_case_blind(
            data.get(CRAWLER_DETECT, ()),
            {**PACKAGE_OVERRIDES, **CRAWLER_DETECT_OVERRIDES},
            CRAWLER_DETECT,
        ),
    )


def _crawler_patterns(entries: list[dict[str, str]]) -> list[BotPattern]:
    patterns: list[BotPattern] = []
    for entry in entries:
        pattern = PACKAGE_OVERRIDES.get(entry["pattern"], entry["pattern"])
        if pattern is not None:
            category = CATEGORY_OVERRIDES.get(entry["pattern"], entry["category"])
            patterns.append(BotPattern(pattern, None, CRAWLER_USER_AGENTS, category))
    return patterns


def _case_blind(
    entries: Sequence[dict[str, str]], overrides: Mapping[str, str | None], source: str
) -> list[BotPattern]:
    """The JavaScript patterns of ``source`` as RE2 ones, overridden, matched ignoring case.

    isbot's patterns are generic signs ("crawl", "headless", one bare token), and
    Crawler-Detect's name crawlers but give no tags: either way the category is
    "unknown" and the name the matched word."""
    found: list[BotPattern] = []
    for entry in entries:
        pattern: str | None = entry["re2"]
        if entry["pattern"] in overrides:
            replacement = overrides[entry["pattern"]]
            pattern = None if replacement is None else translate(replacement)
        if pattern is not None:
            found.append(BotPattern("(?i)" + pattern, None, source, "unknown"))
    return found
