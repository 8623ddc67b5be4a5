from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docs_snippets import blocks
from jreject.config import config_from_dict
from jreject.data import bot_index, bot_patterns
from jreject.data.bots import load_bot_data, translate
from jreject.detect import _bot_patterns, bots
from jreject.detect.bots import (
    BOT_CATEGORIES,
    MAX_SCAN,
    BotMatcher,
    compile_bot_pattern,
    load_crawler_user_agents,
)

from .botcorpus import BOTS, NOT_BOTS, read_corpus

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
IMESSAGE = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) "
    "Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0"
)
BOT_CASES = read_corpus(BOTS)
BROWSER_CASES = read_corpus(NOT_BOTS)


@pytest.fixture(scope="module")
def matcher() -> BotMatcher:
    return BotMatcher()


def _ids(cases):
    return [f"{category}-{i}" for i, (category, _) in enumerate(cases)]


def test_corpora_are_big_enough_and_cover_every_category():
    assert len(BOT_CASES) >= 150
    assert len(BROWSER_CASES) >= 150
    bot_categories = {c for c, _ in BOT_CASES}
    assert bot_categories >= {
        "search", "seo", "monitor", "lighthouse", "headless", "http-library", "feed", "ai",
        "social",
    }  # fmt: skip
    assert {c for c, _ in BROWSER_CASES} >= {"in-app", "tv", "console", "electron", "text"}


@pytest.mark.parametrize(("category", "ua"), BOT_CASES, ids=_ids(BOT_CASES))
def test_bot_corpus_is_reported_as_bots(matcher, category, ua):
    assert matcher(ua) is not None


@pytest.mark.parametrize(("category", "ua"), BROWSER_CASES, ids=_ids(BROWSER_CASES))
def test_real_browsers_are_not_bots(matcher, category, ua):
    assert matcher(ua) is None


def test_every_instance_of_the_crawler_list_is_a_bot_unless_we_dropped_its_pattern(matcher):
    dropped = {p for p, replacement in bot_patterns.PACKAGE_OVERRIDES.items() if not replacement}
    missed = [
        ua
        for entry in load_crawler_user_agents()
        if entry["pattern"] not in dropped
        for ua in entry.get("instances", ())
        if matcher(ua) is None
    ]
    assert missed == []


def test_every_override_names_a_pattern_the_bundled_lists_still_have():
    # A data update that renames a pattern must not leave its override silently idle.
    data = load_bot_data()
    crawlers = {entry["pattern"] for entry in data["crawler-user-agents"]}
    assert set(bot_patterns.PACKAGE_OVERRIDES) <= crawlers
    assert set(bot_patterns.CATEGORY_OVERRIDES) <= crawlers
    assert set(bot_patterns.ISBOT_OVERRIDES) <= {entry["pattern"] for entry in data["isbot"]}
    assert set(bot_patterns.CRAWLER_DETECT_OVERRIDES) <= {
        entry["pattern"] for entry in data["es6-crawler-detect"]
    }


@pytest.mark.parametrize(
    "overrides", [bot_patterns.ISBOT_OVERRIDES, bot_patterns.CRAWLER_DETECT_OVERRIDES]
)
def test_every_case_blind_override_replacement_translates_to_a_pattern_re2_runs(overrides):
    for replacement in filter(None, overrides.values()):
        assert bots._compile("(?i)" + translate(replacement)).search("") is None


def test_isbot_patterns_are_asked_case_insensitively_and_after_jreject_s_own(matcher):
    sources = [entry.source for entry in matcher.patterns]
    assert sources.index("isbot") > max(i for i, s in enumerate(sources) if s == "jreject")
    assert all(p.pattern.startswith("(?i)") for p in matcher.patterns if p.source == "isbot")
    assert matcher.match("Mozilla/5.0 (X11; Linux x86_64) ACME-WebCrawl/2.0") is not None


def test_crawler_detect_is_asked_last_and_only_adds_what_the_others_miss(matcher):
    sources = [entry.source for entry in matcher.patterns]
    assert sources.index("es6-crawler-detect") > max(
        i for i, s in enumerate(sources) if s == "isbot"
    )
    chrome = "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
    # Services that put their name after an old Chrome, which no other list names.
    assert matcher.match(f"{chrome}30.0.1599.69 Safari/537.36 Webthumb/2.0") is not None
    assert matcher.match(f"{chrome}48.0.2564.97 Safari/537.36 Yandex.Translate") is not None
    assert matcher.match("Mozilla/5.0 (Windows NT 6.1; stumbleupon.com) Chrome/58.0") is not None
    # Its patterns meet the same overrides as crawler-user-agents' spelled alike.
    assert matcher.match(f"{chrome}120.0.0.0 Asana/2.2.0 Electron/28.3.3 Safari/537.36") is None


@pytest.mark.parametrize(
    "ua",
    [
        # Flock, a Firefox build; Lynx's libwww-FM; AmigaVoyager: browsers.
        "Mozilla/5.0 (Windows; U; Windows NT 6.1; pl; rv:1.9.0.16) Gecko/2010021013 "
        "Firefox/3.0.16 Flock/2.5.6",
        "Lynx/2.8.9rel.1 libwww-FM/2.14 SSL-MM/1.4.1 GNUTLS/3.6.5",
        "AmigaVoyager/3.2 (AmigaOS/MC680x0)",
        # Slack's desktop app; an IE with the QQDownload toolbar.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Slack/4.4.2 Chrome/78.0.3904.130 Electron/7.2.1 Safari/537.36",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/4.0; QQDownload 691; SLCC2)",
        # Yandex's app names its package; a phone called TIANYU; a TV in demo mode.
        "Mozilla/5.0 (Linux; Android 7.0; KIICAA MIX Build/NRD90M; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 Mobile Safari/537.36 com.yandex.zen",
        "TIANYU-KTOUCH/A930/Screen-240X320",
        "Mozilla/5.0 (Linux; Andr0id 9; ATV R2) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/77.0.3865.120 Safari/537.36 OPR/46.0.2207.0 HbbTV/1.5.1 "
        "(+DRM;BOTECH;ATV R2;Demo 1.0;Demonstration only;TVs;)",
        # Ladybird; Firefox with the StumbleUpon toolbar; IE with PeoplePC's.
        "Mozilla/5.0 (Linux; x86_64) LibWeb+LibJS/1.0 Ladybird/1.0",
        "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.7.5) Gecko/20041107 "
        "Firefox/1.0 StumbleUpon/1.999",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; PeoplePal 3.0)",
        # Firefox for Android's own fetch; Syllable's browser Webster.
        "MozacFetch/49.0.20200702190156",
        "Mozilla/5.0 (compatible; U; Webster 0.1; Syllable) AppleWebKit/420+ (KHTML, like Gecko)",
    ],
)
def test_crawler_detect_overrides_keep_people_s_software_off_the_bot_list(matcher, ua):
    assert matcher(ua) is None


