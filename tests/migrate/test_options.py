"""jReject options → jreject settings: the same browsers rejected, every option accounted for."""

from __future__ import annotations

import tomllib

import pytest

from jreject.config import config_from_dict
from jreject.detect import detect
from jreject.migrate.literal import JSFunction
from jreject.migrate.options import KNOWN_OPTIONS, migrate_options
from jreject.migrate.toml import render

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"
IE7 = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)"
IE8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"
IE9 = "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)"
IE11 = "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko"
FIREFOX_3 = (
    "Mozilla/5.0 (Windows; U; Windows NT 6.1; en-US; rv:1.9.2.13) Gecko/20101203 Firefox/3.6.13"
)
FIREFOX_4 = "Mozilla/5.0 (Windows NT 6.1; rv:2.0) Gecko/20100101 Firefox/4.0"
FIREFOX_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0"
FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME_39 = (
    "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/39.0.2171.95 Safari/537.36"
)
CHROME_41 = CHROME_39.replace("39.0.2171.95", "41.0.2272.101")
EDGE_18 = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582"
)
EDGE_120 = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0"
)
SAFARI_IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
KONQUEROR = "Mozilla/5.0 (X11; Linux x86_64) KHTML/4.14.2 (like Gecko) Konqueror/4.14"


def migrated(options):
    text = render(migrate_options(options))
    return text, config_from_dict(tomllib.loads(text))


def rejected(options, agent):
    _, config = migrated(options)
    return not config.policy(detect({"User-Agent": agent})).allowed


# (reject option, rejected by jReject, allowed by jReject): what the plugin did with each.
CASES = [
    ({"msie": 8}, [IE6, IE8], [IE9, IE11, FIREFOX_WIN]),
    ({"msie": True}, [IE6, IE11], [EDGE_18, FIREFOX_WIN]),
    ({"msie": "9"}, [IE9], [IE11]),
    ({"msie": 0}, [], [IE6]),
    # 1e400 reads as Infinity: jReject's version <= Infinity held for every version.
    ({"msie": float("inf")}, [IE6, IE11], [EDGE_18, FIREFOX_WIN]),
    ({"firefox": float("inf")}, [FIREFOX_3, FIREFOX_WIN], [IE11]),
    ({"msie7": True}, [IE7], [IE6, IE8]),
    ({"msie7": 1}, [IE7], [IE8]),
    ({"firefox3": True}, [FIREFOX_3], [FIREFOX_4]),
    ({"firefox": 3.6}, [FIREFOX_3], [FIREFOX_4]),
    ({"firefox": 3.5}, [], [FIREFOX_3]),
    ({"chrome": 40}, [CHROME_39], [CHROME_41]),
    ({"edge": True}, [EDGE_18], [EDGE_120, IE11]),
    ({"webkit": True}, [CHROME_41, SAFARI_IPHONE, EDGE_120], [FIREFOX_WIN, IE11]),
    ({"gecko": True}, [FIREFOX_MAC], [CHROME_41]),
    ({"trident": True}, [IE8, IE11], [EDGE_18]),
    ({"win": True}, [FIREFOX_WIN, IE6], [FIREFOX_MAC, SAFARI_IPHONE]),
    ({"mac": True}, [FIREFOX_MAC], [FIREFOX_WIN]),
    ({"iphone": True}, [SAFARI_IPHONE], [FIREFOX_MAC]),
    ({"khtml": True}, [KONQUEROR], [SAFARI_IPHONE]),
    ({"konqueror": True}, [KONQUEROR], [FIREFOX_WIN]),
    ({"all": True}, [FIREFOX_WIN, CHROME_41], []),
    ({"all": False, "msie": 6}, [IE6], [IE7]),
    ({"unknown": True}, ["Foo/1.0"], [FIREFOX_WIN]),
]


@pytest.mark.parametrize(("reject", "rejects", "allows"), CASES, ids=[str(c[0]) for c in CASES])
def test_migrated_rules_reject_what_jreject_rejected(reject, rejects, allows):
    for agent in rejects:
        assert rejected({"reject": reject}, agent), agent
    for agent in allows:
        assert not rejected({"reject": reject}, agent), agent


def test_no_reject_option_is_jrejects_default_msie_6():
    assert rejected({}, IE6)
    assert not rejected({}, IE7)


def test_chromium_and_linux_caveats_are_written_next_to_the_keys():
    text, _ = migrated({"reject": {"chrome": 40, "linux": True}})
    assert "jReject also counted Chromium browsers" in text
    assert "# android = true" in text


def test_keys_that_cannot_come_along_are_comments():
    text, config = migrated({"reject": {"solaris": True, "mozillaX": False, "camino": True}})
    assert "# solaris: no Solaris browser is detected any more" in text
    assert "# mozillaX: not a jReject browser, engine or platform key" in text
    assert "# camino: camino is not detected any more" in text
    assert config.policy(detect({"User-Agent": IE6})).allowed


