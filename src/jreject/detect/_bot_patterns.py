"""jreject's own bot patterns: what the crawler-user-agents list misses or gets wrong.

Each entry is ``(name, regex)``. ``name`` is what :class:`~jreject.detect.bots.BotMatcher`
reports; ``None`` reports the matched text instead (the generic rules at the end,
whose match *is* the bot's name, e.g. ``FooBot``). Regexes are Python ``re`` syntax,
matched with ``search``; write ``(?i)`` where the spelling varies in the wild.
Every regex must contain plain text of three or more characters, or be split by
``|`` into branches that do, so the literal prefilter can select it.
"""

from __future__ import annotations

__all__ = ["EXTRA_BOTS", "GENERIC_BOTS", "PACKAGE_OVERRIDES", "TEXT_BROWSERS"]

EXTRA_BOTS: tuple[tuple[str | None, str], ...] = (
    # HTTP libraries and command-line clients. Default User-Agents, usually the
    # whole header; anchored where the bare word is also a product name.
    ("curl", r"(?i)(?:^|[\s(])(?:lib)?curl[/\s]|^curl$|pycurl"),
    ("Wget", r"(?i)\bwget\b"),
    ("python-requests", r"(?i)python-requests"),
    ("python-httpx", r"(?i)python-httpx"),
    ("python-urllib", r"(?i)python-urllib"),
    ("aiohttp", r"(?i)aiohttp"),
    ("Python", r"(?i)^python(?:[\s/-]|$)"),
    ("Go-http-client", r"(?i)go-http-client|^Go [\d.]+ package http|go-resty|fasthttp"),
    ("okhttp", r"(?i)okhttp"),
    (
        "Java",
        r"(?i)^java/\d|java-http-client|jakarta commons-httpclient|apache-httpclient"
        r"|apache-httpasyncclient|reactornetty|vert\.x-webclient|\bjava/1\.\d",
    ),
    ("libwww-perl", r"(?i)libwww-perl|^lwp[:-]|http-tiny/|mojolicious"),
    ("node-fetch", r"(?i)node-fetch|^undici|^node$|^node/\d|node-superagent|^axios/|^got[/\s(]"),
    ("Deno", r"^Deno/\d"),
    ("Bun", r"^Bun/\d"),
    ("Ruby", r"(?i)^ruby$|^ruby/|faraday v\d|rest-client/|http\.rb/|typhoeus|httpclient/"),
    ("PHP", r"(?i)guzzlehttp|^php/|symfony httpclient|zend_http_client|laminas_http"),
    (".NET", r"(?i)restsharp/|winhttp|microsoft-cryptoapi|microsoft bits/|\.net clr httpclient"),
    ("Rust", r"(?i)^reqwest/|^hyper/|^ureq/|^isahc/|^surf/"),
    ("Dart", r"^Dart/\d"),
    ("PowerShell", r"(?i)powershell/"),
    (
        "Postman",
        r"(?i)postmanruntime/|^insomnia/|^paw/|^rapidapi/|thunder client|^bruno/|hoppscotch",
    ),
    ("aria2", r"(?i)^aria2/|^lftp/|^fetch libfetch"),
    (
        "scanner",
        r"(?i)\bnuclei\b|masscan|zgrab|nmap scripting|sqlmap|nikto|wpscan|dirbuster"
        r"|gobuster|^ffuf|^feroxbuster|burpcollaborator|\bacunetix|qualys|openvas|nessus",
    ),
    # Health checks and uptime monitors.
    ("ELB-HealthChecker", r"ELB-HealthChecker"),
    ("GoogleHC", r"GoogleHC/"),
    ("kube-probe", r"kube-probe/"),
    ("Consul", r"Consul Health Check"),
    ("Route53", r"Amazon-Route53-Health-Check-Service|Amazon CloudFront"),
    ("Azure", r"Azure Traffic Manager Endpoint Monitor|^AlwaysOn$|Edge Health Probe"),
    (
        "monitor",
        r"(?i)uptimerobot|pingdom|statuscake|site24x7|uptime-?kuma|betteruptime"
        r"|better uptime|better stack|hetrixtools|freshping|nodeping|newrelicpinger"
        r"|datadog|checkly|catchpoint|thousandeyes|ruxitsynthetic|dynatrace|appdynamics"
        r"|zabbix|nagios|icinga|check_http|monitoring-plugins|^monit/|prometheus/"
        r"|blackbox exporter|updown\.io|ohdear|oh dear|hyperping|cronitor|uptrends|uptimia"
        r"|gatus/|upptime|statuspage|instatus|montastic|pingbreak|host-tracker|hosttracker"
        r"|uptime\.com|jetmon/|site monitor|healthcheck|health-check|health check",
    ),
    # Performance audits.
    (
        "Lighthouse",
        r"(?i)chrome-lighthouse|lighthouse/|page ?speed|gtmetrix|\bptst/|webpagetest"
        r"|speedcurve|calibreapp|debugbear|yellowlab",
    ),
    # Headless and automated browsers.
    ("HeadlessChrome", r"(?i)headless"),
    ("PhantomJS", r"(?i)phantomjs"),
    (
        "automation",
        r"(?i)puppeteer|playwright|selenium|webdriver|slimerjs|jsdom/|zombie\.js"
        r"|htmlunit|nightmare/|cypress/|prerender|rendertron|browserless|splash/|electron-render",
    ),
    # AI crawlers and agents (robots.txt tokens too, in case one is sent as a UA).
    ("GPTBot", r"(?i)gptbot|chatgpt-user|oai-searchbot|chatgpt agent"),
    ("ClaudeBot", r"(?i)claudebot|claude-user|claude-searchbot|claude-web|anthropic-ai"),
    ("PerplexityBot", r"(?i)perplexitybot|perplexity-user"),
    ("CCBot", r"(?i)\bccbot"),
    ("Google-Extended", r"(?i)google-extended|googleother|google-cloudvertexbot|google-agent"),
    ("Bytespider", r"(?i)bytespider|tiktokspider"),
    ("Amazonbot", r"(?i)amazonbot|amzn-searchbot|amzn-user"),
    ("Applebot", r"(?i)applebot"),
    ("Meta", r"(?i)meta-externalagent|meta-externalfetcher|facebookbot|meta-webindexer"),
    ("cohere-ai", r"(?i)cohere-ai|cohere-training"),
    ("Diffbot", r"(?i)diffbot"),
    (
        "AI agent",
        r"(?i)mistralai-user|duckassistbot|youbot|timpibot|imagesiftbot|\bomgili"
        r"|ai2bot|iaskspider|chatglm-spider|pangubot|firecrawl|crawl4ai|img2dataset"
        r"|novaact|manus-user|phindbot|kagi-fetcher|petalbot|webzio",
    ),
    # Social link previewers. iMessage sends
    # "… Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0".
    ("facebookexternalhit", r"(?i)facebookexternalhit|facebookcatalog|\bfacebot"),
    ("Twitterbot", r"(?i)twitterbot"),
    ("LinkedInBot", r"(?i)linkedinbot"),
    ("Slackbot", r"(?i)slackbot|slack-imgproxy"),
    ("Discordbot", r"(?i)discordbot"),
    ("TelegramBot", r"(?i)telegrambot"),
    ("WhatsApp", r"^WhatsApp(?:/|$)"),
    ("Pinterestbot", r"(?i)pinterestbot|pinterest/0\."),
    ("Skype", r"(?i)skypeuripreview"),
    (
        "preview",
        r"(?i)link ?preview|url ?preview|urlpreview|linkexpander|unfurl|cardyb"
        r"|iframely|embedly|quora link preview|snap url preview|vkshare|redditbot"
        r"|google web preview|yahoomailproxy|googleimageproxy|outlook-iOS-android"
        r"|rocket\.chat|zulip|mattermost|nextcloud|synapse/|matrix",
    ),
    # Feed readers and podcast fetchers.
    (
        "feed",
        r"(?i)feedly|feedbin|inoreader|newsblur|tiny tiny rss|freshrss|miniflux"
        r"|netnewswire|feedspot|theoldreader|feedburner|bloglovin|feedparser|simplepie"
        r"|magpierss|superfeedr|feedvalidator|rss2email|liferea|akregator|quiterss|rssowl"
        r"|newsgator|feedfetcher|feed ?fetcher|feed ?reader|feed ?parser|rss ?reader"
        r"|rss ?bot|podcast ?addict|antennapod|podbean|pocketcasts|overcast/|castro/"
        r"|flipboard|feeder\.co|newsify",
    ),
)