@pytest.mark.parametrize(
    ("ua", "name"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot"),
        (IMESSAGE, "facebookexternalhit"),
        (
            "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
            "LinkedInBot",
        ),
        ("TelegramBot (like TwitterBot)", "TelegramBot"),
        ("curl/8.11.0", "curl"),
        ("python-requests/2.32.3", "python-requests"),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot"),
        ("Mozilla/5.0 (compatible; FooCorpBot/3.1; +https://foo.example/bot)", "FooCorpBot"),
        ("Mozilla/5.0 (compatible; Acme-Indexer/2.0)", "Acme-Indexer"),
        ("okhttp/4.12.0", "okhttp"),
        ("SomeScript/0.1", "SomeScript"),
        # A list matched the bot's web address: its name is still what it calls itself.
        ("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "YandexBot"),
        (
            "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)",
            "Pinterestbot",
        ),
        ("got (https://github.com/sindresorhus/got)", "got"),
    ],
)
def test_bots_are_named_by_what_they_call_themselves(matcher, ua, name):
    assert matcher(ua) == name


def test_cubot_phones_are_not_bots_though_their_name_ends_in_bot(matcher):
    ua = (
        "Mozilla/5.0 (Linux; Android 13; CUBOT KINGKONG 9) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/119.0.6045.163 Mobile Safari/537.36"
    )
    assert matcher(ua) is None


def test_a_model_code_like_bot_al00_is_not_the_word_bot(matcher):
    ua = (
        "Mozilla/5.0 (Linux; Android 10; BOT-AL00) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36"
    )
    assert matcher(ua) is None
    assert matcher("Mozilla/5.0 (compatible; bot-crawl/1.0)") is not None


def test_facebook_in_app_browser_is_not_a_bot_but_its_previewer_is(matcher):
    in_app = (
        "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/131.0.6778.81 Mobile Safari/537.36 "
        "[FB_IAB/FB4A;FBAV/489.0.0.66.81;]"
    )
    assert matcher(in_app) is None
    assert matcher("facebookexternalhit/1.1") == "facebookexternalhit"


def test_the_teoma_toolbar_in_an_old_ie_is_not_ask_jeeves_teoma_crawler(matcher):
    assert matcher("Mozilla/4.0 (compatible; MSIE 6.0; Windows 98; TeomaBar 2.01)") is None
    assert matcher("Mozilla/2.0 (compatible; Ask Jeeves/Teoma)") is not None
    assert matcher("Mozilla/2.0 (compatible; Ask Jeeves/Teoma; +http://sp.ask.com/)") is not None


@pytest.mark.parametrize(
    "brand",
    [
        "StumbleUpon.com 1.758",
        "SEARCHALOT.COM IE5",
        "www.acction.com.au",
        "btclick.com Build BTCFSOHOQ2",
        "Virtual IT - http://www.virtualit.biz",
        # A toolbar's own comment inside IE's, with its address in it.
        "Netvitamine Toolbar (+http://www.netvitamine.com)",
        "DX-Browser (V4.0.0.0; http://www.dxbrowser.de)",
    ],
)
def test_an_old_ie_branded_with_a_web_address_is_a_browser(matcher, brand):
    # Toolbars, ISPs and companies put their names in IE's comment through the registry.
    assert matcher(f"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; {brand}; SV1)") is None


def test_a_branded_old_ie_cut_short_by_a_log_is_still_a_browser(matcher):
    ua = (
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; "
        "Netvitamine Toolbar (+http://www.netvitamine.com); .NET CLR 2.0.50727; InfoPath.2)"
    )
    for cut in (len(ua) - 1, len(ua) - 12, ua.index("netvitamine.com") + 15):
        assert matcher(ua[:cut]) is None, ua[:cut]
    # Cut short or not, a bot word in the comment still names a bot.
    assert matcher(ua.replace("InfoPath.2)", "AcmeBot")) is not None


def test_the_registry_copy_embeddedwb_apps_left_in_ie_is_a_browser(matcher):
    ua = (
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; User-agent: "
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; http://bsalsa.com) (none); "
        ".NET CLR 2.0.50727; InfoPath.2)"
    )
    assert matcher(ua) is None
    assert matcher("User-agent: AcmeFetch/1.0") is not None


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; www.alertra.com)",
        "Mozilla/5.0 (compatible; MSIE 8.0; Windows NT 6.3; www.alertra.com)",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.0; http://basicstate.com/)",
    ],
)
def test_a_service_posing_as_an_old_ie_with_its_own_site_is_a_bot(matcher, ua):
    # The site's whole name is one a list carries; a brand's site is a company's.
    assert matcher(ua) is not None
    assert matcher(ua.replace("alertra", "alertraweb").replace("basicstate", "basic")) is None


def test_a_bot_word_beside_a_web_address_in_an_old_ie_still_names_a_bot(matcher):
    ua = (
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; "
        "CrystalSemanticsBot http://www.crystalsemantics.com/user-agent/)"
    )
    assert matcher(ua) == "CrystalSemanticsBot"
    # After the comment, a web address is a bot's, as it is anywhere else.
    assert matcher("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1) http://example.com/x")


def test_sogou_s_browser_and_search_app_are_browsers_but_its_spiders_are_bots(matcher):
    # Written here: an old WebView Chrome, as Sogou's browser sends it.
    base = (
        "Mozilla/5.0 (Linux; Android 10; V1990A; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Version/4.0 Chrome/66.0.3359.126 Mobile Safari/537.36"
    )
    assert matcher(base + " SogouMobileBrowser/5.30.1") is None
    assert matcher(base + " SogouSearch Android1.0 version3.0") is None
    assert matcher(base + " AWP/2.0 SogouMSE,SogouMobileBrowser/5.30.1") is None
    assert matcher("Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)")