def test_texts_become_notice_texts_as_plain_text():
    text, config = migrated(
        {
            "header": "Your browser is <b>old</b>",
            "paragraph1": "Line one<br>line two {sic}",
            "closeMessage": "Fine &amp; well",
            "closeLink": "Close",
            "paragraph2": "Get one below",
        }
    )
    assert config.notice_options["texts"] == {
        "header": "Your browser is old",
        "paragraph1": "Line one\nline two {{sic}}",
        "paragraph2": "Get one below",
        "close_message": "Fine & well",
        "close_link": "Close",
    }
    assert "HTML tags removed" in text


def test_a_dialog_that_cannot_be_closed_becomes_the_406_page_with_the_same_words():
    _, config = migrated({"close": False, "header": "Stop", "paragraph1": "Too old"})
    assert config.policy(detect({"User-Agent": IE6})).action == "block"
    assert config.notice_options["texts"]["block_title"] == "Stop"
    assert config.notice_options["texts"]["block_paragraph1"] == "Too old"


def test_display_becomes_the_suggested_browsers():
    _, config = migrated({"display": ["firefox", "msie", "chrome", "gcf", "konqueror"]})
    assert config.notice_options["browsers"] == ["firefox", "edge", "chrome"]
    _, config = migrated({"browserShow": False, "display": ["firefox"]})
    assert config.notice_options["browsers"] == []


def test_close_cookie_keeps_jrejects_cookie_and_lifetime():
    _, config = migrated(
        {"closeCookie": True, "cookieSettings": {"path": "/shop", "expires": 604800}}
    )
    settings = config.settings
    assert (settings.cookie_name, settings.cookie_max_age, settings.cookie_path) == (
        "jreject-close",
        604800,
        "/shop",
    )


SAMPLES = {
    "reject": {"msie": 7},
    "display": ["firefox"],
    "browserShow": False,
    "browserInfo": {"firefox": {"text": "Firefox", "url": "https://example.test/"}},
    "header": "H",
    "paragraph1": "P1",
    "paragraph2": "P2",
    "close": False,
    "closeMessage": "M",
    "closeLink": "L",
    "closeURL": "/bye",
    "closeESC": False,
    "closeCookie": True,
    "cookieSettings": {"expires": 60},
    "imagePath": "./images/",
    "overlayBgColor": "#000",
    "overlayOpacity": 0.8,
    "fadeInTime": "fast",
    "fadeOutTime": 200,
    "analytics": True,
    "beforeReject": JSFunction("function () {}"),
    "afterReject": JSFunction("function () {}"),
    "onFail": JSFunction("function () {}"),
    "beforeClose": JSFunction("function () {}"),
    "afterClose": JSFunction("function () {}"),
}
# Where each mapped option shows in the output; every other option is explained in a comment.
MAPPED = {
    "reject": "msie = 7",
    "display": 'browsers = ["firefox"]',
    "browserShow": "browsers = []",
    "header": 'header = "H"',
    "paragraph1": 'paragraph1 = "P1"',
    "paragraph2": 'paragraph2 = "P2"',
    "close": 'action = "block"',
    "closeMessage": 'close_message = "M"',
    "closeLink": 'close_link = "L"',
    "closeCookie": 'cookie_name = "jreject-close"',
    "cookieSettings": "cookie_max_age = 60",
}


@pytest.mark.parametrize("option", KNOWN_OPTIONS)
def test_every_jreject_option_is_mapped_or_explained(option):
    text, _ = migrated({option: SAMPLES[option]})
    expected = MAPPED.get(option, f"# {option} = ")
    assert expected in text


@pytest.mark.parametrize(
    ("options", "comments"),
    [
        ({"display": "firefox"}, ['# display = "firefox": not a list of browser names; left out']),
        (
            {"closeCookie": True, "cookieSettings": {"expires": "never", "path": 5}},
            [
                '# cookieSettings.expires = "never": not a number of seconds; left out',
                "# cookieSettings.path = 5: not a path starting with /; left out",
            ],
        ),
        ({"cookieSettings": {"expires": -1}}, ["# cookieSettings.expires = -1: not a number"]),
        ({"cookieSettings": {"path": "shop"}}, ['# cookieSettings.path = "shop": not a path']),
        ({"browserShow": "no"}, ['# browserShow = "no": not true or false: read as true']),
        ({"closeLink": None}, ["# closeLink = null: not a string; left out"]),
    ],
)
def test_a_value_that_cannot_come_along_is_a_comment_saying_why(options, comments):
    text, _ = migrated(options)
    for comment in comments:
        assert comment in text


def test_a_session_cookie_and_the_root_path_are_jrejects_defaults_and_need_no_comment():
    text, config = migrated({"closeCookie": True, "cookieSettings": {"expires": 0, "path": "/"}})
    assert "cookieSettings" not in text
    assert config.settings.cookie_max_age is None


def test_unknown_options_are_named_as_unknown():
    text, _ = migrated({"colour": "red"})
    assert '# colour = "red": not a jReject option; left out' in text