#: Words bots put in their names, for the bots no list knows yet. Each matches the
#: word's tail only (``bot`` of ``FooBot``): a leading ``[a-z]*`` would make the
#: search quadratic on a long User-Agent. The matcher widens the match to the word.
#: ``Cubot`` is an Android phone brand.
GENERIC_BOTS: tuple[tuple[str | None, str], ...] = (
    (None, r"(?i)(?<!cu)bots?(?![a-z])"),
    (None, r"(?i)crawler|crawling|spider|scraper|scraping"),
    (None, r"(?i)fetcher|checker|validator|monitor|archiver|indexer"),
    ("url in User-Agent", r"(?i)https?://|\+https?|www\.[a-z0-9-]+\."),
    ("email in User-Agent", r"(?i)[a-z0-9]@[a-z0-9-]+\.[a-z]|\(at\)[a-z]|\[at\][a-z]"),
)

#: Single-token text-mode browsers: real people, real pages, no "Mozilla".
TEXT_BROWSERS: tuple[str, ...] = ("w3m", "lynx", "links", "elinks", "browsh", "dillo", "netsurf")

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
    # Two spider patterns whose unbounded middle makes a long User-Agent quadratic.
    r"Spider[\s\S]*spider\.com": r"Spider[^\n]{0,200}?spider\.com",
    r"ContextualBot[\s\S]*outcomes\.net": r"ContextualBot[^\n]{0,200}?outcomes\.net",
    r"Current[\s\S]*RSS Reader": r"Current[^\n]{0,200}?RSS Reader",
}