@pytest.mark.parametrize(
    "ua",
    [
        # Opera's TV build names its media platform "OMI/….Catcher<version>".
        "Mozilla/5.0 (Linux armv7l) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88"
        " Safari/537.36 OPR/47.0.2207.0 OMI/4.22.0.1.Catcher4.70 Model/Acme-TV55 VIDAA/6.0",
        # A MAUI feature phone lists what its WAP browser speaks.
        "ACME_K12/ WAP Browser/MAUI(HTTP PGDL;HTTPS)Profile/Q03C1-2.40 en-GB",
        # UC Browser's compact Java form in its proxy "speed mode"; a MediaTek phone.
        "UCWEB/2.0 (Java; U; MIDP-2.0; Acme200/20.37) U2/1.0.0 UCMini/10.9.8.1006"
        " (SpeedMode; Proxy; Android 4.4.4; Acme_X ) U2/1.0.0 Mobile",
        "ACME_G10 (MRE2.3.00(25600) resolution240320) MAUI/MAUI.11B.W12 Browser/Opera"
        " Sync/SyncClient1.1 Opera/9.80 (MTK; Nucleus;",
        # A console's browser with nothing but its name; set-top boxes' and a TV's
        # "(compatible; …)" browsers.
        "Mozilla/5.0 (PlayStation 5 2.0)",
        "HbbTV/1.1.1 (;;;;) Mozilla/5.0 (compatible; ANTGalio/3.0.2.1; Linux2.6.18)",
        "Mozilla/3.04 (compatible; AcmeBrowser/2.35; ANTFresco/2.17; RISC OS-NC 5.13)",
        "Mozilla/4.0 (compatible; Gecko/20041115) AcmeTV 5.0.0 Navi",
        # Chrome on Windows Server, which a browser may name as its OS.
        "Mozilla/5.0 (Windows Server 2012 R2 Standard; x64) AppleWebKit/537.36"
        " (KHTML, like Gecko) Chrome/118.0.5975.80 Safari/537.36",
        # Alipay's in-app browser, whose screen field holds "|".
        "Mozilla/5.0 (Linux; Android 10; ACME-AL00 Build/HUAWEIACME-AL00; wv) AppleWebKit/537.36"
        " (KHTML, like Gecko) Version/4.0 Chrome/105.0.5195.148 Mobile Safari/537.36 NebulaSDK/1.8"
        " Nebula AlipayDefined(nt:WIFI,ws:360|0|3.0) AliApp(AP/10.3.50) AlipayClient/10.3.50",
        # Feature phones' WAP browsers, in plain words.
        "ACME_K12_MAUI WAP Browser",
        "Acme K100 WAP-Browser/1.0.0",
        "ACME50 (MRE\\2.5.00(3072) resolution\\240320 chipset\\MT6250) Release/2013.06.28"
        " WAP Browser/MAUI (HTTP PGDL; HTTPS)",
        # Browsers built on IE, whose names come with their sites.
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; Avant Browser"
        " [avantbrowser.com]; .NET CLR 2.0.50727)",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0; SlimBrowser [flashpeak.com])",
        # A Palm browser that fetches pages itself, without its maker's proxy.
        "Mozilla/4.76 (compatible; MSIE 6.0; U; Windows 95; PalmSource; PalmOS; WebPro;"
        " Acme Proxyless 1.1 320x320x16)",
        # Internet Explorer with the Chrome Frame plug-in.
        "Mozilla/5.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; chromeframe/24.0.1312.57)",
        # Yandex's "arm_64;" before Android: the model after it is still a model.
        "Mozilla/5.0 (Linux; arm_64; Android 14; Discovery Max) AppleWebKit/537.36 (KHTML, like"
        " Gecko) Chrome/124.0.6367.123 YaBrowser/24.6.1.123.00 SA/3 Mobile Safari/537.36",
        # A desktop app showing pages in IE through the EmbeddedWB component, whose URL
        # IE's User-Agent then carries.
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; AcmeTune HTML Client Embedded Web"
        " Browser from: http://bsalsa.com/; .NET CLR 2.0.50727)",
        # A developer's FirePHP extension, and Firefox on the instant-on Splashtop Linux.
        "Mozilla/5.0 (X11; Linux x86_64; rv:31.0) Gecko/20100101 Firefox/31.0 FirePHP/0.7.4",
        "Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.1) Gecko/2009 Firefox/3.5 (Splashtop-v1.2)",
    ],
)
def test_browsers_whose_tokens_look_like_bot_words_are_not_bots(matcher, ua):
    assert matcher(ua) is None


def test_the_splash_renderer_is_still_a_bot(matcher):
    ua = (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/602.1 (KHTML, like Gecko) splash "
        "Version/10.0 Safari/602.1"
    )
    assert matcher(ua) is not None


def test_a_named_bot_in_a_browser_that_carries_bot_like_words_is_still_a_bot(matcher):
    embedded = (
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; Embedded Web Browser"
        " from: http://bsalsa.com/; Googlebot/2.1)"
    )
    assert matcher(embedded) == "Googlebot"


def test_wechat_in_app_browser_naming_its_process_is_not_a_bot(matcher):
    # Written here: WeChat's WebView names the process it runs in ("tools", "toolsmp").
    base = (
        "Mozilla/5.0 (Linux; Android 12; ACME-X1 Build/SKQ1.220201.001; wv) AppleWebKit/537.36"
        " (KHTML, like Gecko) Version/4.0 Chrome/86.0.4240.99 XWEB/3211 MMWEBSDK/20220303"
        " Mobile Safari/537.36 MMWEBID/7223 MicroMessenger/8.0.21.2120(0x28001553)"
    )
    for process in ("tools", "toolsmp"):
        assert matcher(f"{base} Process/{process} WeChat/arm64 NetType/WIFI") is None
    assert matcher("Mozilla/5.0 (X11; Linux x86_64) AcmeTools/2.0") == "AcmeTools"


@pytest.mark.parametrize(
    "ua",
    [
        # An iOS app's own bundle id, and an Android app's store, in its WebView's UA.
        "Mozilla/5.0 (iPad2,1; iPad; U; CPU OS 7_0_4 like Mac OS X; pl_PL)"
        " com.google.GooglePlus/29676 (KHTML, like Gecko) Mobile/K93AP (gzip)",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15"
        " (KHTML, like Gecko) Mobile/15E148 GmmClient:google_ios/com.google.Maps/6.0.1",
        "Mozilla/5.0 (3822MB; 720x1411; Acme A11; 10) AppleWebKit/537.36 (KHTML, like Gecko)"
        " Acme Android App 2.4 GooglePlayStore AcmeApp/2.4 (GlobalDist; GooglePlayStore)",
        # Google Earth's built-in browser, opening a page a place links to.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        " Google Earth/7.3.6.9345 Safari/537.36",
    ],
)
def test_google_app_ids_in_an_in_app_browser_are_not_google_fetchers(matcher, ua):
    assert matcher(ua) is None


@pytest.mark.parametrize("toolbar", ["GoogleT5", "GoogleT4", "Google Toolbar 7.0"])
def test_ie_with_the_google_toolbar_is_not_a_google_fetcher(matcher, toolbar):
    # IE 6-8 listed the Google Toolbar in its comment; woothee's tests call it IE.
    ua = f"Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0; {toolbar}; .NET CLR 2.0)"
    assert matcher(ua) is None


def test_google_earth_s_own_fetches_are_still_bots(matcher):
    ua = "GoogleEarth/7.3.6.9345(Windows;Microsoft Windows (10.0);en;kml:2.2;client:Pro)"
    assert matcher(ua) == "GoogleEarth"


@pytest.mark.parametrize(
    "ua",
    [
        "(Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        " Chrome/120.0.0.0 Safari/537.36",
        "(Windows NT 6.2; WOW64) KHTML/4.11 Gecko/20130308 Firefox/23.0 (AcmeMoon/20.3)",
        "(X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
        "(Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        " Version/17.5 Safari/605.1.15",
    ],
)
def test_a_browser_user_agent_without_its_mozilla_token_is_not_a_bot(matcher, ua):
    assert matcher(ua) is None


@pytest.mark.parametrize("ua", ['() { :; }; /bin/bash -c "id"', "<script>x</script>", ";x"])
def test_a_user_agent_starting_like_a_probe_is_a_bot(matcher, ua):
    assert matcher(ua) is not None


def test_text_browsers_are_not_bots_though_they_send_one_token(matcher):
    assert matcher("w3m/0.5.3+git20230121") is None
    assert matcher("Dillo/3.0.5") is None


def test_browsers_isbot_names_among_its_bots_are_not_bots(matcher):
    assert matcher("NetSurf/3.11 (Linux)") is None
    assert matcher("Mozilla/4.61 [en] (X11; U; Linux 2.4.2 i686) - BrowseX (2.0.0 X11)") is None


@pytest.mark.parametrize("ua", ["", "   "])
def test_empty_user_agent_is_not_called_a_bot(matcher, ua):
    assert matcher(ua) is None


def test_only_the_first_max_scan_characters_are_examined(matcher):
    padding = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + "x" * MAX_SCAN
    assert matcher(padding + " Googlebot/2.1") is None
    assert matcher("Googlebot/2.1 " + padding) == "Googlebot"


@pytest.mark.parametrize("unit", ["x", "bot", "Spider", "spider.com ", "a@b.c ", "(compatible; "])
def test_long_hostile_user_agents_are_answered(matcher, unit):
    ua = unit * (65536 // len(unit))
    assert matcher(ua) is None or isinstance(matcher(ua), str)


_MATCHER = BotMatcher()


@given(st.text(max_size=300))
def test_any_text_gives_a_name_or_none(text):
    result = _MATCHER(text)
    assert result is None or (isinstance(result, str) and len(result) > 0)


# The four built-in patterns that used lookarounds, as they were; RE2 has none, so
# _bot_patterns spells each without, and these must still agree on every text.
LOOKAROUND_ORIGINALS = {
    "google": r"(?i)\bgoogle-[a-z]|[a-z]-google(?![a-z])",
    "bot": r"(?i)(?<!cu)bots?(?![a-z]|-[a-z]{1,2}\d)",
    "feed": r"(?i)\brss|feed(?!back|ly/\d)|(?<!q)download|screenshot|\bcron\b",
    "compatible": r"\(compatible; ?(?!Konqueror/|Opera/)(?P<name>[A-Za-z][\w.!-]*)/v?\d",
}
_PIECES = [
    "bot", "Bot", "bots", "BOT", "cu", "Cu", "-", "a", "Z", "1", "/", " ", "google", "G",
    "feed", "back", "ly", "ly/", "y", "(compatible;", "(compatible; ", "Opera", "Konqueror",
    "Foo", "x", ";", "rss", "cron", "q", "Q", "download", "et",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_patterns_rewritten_without_lookarounds_agree_with_the_originals(text):
    rewritten = {
        "google": next(
            p for _, p, _ in bot_patterns.SERVICE_BOTS if p.startswith(r"(?i)\bgoogle-")
        ),
        "bot": bot_patterns.GENERIC_BOTS[0][1],
        "feed": bot_patterns.GENERIC_BOTS[3][1],
        "compatible": bot_patterns.GENERIC_BOTS[5][1],
    }
    for key, original in LOOKAROUND_ORIGINALS.items():
        expected = re.search(original, text) is not None
        compiled = bots._compile_branch(rewritten[key])
        found = bots._search_built_in(compiled, text, bots._haystack(text)) is not None
        assert found == expected, (key, text)


def test_every_built_in_pattern_compiles_under_re2_so_none_is_skipped():
    assert bots.re2_available()
    built = bots._built_in()
    assert built.skipped == ()
    assert len(built.patterns) >= 1500
    for entry in built.patterns:
        assert "(?<" not in entry.pattern.replace("(?P<", "")
        assert "(?=" not in entry.pattern
        assert "(?!" not in entry.pattern


def test_a_built_in_pattern_re2_cannot_compile_is_skipped_and_logged(caplog):
    patterns = [
        bots.BotPattern(r"(?<!x)Foobot", None, "crawler-user-agents"),
        bots.BotPattern(r"Barbot", None, "crawler-user-agents"),
    ]
    with caplog.at_level("WARNING", logger="jreject"):
        index = bots._Index(patterns)
    assert [p.pattern for p in index.skipped] == [r"(?<!x)Foobot"]
    assert index.candidates("a Foobot and a Barbot") == [0]
    assert "skips 1 bot pattern" in caplog.text


def test_the_bundled_data_records_the_branches_and_keys_of_every_built_in_pattern():
    data = load_bot_data()
    recorded = {pattern: [tuple(branch) for branch in split] for pattern, split in data["branches"]}
    assert data["branches_version"] == bot_index.INDEX_VERSION
    built = bots._built_in()
    missing = [entry.pattern for entry in built.patterns if entry.pattern not in recorded]
    assert missing == [], "run scripts/generate_bots.py: jreject's own patterns changed"
    for entry in built.patterns:
        assert recorded[entry.pattern] == bot_index.branches_of(entry.pattern), entry.pattern


def test_a_recorded_branch_is_compiled_on_first_use_and_warm_up_compiles_them_all(matcher):
    built = bots._build(load_bot_data())
    assert built._compiled.count(None) == len(built.owners)  # start-up compiled nothing
    ua = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    candidates = built.candidates(ua)
    regex = built.regex(candidates[0])
    assert built.regex(candidates[0]) is regex  # compiled once, then kept
    assert built._compiled.count(None) == len(built.owners) - 1
    built.warm_up()
    assert None not in built._compiled
    assert [p.pattern for p in BotMatcher().warm_up().patterns] == [
        p.pattern for p in built.patterns
    ]


def _plain_branches() -> list[str]:
    texts = bots._built_in()._texts
    return [text for text in texts if bots._Literal.of(text) is not None]


def test_most_bundled_branches_are_plain_text_and_need_no_regex_program():
    built = bots._built_in()
    assert len(_plain_branches()) > 0.6 * len(built.owners)
    built.warm_up()
    plain = sum(isinstance(compiled[0], bots._Literal) for compiled in built._compiled if compiled)
    assert plain == len(_plain_branches())
    assert bots._Literal.of(r"(?i)Googlebot\/").search("x GOOGLEBOT/2.1").span() == (2, 12)
    for pattern in (r"Googlebot\/\d", "^Googlebot", "bot|spider", r"(?i)\bnyu\b", "a.b"):
        assert bots._Literal.of(pattern) is None


def test_a_plain_branch_finds_what_its_regex_finds():
    # The same first match as RE2 (or re) on the branch, on the name in every case and
    # position, near misses, non-ASCII text (where the regex answers) and real UAs.
    corpus = [ua for _, ua in BOT_CASES[::40] + BROWSER_CASES[::40]]
    for text in _plain_branches():
        literal = bots._Literal.of(text)
        regex = bots._compile(text)
        body = literal._text
        samples = [
            *corpus,
            f"Mozilla/5.0 ({body}; +x)",
            f"{body.upper()}/1.0",
            f"{body.title()} {body}",
            f"Ünïcode {body.upper()} ñ",
            body[:-1],
        ]
        for sample in samples:
            for haystack in (sample, bots._haystack(sample)):
                want, got = regex.search(haystack), literal.search(haystack)
                assert (want and want.span()) == (got and got.span()), (text, sample)


def _answers(index: bots._Index) -> list[tuple[str, str] | None]:
    matcher = BotMatcher()
    matcher._built = index
    sample = [ua for _, ua in BOT_CASES + BROWSER_CASES]
    return [matcher.match(ua) for ua in sample]


def test_a_data_file_without_a_usable_index_is_indexed_at_start_up_with_the_same_answers(
    caplog,
):
    data = load_bot_data()
    expected = _answers(bots._build(data))
    old = {k: v for k, v in data.items() if k not in ("branches", "branches_version")}
    other = dict(data, branches_version=bot_index.INDEX_VERSION + 1)
    for unindexed in (dict(old, format=1), other):
        built = bots._build(unindexed)
        assert None not in built._compiled  # keyed and compiled as they are read
        assert _answers(built) == expected
    for branches in ([["(?i)foobot", [["(?i)foobot"]]]], [["x", [["x", 7, False]]]]):
        caplog.clear()
        with caplog.at_level("WARNING", logger="jreject"):
            built = bots._build(dict(data, branches=branches))
        assert "branch index: it is damaged" in caplog.text
        assert _answers(built) == expected


def test_a_pattern_missing_from_the_index_is_keyed_and_compiled_at_start_up(caplog):
    patterns = [
        bots.BotPattern(r"Barbot", None, "crawler-user-agents"),
        bots.BotPattern(r"(?<!x)Foobot", None, "crawler-user-agents"),
    ]
    known = {"Barbot": bot_index.branches_of("Barbot")}
    with caplog.at_level("WARNING", logger="jreject"):
        index = bots._Index(patterns, known)
    assert [p.pattern for p in index.skipped] == [r"(?<!x)Foobot"]
    assert "skips 1 bot pattern" in caplog.text
    assert index._compiled == [None]
    assert index.candidates("a Foobot and a Barbot") == [0]


def test_a_recorded_branch_re2_refuses_on_first_use_never_matches_and_is_logged(caplog):
    patterns = [bots.BotPattern(r"(?<!x)Foobot", None, "crawler-user-agents")]
    known = {r"(?<!x)Foobot": [(r"(?<!x)Foobot", "foobot", False)]}
    index = bots._Index(patterns, known)  # trusted: not compiled at start-up
    matcher = BotMatcher()
    matcher._built = index
    with caplog.at_level("WARNING", logger="jreject"):
        assert matcher.match("Mozilla/5.0 (X11; Foobot)") is None
    assert "cannot compile" in caplog.text


def test_a_branch_with_no_key_runs_only_when_the_re2_set_says_it_matches():
    built = bots._built_in()
    keyless = built._keyless._indices
    # isbot's "^[<(;]", "\\(\\)"…: a handful, asked through one RE2 Set pass.
    assert 0 < len(keyless) < 20
    assert len(built.owners) > len(built.patterns)  # split at the top-level "|"
    everyday = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    )
    assert not set(keyless) & set(built.candidates(everyday))
    assert set(built._keyless("(sample)")) <= set(keyless)
    assert built._keyless("(sample)")


def test_only_the_candidates_run(matcher):
    built = bots._built_in()
    ua = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    candidates = built.candidates(ua)
    assert 0 < len(candidates) < 20
    assert matcher(ua) == "Googlebot"


def test_without_google_re2_python_re_gives_the_same_answers(monkeypatch, matcher):
    sample = [ua for _, ua in BOT_CASES[::3] + BROWSER_CASES[::3]]
    expected = [matcher(ua) for ua in sample]
    monkeypatch.setattr(bots, "_re2", None)
    bots._BUILT.clear()
    try:
        fallback = BotMatcher()
        assert not bots.re2_available()
        assert [fallback(ua) for ua in sample] == expected
    finally:
        bots._BUILT.clear()


# --- the caller's own patterns ---------------------------------------------------------


def test_user_pattern_wins_over_every_list():
    matcher = BotMatcher(extra_patterns=[r"(?P<name>Google)bot"])
    ua = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert matcher(ua) == "Google"


def test_user_pattern_flags_a_browser_shaped_user_agent():
    matcher = BotMatcher(extra_patterns=[r"Chrome/131\.0\.0\.0 Safari"])
    assert matcher(CHROME) == "Chrome/131.0.0.0 Safari"
    assert BotMatcher()(CHROME) is None


def test_user_pattern_reports_its_name_group():
    matcher = BotMatcher(extra_patterns=[r"\bInternal-(?P<name>\w+)/"])
    assert matcher("Internal-Probe/2 (ops)") == "Probe"


def test_user_patterns_are_case_sensitive_unless_they_say_otherwise():
    assert BotMatcher(extra_patterns=["acme-thing"])("ACME-THING/1 x") is None
    assert BotMatcher(extra_patterns=["(?i)acme-thing"])("ACME-THING/1 x") == "ACME-THING"


def test_bad_user_pattern_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"bot pattern 'Foo\(bar' is not a valid regular"):
        BotMatcher(extra_patterns=["ok", "Foo(bar"])


def test_user_pattern_matching_the_empty_string_is_refused():
    with pytest.raises(ValueError, match=r"'x\*' matches the empty string"):
        BotMatcher(extra_patterns=["x*"])


def test_user_pattern_that_is_not_text_is_a_type_error():
    with pytest.raises(TypeError, match="must be a str, not int"):
        BotMatcher(extra_patterns=[42])  # type: ignore[list-item]


def test_a_single_string_instead_of_a_list_is_refused_with_the_fix():
    with pytest.raises(TypeError, match=r"wrap it as \['MyBot'\]"):
        BotMatcher(extra_patterns="MyBot")


@pytest.mark.parametrize(
    "ua",
    [
        CHROME,
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        CHROME + " Edg/131.0.0.0",
        "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; .NET CLR 2.0.50727)",
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; WOW64; Trident/4.0; SLCC2; "
        ".NET CLR 3.5.30729; Media Center PC 6.0; .NET4.0C; InfoPath.3)",
        "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_5_8; en-us) AppleWebKit/531.22.7 "
        "(KHTML, like Gecko) Version/4.0.5 Safari/531.22.7",
        "Mozilla/5.0 (iPhone; U; CPU iPhone OS 4_3_3 like Mac OS X; en-us) AppleWebKit/533.17.9 "
        "(KHTML, like Gecko) Version/5.0.2 Mobile/8J2 Safari/6533.18.5",
        "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.12.388 Version/12.16",
    ],
)
def test_everyday_browsers_take_the_shape_shortcut(ua):
    assert _bot_patterns.BROWSER_SHAPE.fullmatch(ua)


def test_the_shape_shortcut_never_covers_a_bot_of_the_corpus():
    # An Android device-model slot is read for named services after the shape matches.
    shapes = (_bot_patterns.BROWSER_SHAPE.fullmatch(ua) for _, ua in read_corpus(BOTS))
    assert [shape.group(0) for shape in shapes if shape and not shape.group("model")] == []


@pytest.mark.parametrize(
    "ua",
    [
        # A brand or an add-on in an old IE's comment: the bot lists must read it.
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; QQDownload 1.7; .NET CLR 2.0.50727)",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; +http://example.com/bot)",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows 98)",
    ],
)
def test_an_old_ie_with_more_than_windows_adds_is_scanned(ua):
    assert not _bot_patterns.BROWSER_SHAPE.fullmatch(ua)


# --- docs/bots.md ------------------------------------------------------------------------

DOCS = Path(__file__).parents[2] / "docs" / "bots.md"


def _doc_blocks(language):
    return blocks(DOCS, language)


def test_python_examples_in_the_docs_run():
    examples = _doc_blocks("python")
    assert len(examples) >= 3
    for example in examples:
        exec(compile(example, "docs/bots.md example", "exec"), {})


def test_toml_examples_in_the_docs_are_valid_configurations():
    categories, patterns = _doc_blocks("toml")
    config = config_from_dict(tomllib.loads(categories)["tool"]["jreject"], source="docs/bots.md")
    assert dict(config.bots) == {"ai": "log", "library": "log"}  # type: ignore[arg-type]
    settings = tomllib.loads(patterns)["tool"]["jreject"]
    config = config_from_dict(settings, source="docs/bots.md")
    matcher = BotMatcher(extra_patterns=config.bot_patterns)
    assert matcher("AcmeUptime/3.2") == "AcmeUptime"


def test_compile_bot_pattern_is_what_the_matcher_uses_for_user_patterns():
    assert compile_bot_pattern("(?i)x+y").search("XXY")
    with pytest.raises(ValueError, match="matches the empty string"):
        compile_bot_pattern("(?:)")


@pytest.mark.parametrize(
    "pattern",
    [r"(?<!cu)bot", r"foo(?=bar)", r"bot(?!s)", r"(a)\1bot"],
    ids=["lookbehind", "lookahead", "negative-lookahead", "backreference"],
)
def test_a_user_pattern_re2_cannot_run_is_refused_naming_it(pattern):
    with pytest.raises(ValueError, match=re.escape(repr(pattern)) + ".*RE2") as error:
        BotMatcher(extra_patterns=[pattern])
    if "(?" in pattern:
        assert "lookarounds" in str(error.value)


def test_the_compatible_form_naming_an_old_browser_is_not_a_bot_but_a_later_one_is(matcher):
    konqueror = "Mozilla/5.0 (compatible; Konqueror/3.5; Linux) KHTML/3.5.10 (like Gecko)"
    assert matcher(konqueror) is None
    assert matcher("Opera/9.80 (compatible; Opera/9.80) (compatible; Foo/1.0)") == "Foo"


def test_every_built_in_pattern_has_a_documented_category(matcher):
    assert {entry.category for entry in matcher.patterns} <= set(BOT_CATEGORIES) - {"user"}


@pytest.mark.parametrize(
    ("ua", "category"),
    [
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "search"),
        ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2)", "ai"),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "preview"),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "seo"),
        ("Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", "monitor"),
        ("curl/8.5.0", "library"),
        ("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0.0.0 Safari/537.36", "headless"),
        ("Feedbin feed-id:1 - 3 subscribers", "feed"),
        ("FooBarBot/1.0", "unknown"),
        # Where a list's tag would mislead (CATEGORY_OVERRIDES), and before a broader rule.
        ("FeedFetcher-Google; (+http://www.google.com/feedfetcher.html)", "feed"),
        ("WordPress/6.7.1; https://example.com", "library"),
        ("vercel-screenshot/1.0", "preview"),
        ("Mozilla/5.0 (compatible; Diffbot/0.1; +http://www.diffbot.com)", "ai"),
        (
            "Mozilla/5.0 (compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot)",
            "ai",
        ),
    ],
)
def test_bots_come_with_their_category(matcher, ua, category):
    assert matcher.match(ua) is not None
    assert matcher.match(ua)[1] == category  # type: ignore[index]


def test_a_user_pattern_reports_the_user_category():
    assert BotMatcher([r"InternalProbe"]).match("InternalProbe/1") == ("InternalProbe", "user")


def test_a_service_named_in_an_android_model_slot_is_a_bot_but_a_plain_model_is_not(matcher):
    transcoder = (
        "Mozilla/5.0 (Linux; U; Android 4.1.2; zh-cn; Baidu Transcoder) AppleWebKit/534.30 "
        "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30"
    )
    assert matcher(transcoder) == "Baidu Transcoder"
    assert matcher(transcoder.replace("Baidu Transcoder", "Robot Pro X")) is None


def test_what_follows_the_build_id_in_an_android_comment_is_read_as_more_than_a_model(matcher):
    ua = (
        "Mozilla/5.0 (Linux; Android 4.1.1; HTC6435LVW Build/JRO03C{}) AppleWebKit/537.22 "
        "(KHTML, like Gecko) Chrome/25.0.1364.169 Mobile Safari/537.22"
    )
    # A monitoring service adds its name after the firmware's build id...
    assert matcher.match(ua.format("; Neustar WPM")) == ("Neustar WPM", "unknown")
    # ... where a custom firmware adds its own, and a WebView its "wv": browsers.
    for added in ("; CyanogenMod-10.1", "; MildWild CM-8.0 JG Stable", "; wv", ""):
        assert matcher(ua.format(added)) is None


@pytest.mark.parametrize(
    "ua", ["Report Runner", "Hello, world", "COMODO DCV", "SPARK COMMIT: 08059e95dacafe0bf6e"]
)
def test_plain_words_without_a_browser_token_are_a_bot(matcher, ua):
    assert matcher.match(ua) == (ua[:40], "unknown")


@pytest.mark.parametrize(
    "ua",
    [
        "Links (2.29; Linux 6.1 x86_64; GNU C 12.2; text)",
        "Lynx/2.9.0dev.12 libwww-FM/2.14 SSL-MM/1.4.1 GNUTLS/3.7.8",
        "w3m/0.5.3+git20230121",
    ],
)
def test_text_browsers_are_not_plain_words(matcher, ua):
    assert matcher(ua) is None


@pytest.mark.parametrize("ua", ["acme browser/1.0", "Acme_CONSOLE_browser/2.0"])
def test_a_device_browser_that_calls_itself_one_is_not_plain_words(matcher, ua):
    assert matcher(ua) is None


def test_a_bot_matched_on_punctuation_is_named_by_its_user_agent(matcher):
    # isbot's "^[<;]" and "^\(…" match one character: no word to widen.
    assert matcher("<script>alert(1)</script>") == "<script>alert(1)</script>"
    assert (
        matcher("() { :; }; /bin/bash -c 'cat /etc/passwd'")
        == "() { :; }; /bin/bash -c 'cat /etc/passwd"
    )


@pytest.mark.parametrize("ua", ["R520 1.0 WAP1.2", "MAKER-X1 UP/4.1.19k"])
def test_a_feature_phone_s_wap_browser_is_not_plain_words(matcher, ua):
    # A WAP version or Openwave's UP/ browser token: a phone's own browser.
    assert matcher(ua) is None
    assert matcher("Report Runner WAP") is not None


def test_a_device_browser_that_calls_itself_one_is_not_a_script_naming_its_contact(matcher):
    # isbot reads "Name/1.0 (word)" as a script's name and its owner's contact.
    assert matcher("Acme_CONSOLE_browser/2.0 (Japanese)") is None
    assert matcher("AcmeLeadGen/2.2 (ops@example)") == "AcmeLeadGen"
    assert matcher("Browsershots") is not None


@pytest.mark.parametrize(
    "ua",
    [
        "ShopApp/2.1 CFNetwork/1494.0.7 Darwin/23.4.0",
        # Names URL-encoded, or starting with a digit, as podcast apps send them.
        "Acme%20Radio%20Show/11 CFNetwork/758.3.15 Darwin/15.4.0",
        "Acme%20-%20Stream%20Podcasts%2C%20Music%20&%20More/5.0 CFNetwork/711.5.6 Darwin/14.0.0",
        "77 ACME/11 CFNetwork/758.3.15 Darwin/15.4.0",
        "MobileSafari/604.1 CFNetwork/1206 Darwin/20.1.0",
        "com.apple.WebKit.Networking/8614.2.9.0.10 CFNetwork/1399 Darwin/22.1.0",
    ],
)
def test_an_app_fetching_through_cfnetwork_is_not_a_bot(matcher, ua):
    # A native app's request on behalf of its user, as isbot reads it too.
    assert matcher.match(ua) is None


@pytest.mark.parametrize(
    ("ua", "name"),
    [
        ("Reeder/3.2 CFNetwork/672.1.12 Darwin/14.0.0", "Reeder"),
        ("SWCD (Unknown Version) CFNetwork/1107.1 Darwin/19.0.0", "SWCD"),
        ("NewsBlur/4.0.1 CFNetwork/672.1.13 Darwin/14.0.0", "NewsBlur"),
    ],
)
def test_an_app_a_list_names_is_a_bot_through_cfnetwork_too(matcher, ua, name):
    found = matcher.match(ua)
    assert found is not None
    assert found[0] == name


@pytest.mark.parametrize(
    "ua", ["Amiga-AWeb/3.4.167SE", "Voyager3/AmigaOS3.1", "MozacFetch/49.0.20200702190156"]
)
def test_browsers_that_send_one_token_are_not_bots(matcher, ua):
    assert matcher(ua) is None


@pytest.mark.parametrize(
    "ua",
    [
        "Amiga-AWeb/3.4.167SE",
        "MozacFetch/49.0.20200702190156",
        "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17126; Pro)",
        "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
        "AppName/1 CFNetwork/758.1.2 Darwin/15.0.0",
        "Acme%20Radio%20Show/11 CFNetwork/758.3.15 Darwin/15.4.0",
    ],
)
def test_what_is_not_a_browser_page_load_is_never_rejected(detector, ua):
    from jreject.policy import Minimum, decide

    assert decide(detector(ua), Minimum.preset("modern")).allowed


@pytest.mark.parametrize(
    "ua",
    [
        "Thumbor/6.7.5, Mozilla/5.0 (Linux; Android 9; RAZER Phone Build/NMF26F) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/76.0.3809.111 Mobile Safari/537.36",
        "iphone|Mozilla/5.0 (iPhone; CPU iPhone OS 8_7_7; like Mac OS X) AppleWebKit/535.47",
    ],
)
def test_a_browser_user_agent_with_a_name_in_front_is_a_bot(matcher, ua):
    assert matcher.match(ua) == ("prefixed User-Agent", "unknown")


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Foo) \udcff",
        "\udcc3\udca9 crawler",
        "Mozilla/5.0 (Linux; Android 10; Model\udcff) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Mobile Safari/537.36",
    ],
)
def test_lone_surrogates_from_surrogateescape_servers_are_matched_not_raised(user_agent):
    # aiohttp and PEP 383 arguments hand over undecodable bytes as lone surrogates,
    # which RE2 (UTF-8 only) cannot take as they are.
    matcher = BotMatcher(("mybot",))
    matcher.match(user_agent)
    assert BotMatcher(("Foo",)).match("Mozilla/5.0 (compatible; Foo) \udcff") == ("Foo", "user")


# --- the classes of issue 11, in User-Agents written for these tests ---------------------

_OLD_CHROME = "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/41.0.2272.96 Safari/537.36"
POSING_AS_OLD_BROWSERS = [
    # "(compatible; <name>)" or "(+https://…)" after a real old browser's User-Agent.
    (f"Mozilla/5.0 (Windows NT 6.1; Win64; x64) {_OLD_CHROME} (compatible; SiteAuditor/3.2)", None),
    (f"Mozilla/5.0 (X11; Linux x86_64) {_OLD_CHROME} (+https://example-checker.net/about)", None),
    # Services that name themselves after an old Chrome, Firefox or WebKit.
    (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, "
        "like Gecko) Chrome/41.0.2272.96 Mobile Safari/537.36 (compatible; Google Search Console)",
        "seo",
    ),
    (
        "Mozilla/5.0 (Linux; Android 4.2.1; en-us; Nexus 5 Build/JOP40D) AppleWebKit/535.19 "
        "(KHTML, like Gecko; googleweblight) Chrome/38.0.1025.166 Mobile Safari/535.19",
        "preview",
    ),
    (
        "Mozilla/5.0 (en-us) AppleWebKit/525.13 (KHTML, like Gecko; Google Wireless Transcoder) "
        "Version/3.1 Safari/525.13",
        "preview",
    ),
    (
        "Mozilla/5.0 (Linux; U; Android 4.4.2; zh-cn; Baidu Transcoder) AppleWebKit/534.46 "
        "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.46",
        "preview",
    ),
    (f"Mozilla/5.0 (Windows NT 10.0) {_OLD_CHROME} Cloudflare-Observatory/2.1", "monitor"),
    (f"Mozilla/5.0 (X11; Linux x86_64) {_OLD_CHROME} Cloudflare Diagnostics", "monitor"),
    (
        "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:45.0) Gecko/20100101 Firefox/45.0 "
        "AlertSite DejaClick/3.1",
        "monitor",
    ),
    (f"Mozilla/5.0 (Windows NT 6.1) {_OLD_CHROME} DoubleVerify-Crawler", "seo"),
    (f"Mozilla/5.0 (Windows NT 6.1; Win64; x64) {_OLD_CHROME} SerpstatBot/2.1", "seo"),
    (f"Mozilla/5.0 (Windows NT 6.1) {_OLD_CHROME} (via mail.example MailImageProxy)", "preview"),
]  # fmt: skip
LONG_TAIL = ["Hello, world", "COMODO DCV", "Report Runner", "SPARK COMMIT: 1a2b3c4d5e6f"]
NOT_BOTS = [
    # Fire TV's Silk names itself in one token.
    "Mozilla/5.0 (Linux; Android 9; AFTSSS Build/PS7624) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Silk/112.3.1 like Chrome/112.0.5615.213 Safari/537.36 smarttv_AFTSSS_Chromium_112",
    # A phone model with "bot" in it, and one with a "+".
    "Mozilla/5.0 (Linux; Android 8.1.0; ID bot 53+ Build/O11019) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/66.0.3359.158 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 8.1.0; Snapshot+) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/80.0.3987.87 Mobile Safari/537.36",
    # A model slot after a firmware's own build in the version ("Buddy" is a crawler too).
    "Mozilla/5.0 (Linux; U; Android 02.00.06(2.1-update1); xx; i-station Buddy Build/ECLAIR) "
    "AppleWebKit/530.17 (KHTML, like Gecko) Version/4.0 Mobile Safari/530.17",
    # An IE toolbar naming a company.
    "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; GTB7.5; Caboto Holdings; "
    ".NET CLR 2.0.50727)",
    "Mozilla/5.0 (Macintosh; U; Intel Mac OS X; en-US) AppleWebKit/525.18 (KHTML, like Gecko, "
    "Safari/525.20) OmniWeb/v622.3.0.105198",
    "Mozilla/5.0 (Windows; U; Windows NT 6.0; en-US) AppleWebKit/533.3 (KHTML, like Gecko) "
    "QtWeb Internet Browser/3.7 http://www.QtWeb.net",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/117.0.180 Chrome/111.0.5563.180 Safari/537.36",
    # Outlook's embedded IE renders the mail people read.
    "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; "
    ".NET4.0E; Microsoft Outlook 16.0.4266; ms-office; MSOffice 16)",
    # A screen size in UC Browser's compact format is not isbot's "24x7" monitor.
    "dv(iPad4,1);pr(UCBrowser/11.3.5.1203);ov(12_4);ss(1024x768);bt(GJ);pm(0);bv(0);",
    # An app that sends only the phone's model.
    "iPhone14ProMax",
    # An in-app WebView naming its app by a reverse-domain id.
    "Mozilla/5.0 (Linux; Android 11; Tab 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/96.0.4664.45 Safari/537.36 [air.com.example.shop/2.4]",
]


@pytest.fixture(scope="module")
def detector():
    from jreject.detect.detector import Detector

    return Detector()


@pytest.mark.parametrize(("ua", "category"), POSING_AS_OLD_BROWSERS)
def test_a_bot_posing_as_an_old_browser_is_a_bot_and_never_rejected(detector, ua, category):
    from jreject.policy import Minimum, decide

    client = detector(ua)
    assert client.is_bot
    if category is not None:
        assert client.bot_category == category
    assert decide(client, Minimum.preset("modern")).allowed


@pytest.mark.parametrize("ua", LONG_TAIL)
def test_long_tail_user_agents_without_a_browser_token_are_never_rejected(detector, ua):
    from jreject.policy import Minimum, decide

    client = detector(ua)
    assert client.is_bot or client.browser == "unknown"
    assert decide(client, Minimum.preset("modern")).allowed


@pytest.mark.parametrize("ua", NOT_BOTS)
def test_browsers_with_bot_like_words_are_not_bots(detector, ua):
    assert not detector(ua).is_bot


@pytest.mark.parametrize(
    ("ua", "category"),
    [
        ("Mozilla/5.0 (compatible; archive.org_bot +http://archive.org/details/)", "archive"),
        ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.1)", "ai"),
        ("Mozilla/5.0 (compatible; Bingbot/2.0; +http://www.bing.com/bingbot.htm)", "search"),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "seo"),
    ],
)  # fmt: skip
def test_categories_come_from_the_crawler_list_tags_where_it_names_the_bot(matcher, ua, category):
    assert matcher.match(ua)[1] == category


def _without_quiet(ua: str) -> str:
    return bots._quieted(ua, bots._quiet_spans(ua))


def test_the_device_model_slot_and_old_ie_brand_addresses_are_not_read_by_the_broad_patterns():
    ua = "Mozilla/5.0 (Linux; Android 8.1.0; ID bot 53+ Build/O1) X"
    assert _without_quiet(ua) == ua.replace("ID bot 53+ Build/O1", " " * 19)
    ua = "Mozilla/5.0 (compatible; MSIE 9.0; Windows Phone OS 7.5; IEMobile/9.0; HTC; Radar 4G)"
    assert "Radar" not in _without_quiet(ua)
    assert _without_quiet("curl/8.4.0") == "curl/8.4.0"
    ua = "Mozilla/4.0 (compatible; MSIE 5.5; Windows 95; StumbleUpon.com 1.758; .NET CLR 1.1.4322)"
    assert _without_quiet(ua) == ua.replace("StumbleUpon.com", " " * 15)


def test_a_bot_matched_over_its_whole_product_is_named_by_the_product(matcher):
    # isbot's "^\w+/\d\.\d\s\([\w@]+\)$" covers name, version and comment at once.
    assert matcher.match("Zorblax/1.0 (probe)") == ("Zorblax", "unknown")


def test_words_outside_ies_own_markers_still_count(matcher):
    # "optimize" inside "MSN Optimized" is Microsoft's marker; in a product name, a bot's word.
    ua = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; MSN Optimized;US) SiteOptimizer/1.0"
    assert matcher(ua) is not None


@pytest.mark.parametrize("ua", ["Nokia200/11.95", "SIE-3118", "LG265", "BlackBerry6510/3.0"])
def test_a_feature_phones_lone_token_is_not_a_script(ua):
    from jreject.detect import detect

    assert not detect(ua).is_bot
    assert BotMatcher()(ua) is not None  # without the device rules, only a lone token


@pytest.mark.parametrize("ua", ["MyScraper/1.0", "WebClient/1.0", "webcollage/1.129", "Scoop"])
def test_a_lone_token_no_device_rule_names_stays_a_script(ua):
    from jreject.detect import detect

    assert detect(ua).is_bot
