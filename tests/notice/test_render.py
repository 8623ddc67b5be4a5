from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from jreject.detect.client import Client
from jreject.notice import BROWSERS, Notice

from .conftest import CHROME_IOS15, FIREFOX_WIN10, IE11_WIN7


def test_modal_is_a_labelled_modal_dialog(notice, make_request):
    html = notice.fragment(make_request()).decode()
    assert re.search(r'<div id="jreject" class="jreject jreject-modal" role="dialog"', html)
    assert 'aria-modal="true"' in html
    assert 'aria-labelledby="jreject-title"' in html
    assert '<h2 class="jreject-title" id="jreject-title">' in html


def test_modal_names_the_visitors_browser_and_version(notice, make_request):
    html = notice.fragment(make_request()).decode()
    assert "You are using Safari 12.1." in html


def test_close_link_points_at_close_url(notice, make_request):
    html = notice.fragment(make_request(close_url="/app/_jreject/close?next=%2Fapp")).decode()
    # In this window, whatever the page's <base target> says: without JavaScript the
    # link sets the cookie and comes back here, so it must not open a new tab.
    expected = '<a class="jreject-close" href="/app/_jreject/close?next=%2Fapp" target="_self">'
    assert expected in html


def test_block_page_is_a_complete_document(notice, make_request):
    html = notice.block_page(make_request(IE11_WIN7, "block")).decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en"')
    assert html.rstrip().endswith("</html>")
    assert "You are using Internet Explorer 11.0, which this site does not support." in html


def test_fragment_refuses_block_and_log_actions(notice, make_request):
    for action in ("block", "log"):
        with pytest.raises(ValueError, match="block_page"):
            notice.fragment(make_request(action=action))


def test_static_mode_links_hashed_files_that_static_serves(make_request):
    notice = Notice(assets="static", static_url="/s/")
    html = notice.fragment(make_request()).decode()
    css = re.search(r'<link rel="stylesheet" href="/s/([^"]+)">', html)
    js = re.search(r'<script src="/s/([^"]+)"></script>', html)
    assert css
    assert js
    assert "<style" not in html
    body, content_type = notice.static(css.group(1))
    assert content_type == "text/css; charset=utf-8"
    assert b"#jreject" in body
    assert notice.static(js.group(1))[1] == "text/javascript; charset=utf-8"
    pngs = {name for name in notice.static_names if name.endswith(".png")}
    assert notice.static_names == {css.group(1), js.group(1), *pngs}
    assert len(pngs) == len(BROWSERS)
    assert notice.static("jreject.css") is None


def test_a_requests_static_url_replaces_the_configured_one(make_request):
    # The middleware's files are under the app's mount point: each request says where.
    notice = Notice(assets="static", static_url="/_jreject/static/")
    mounted = notice.fragment(make_request(FIREFOX_WIN10, static_url="/shop/_jreject/static/"))
    plain = notice.fragment(make_request(FIREFOX_WIN10))
    links = re.findall(r'(?:href|src)="([^"]+\.(?:css|js|png))"', mounted.decode())
    assert len(links) == 2 + 4  # the CSS, the script and the suggested browsers' PNGs
    assert all(link.startswith("/shop/_jreject/static/") for link in links)
    # One skeleton serves both, and neither request's URL stays in it.
    assert b"/shop/" not in plain
    assert plain == Notice(assets="static").fragment(make_request(FIREFOX_WIN10))


@pytest.mark.parametrize(
    ("static_url", "message"),
    [
        ("/shop/_jreject/static", "must end in '/'"),
        ("javascript:alert(1)//", "must be a relative or http"),
        ('/a"b/', None),  # escaped, not refused: it stays inside its attribute
    ],
)
def test_a_requests_static_url_is_checked_and_escaped(make_request, static_url, message):
    notice = Notice(assets="static")
    request = make_request(static_url=static_url)
    if message is None:
        assert b'href="/a&#34;b/jreject.' in notice.fragment(request)
    else:
        with pytest.raises(ValueError, match=message):
            notice.fragment(request)


HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def client_named(name: str) -> Client:
    return Client(browser="evil", browser_name=name, version=(1,), os="windows", os_name=name)


def markup(html: str | bytes) -> str:
    """The HTML without our own stylesheet and script bodies."""
    if isinstance(html, bytes):
        html = html.decode()
    return re.sub(r"(<(style|script)[^>]*>).*?(</\2>)", r"\1\3", html, flags=re.S)


def every_form(notice: Notice, make_request, client: Client) -> tuple[str, str, str]:
    """The modal, the banner and the 406 page for ``client``, as :func:`markup`."""
    return (
        markup(notice.fragment(make_request(client))),
        markup(notice.fragment(make_request(client, "banner"))),
        markup(notice.block_page(make_request(client, "block"))),
    )


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_no_injection(html: str) -> None:
    tags = Tags(markup(html)).tags
    assert {tag for tag, _ in tags} <= {
        "style",
        "script",
        "div",
        "h1",
        "h2",
        "p",
        "ul",
        "li",
        "a",
        "span",
        "strong",
        "svg",
        "defs",
        "lineargradient",
        "stop",
        "circle",
        "ellipse",
        "path",
        "polygon",
        "text",
        "html",
        "head",
        "meta",
        "title",
        "body",
    }
    for tag, attrs in tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript"), (tag, attrs)


def test_configured_texts_are_escaped(make_request):
    notice = Notice(texts={"header": HOSTILE, "paragraph1": HOSTILE, "banner": HOSTILE})
    for action in ("modal", "banner"):
        html = notice.fragment(make_request(action=action)).decode()
        assert_no_injection(html)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_detected_browser_name_from_the_user_agent_is_escaped(notice, make_request):
    request = make_request(client_named(HOSTILE))
    for html in (notice.fragment(request), notice.block_page(request)):
        text = html.decode()
        assert_no_injection(text)
        assert "&#34;&gt;&lt;script&gt;" in text


def test_quotes_in_close_url_cannot_leave_the_attribute(notice, make_request):
    html = notice.fragment(make_request(close_url='/close?next=%2F"onclick="alert(1)\'')).decode()
    assert 'href="/close?next=%2F&#34;onclick=&#34;alert(1)&#39;"' in html
    assert_no_injection(html)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "\\\\evil.example/x",
        "",
    ],
)
def test_unsafe_urls_are_refused(notice, make_request, url):
    with pytest.raises(ValueError, match="close_url"):
        notice.fragment(make_request(close_url=url))
    with pytest.raises(ValueError, match="continue_url"):
        notice.block_page(make_request(action="block", continue_url=url))


@pytest.mark.parametrize(
    "url", ["/_jreject/close?next=%2F", "close", "https://shop.example/_jreject/close", "?x=1"]
)
def test_relative_and_https_urls_are_accepted(notice, make_request, url):
    assert f'href="{url}"' in notice.fragment(make_request(close_url=url)).decode()


def test_nonce_goes_on_inline_style_and_script(notice, make_request):
    html = notice.fragment(make_request(nonce="r4nd0m+/=")).decode()
    assert '<style nonce="r4nd0m+/=">' in html
    assert '<script nonce="r4nd0m+/=">' in html
    block = notice.block_page(make_request(action="block", nonce="abc")).decode()
    assert '<style nonce="abc">' in block
    assert "<script" not in block


def test_without_nonce_there_is_no_nonce_attribute(notice, make_request):
    html = notice.fragment(make_request()).decode()
    assert "nonce" not in html
    assert "<style>" in html
    assert "<script>" in html


def test_nonce_goes_on_static_links_too(make_request):
    html = Notice(assets="static").fragment(make_request(nonce="abc")).decode()
    assert re.search(r'<link rel="stylesheet" href="/_jreject/static/[^"]+" nonce="abc">', html)
    assert re.search(r'<script src="/_jreject/static/[^"]+" nonce="abc"></script>', html)


def test_a_nonce_that_could_break_the_attribute_is_refused(notice, make_request):
    with pytest.raises(ValueError, match="nonce"):
        notice.fragment(make_request(nonce='x" onload="alert(1)'))


def test_banner_is_a_labelled_region_with_a_close_link(notice, make_request):
    html = notice.fragment(make_request(action="banner")).decode()
    assert re.search(
        r'<div id="jreject" class="jreject jreject-banner jreject-banner-top" role="region" '
        r'aria-label="Browser notice"',
        html,
    )
    assert (
        'class="jreject-close jreject-banner-close" href="/_jreject/close?next=%2Fshop" '
        'target="_self"'
    ) in html
    assert "You are using Safari 12.1, which this site no longer supports." in html
    assert 'role="dialog"' not in html


def test_modal_lists_platform_browsers_with_links(notice, make_request):
    html = notice.fragment(make_request(FIREFOX_WIN10)).decode()
    links = re.findall(r'<a class="jreject-browser-link" href="([^"]+)">', html)
    assert links == [
        "https://www.mozilla.org/firefox/new/",
        "https://www.google.com/chrome/",
        "https://www.microsoft.com/edge/download",
        "https://www.opera.com/download",
    ]
    assert 'aria-label="Suggested browsers"' in html


def test_a_system_no_current_browser_installs_on_is_told_so(notice, make_request):
    # Windows 7: Chrome, Edge, Opera ended in 2023, Firefox ESR 115 in 2026.
    html = markup(notice.fragment(make_request(IE11_WIN7)))
    assert "jreject-browsers" not in html
    assert "install one of the browsers below" not in html
    assert "so it is too old for this site." in html


def test_no_browser_list_when_none_fits(make_request):
    notice = Notice(browsers=["safari"])
    html = markup(notice.fragment(make_request(IE11_WIN7)))
    assert "jreject-browsers" not in html
    assert "Close this message" in html
    # IE has no update, and nothing is listed: no sentence points at an empty list.
    block = markup(notice.block_page(make_request(IE11_WIN7, "block")))
    for page in (html, block):
        assert "install one of" not in page
        assert "Get a current browser" not in page


def test_block_page_offers_continue_link_only_when_given(notice, make_request):
    without = markup(notice.block_page(make_request(action="block")))
    assert "jreject-continue" not in without
    with_link = notice.block_page(
        make_request(action="block", continue_url="/_jreject/continue?next=%2F")
    ).decode()
    assert (
        '<a class="jreject-continue" href="/_jreject/continue?next=%2F" target="_self">'
        "Continue anyway</a>"
    ) in with_link


def test_block_page_is_noindex_and_standards_mode(notice, make_request):
    html = notice.block_page(make_request(action="block")).decode()
    assert '<meta name="robots" content="noindex">' in html
    assert '<meta charset="utf-8">' in html
    assert "<title>Your browser is not supported</title>" in html
    assert '<div id="jreject" class="jreject jreject-block" role="main" dir="ltr">' in html


def test_unknown_browser_is_named_politely(notice, make_request):
    html = notice.fragment(make_request(Client())).decode()
    assert "You are using a browser we do not recognise." in html


def test_no_inline_event_handlers_anywhere(notice, make_request):
    outputs = [
        notice.fragment(make_request(FIREFOX_WIN10, action="modal")),
        notice.fragment(make_request(FIREFOX_WIN10, action="banner")),
        notice.block_page(make_request(FIREFOX_WIN10, action="block", continue_url="/go")),
    ]
    for html in outputs:
        tags = Tags(markup(html)).tags
        assert len(tags) >= 8
        for tag, attrs in tags:
            assert not [name for name in attrs if name.startswith("on")], (tag, attrs)


def test_no_external_resources_in_the_markup(notice, make_request):
    for html in (
        notice.fragment(make_request(FIREFOX_WIN10)).decode(),
        notice.block_page(make_request(FIREFOX_WIN10, action="block")).decode(),
    ):
        # Only IE 8 and older read [if lt IE 9]: they get the icons' PNGs from our own
        # static URL, since they cannot draw the inline SVG.
        for_old_ie = re.findall(r"<!--\[if lt IE 9\]>(.*?)<!\[endif\]-->", html)
        assert len(for_old_ie) == 4
        for markup_ in for_old_ie:
            assert re.fullmatch(
                r'<img class="jreject-icon" src="/_jreject/static/\w+\.[0-9a-f]{10}\.png" '
                r'width="40" height="40" alt="">',
                markup_,
            )
        rest = re.sub(r"<!--\[if lt IE 9\]>.*?<!\[endif\]-->", "", html)
        assert not re.search(r'\ssrc="', rest)
        assert "<link" not in rest
        # Icons fill with their own gradients; nothing else is referenced.
        assert set(re.findall(r"url\(([^)]*)\)", rest)) <= {
            f"#jreject-{b}-{part}"
            for b in BROWSERS
            for part in ("fur", "globe", "wave", "body", "dial", "ring", "sky")
        }


def test_old_ie_gets_the_icons_as_png_from_the_static_url(make_request):
    notice = Notice(static_url="/assets/")
    html = notice.fragment(make_request(FIREFOX_WIN10)).decode()
    names = re.findall(r'<!--\[if lt IE 9\]><img class="jreject-icon" src="/assets/([^"]+)"', html)
    assert [name.split(".")[0] for name in names] == ["firefox", "chrome", "edge", "opera"]
    for name in names:
        body, content_type = notice.static(name)
        assert content_type == "image/png"
        assert body.startswith(b"\x89PNG\r\n\x1a\n")


def test_output_is_utf8_bytes(make_request):
    notice = Notice(texts={"header": "Navigateur dépassé ✓"})
    html = notice.fragment(make_request())
    assert isinstance(html, bytes)
    assert "Navigateur dépassé ✓".encode() in html


# Texts and languages.


def test_custom_texts_with_jreject_names_replace_the_defaults(make_request):
    notice = Notice.from_config(
        {
            "texts": {
                "header": "Did you know that your browser is out of date?",
                "paragraph1": "Your {name} {version} is out of date.",
                "closeLink": "Close This Window",
                "closeMessage": "By closing this window you acknowledge...",
            }
        }
    )
    html = notice.fragment(make_request(FIREFOX_WIN10)).decode()
    assert ">Did you know that your browser is out of date?</h2>" in html
    assert ">Your Firefox 52.0 is out of date.</p>" in html
    assert ">Close This Window</a>" in html
    assert "By closing this window you acknowledge..." in html
    # Keys left alone keep their default.
    assert "Please update it, or install one of the browsers below." in html


def test_visitor_language_picks_a_built_in_translation(notice, make_request):
    html = notice.fragment(make_request(language="fr-CA")).decode()
    assert 'lang="fr"' in html
    assert "Votre navigateur n’est plus à jour" in html
    assert "Vous utilisez Safari 12.1." in html


def test_unknown_visitor_language_falls_back_to_the_notice_language(notice, make_request):
    html = notice.fragment(make_request(language="xx")).decode()
    assert 'lang="en"' in html
    assert "Your browser is out of date" in html


def test_site_texts_apply_to_the_site_language_and_per_language_tables(make_request):
    notice = Notice(
        texts={
            "header": "Old browser!",
            "fr": {"header": "Vieux navigateur !"},
            "nl": {"header": "Verouderde browser"},
        },
    )
    assert ">Old browser!</h2>" in notice.fragment(make_request()).decode()
    assert ">Vieux navigateur !</h2>" in notice.fragment(make_request(language="fr")).decode()
    dutch = notice.fragment(make_request(language="nl-BE")).decode()
    assert ">Verouderde browser</h2>" in dutch
    assert 'lang="nl"' in dutch
    assert notice.languages >= {"en", "de", "fr", "nl"}


def test_notice_language_sets_the_default(make_request):
    notice = Notice(language="de")
    html = notice.block_page(make_request(action="block")).decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="de"')
    assert "Ihr Browser wird nicht unterstützt" in html


# Validation: errors name the key.


@pytest.mark.parametrize(
    ("config", "error", "message"),
    [
        ({"colour": "red"}, ValueError, r"notice\.colour is not a notice setting.*texts"),
        ({"assets": "cdn"}, ValueError, r"notice\.assets is 'cdn'; expected 'inline' or 'static'"),
        ({"static_url": "/static"}, ValueError, r"notice\.static_url must be a URL path ending"),
        ({"static_url": "javascript:/"}, ValueError, r"notice\.static_url must be a relative"),
        ({"browsers": ["firefox", "ie"]}, ValueError, r"notice\.browsers\[1\] is 'ie'"),
        ({"browsers": "firefox"}, TypeError, r"notice\.browsers must be a list"),
        ({"texts": {"header": 1}}, ValueError, r"notice\.texts\.header must be a string"),
        ({"texts": {"heading": "x"}}, ValueError, r"notice\.texts\.heading is not a notice text"),
        ({"texts": {"fr": {"titre": "x"}}}, ValueError, r"notice\.texts\.fr\.titre is not"),
        ({"texts": {"header": {"a": "b"}}}, ValueError, r"notice\.texts\.header is a table"),
        ({"texts": ["header"]}, TypeError, r"notice\.texts must be a table"),
        ({"language": "??"}, ValueError, r"notice\.language must be a language tag"),
    ],
)
def test_bad_configuration_fails_at_construction_naming_the_key(config, error, message):
    with pytest.raises(error, match=message):
        Notice.from_config(config)


def test_from_config_accepts_every_documented_key(make_request):
    notice = Notice.from_config(
        {
            "texts": {"header": "Hi"},
            "browsers": ["chrome", "firefox"],
            "assets": "static",
            "static_url": "/assets/jreject/",
            "language": "en",
        }
    )
    html = notice.fragment(make_request(FIREFOX_WIN10)).decode()
    assert notice.assets == "static"
    assert "/assets/jreject/jreject." in html
    assert re.findall(r'jreject-browser-name">(\w+)<', html) == ["Chrome", "Firefox"]


def test_cached_renders_never_carry_one_visitors_values_to_another(notice, make_request):
    first = notice.fragment(make_request(close_url="/c?next=%2Fa", nonce="n0nce1")).decode()
    other = Client(browser="firefox", browser_name="Firefox", version=(52,), os="linux")
    second = notice.fragment(make_request(other, close_url="/c?next=%2Fb", nonce="two")).decode()
    third = notice.fragment(make_request(other, close_url="/c?next=%2Fb")).decode()
    assert "Safari 12.1" in first
    assert "Safari" not in markup(second).replace(">Safari<", "")
    assert "Firefox 52" in second
    assert 'href="/c?next=%2Fb"' in second
    assert "%2Fa" not in second
    assert 'nonce="two"' in second
    assert "n0nce1" not in second
    assert "nonce" not in third
    assert "\x00" not in first + second + third


def test_a_text_with_nul_is_refused():
    with pytest.raises(ValueError, match=r"notice\.texts\.header must not contain a NUL"):
        Notice(texts={"header": "a\x00b"})


# Own templates.

BLOCK = """{% from "_parts.html" import style, browser_list %}<!DOCTYPE html>
<html lang="{{ lang }}"><head><title>{{ t.block_title }}</title>{{ style(assets) }}</head>
<body><img src="/logo.png" alt="Shop"><h1>{{ t.block_title }}</h1><p>{{ t.block_paragraph1 }}</p>
{{ browser_list(browsers, t.browsers_label, icons) }}</body></html>"""


def test_a_site_template_replaces_ours_and_keeps_escaping(tmp_path, make_request):
    (tmp_path / "block.html").write_text(BLOCK)
    notice = Notice(templates=str(tmp_path))
    html = notice.block_page(make_request(client_named("<b>x</b>"), "block")).decode()
    assert '<img src="/logo.png" alt="Shop">' in html
    assert "You are using &lt;b&gt;x&lt;/b&gt; 1" in html
    # The modal is still ours.
    assert 'role="dialog"' in notice.fragment(make_request()).decode()


def test_a_template_with_a_syntax_error_fails_at_startup_naming_the_file(tmp_path):
    (tmp_path / "modal.html").write_text("<div>{% if %}</div>")
    with pytest.raises(ValueError, match=r"notice\.templates: .*modal\.html line 1"):
        Notice(templates=tmp_path)


def test_a_template_with_an_unknown_variable_fails_at_startup(tmp_path):
    (tmp_path / "banner.html").write_text("<div>{{ t.no_such_text }}</div>")
    with pytest.raises(ValueError, match=r"notice\.templates: banner\.html cannot be rendered"):
        Notice(templates=tmp_path)


@pytest.mark.parametrize(
    "branch",
    [
        '{% if advice == "too_old" %}{{ no_such_name }}{% endif %}',
        "{% if not continue_url %}{{ no_such_name }}{% endif %}",
        '{% if dir == "rtl" %}{{ t.no_such_text }}{% endif %}',
        '{% if lang == "ja" %}{{ no_such_name }}{% endif %}',
        "{% if browsers | length == 1 %}{{ no_such_name }}{% endif %}",
    ],
    ids=["advice", "no-continue-link", "rtl", "one-language", "one-browser"],
)
def test_an_unknown_variable_in_any_branch_fails_at_startup_not_on_a_visit(tmp_path, branch):
    # A branch the first render does not take must not wait for the visitor who takes it.
    (tmp_path / "block.html").write_text(BLOCK.replace("<body>", "<body>" + branch))
    with pytest.raises(ValueError, match=r"notice\.templates: block\.html cannot be rendered"):
        Notice(templates=tmp_path)


def test_a_missing_template_folder_is_reported(tmp_path):
    with pytest.raises(ValueError, match=r"notice\.templates must be a folder"):
        Notice.from_config({"templates": str(tmp_path / "nope")})


# What a visitor can do, and whose site this is.


def test_chrome_on_ios_is_told_to_update_ios_with_the_ios_version(notice, make_request):
    for action in ("modal", "banner"):
        html = markup(notice.fragment(make_request(CHROME_IOS15, action)))
        assert "You are using Chrome (iOS 15.8)" in html
        assert "iOS 120" not in html
        assert "Please update iOS in Settings, General, Software Update." in html
        assert "jreject-browsers" not in html
        assert "apps.apple.com" not in html


def test_the_ios_version_is_translated_advice_too(notice, make_request):
    html = notice.fragment(make_request(CHROME_IOS15, language="de")).decode()
    assert "Bitte aktualisieren Sie iOS unter Einstellungen, Allgemein, Softwareupdate." in html


CHROMEOS = Client(
    browser="chrome",
    browser_name="Chrome",
    version=(100, 0, 4896, 133),
    engine="blink",
    os="chromeos",
    os_name="ChromeOS",
    device="desktop",
)


def test_chromeos_is_not_sent_to_a_chrome_download_that_cannot_install(notice, make_request):
    for html in every_form(notice, make_request, CHROMEOS):
        assert "google.com/chrome" not in html
        assert "jreject-browsers" not in html
        assert "install one of" not in html
        assert "so it is too old for this site." in html


XBOX = Client(
    browser="edge_legacy",
    browser_name="Microsoft Edge (EdgeHTML)",
    version=(18, 19041),
    engine="edgehtml",
    os="windows",
    os_name="Windows",
    os_version=(10,),
    device="tv",
)


def test_a_console_is_not_sent_to_desktop_downloads(notice, make_request):
    # Xbox says Windows 10: the notice must look at the device, not just the system.
    for html in every_form(notice, make_request, XBOX):
        assert "https://" not in html
        assert "jreject-browsers" not in html
        assert "so it is too old for this site." in html


CHROME_ANDROID9 = Client(
    browser="chrome",
    browser_name="Chrome",
    version=(110, 0),
    engine="blink",
    os="android",
    os_name="Android",
    os_version=(9,),
    device="mobile",
)


def test_update_it_is_not_said_where_the_browser_cannot_be_brought_up_to_date(notice, make_request):
    modal = markup(notice.fragment(make_request(CHROME_ANDROID9)))
    block = markup(notice.block_page(make_request(CHROME_ANDROID9, "block")))
    for html in (modal, block):
        assert "update" not in html.replace("jreject", "")
        assert "Get a current browser:" in html
        assert re.findall(r'<a class="jreject-browser-link" href="([^"]+)">', html) == [
            "https://play.google.com/store/apps/details?id=org.mozilla.firefox"
        ]
    # In every language: the text is the banner's own, translated everywhere.
    german = markup(notice.fragment(make_request(CHROME_ANDROID9, language="de")))
    assert "Aktuellen Browser holen:" in german
    assert "aktualisieren" not in german
    # Where the visitor's browser does update, the modal and the 406 page say so.
    assert "Please update it, or install" in notice.fragment(make_request(FIREFOX_WIN10)).decode()
    assert (
        "Please update your browser, or install one of these"
        in notice.block_page(make_request(FIREFOX_WIN10, "block")).decode()
    )


def test_a_too_old_system_gets_the_sites_own_links_when_configured(make_request):
    notice = Notice(contact_url="/contact", fallback_url="https://lite.example.com/")
    for html in (
        notice.fragment(make_request(IE11_WIN7)).decode(),
        notice.fragment(make_request(IE11_WIN7, "banner")).decode(),
        notice.block_page(make_request(IE11_WIN7, "block")).decode(),
    ):
        assert "so it is too old for this site." in html
        assert 'href="/contact">Contact us</a>' in html
        assert 'href="https://lite.example.com/">Use the basic version of this site</a>' in html
    # Where a browser helps, the modal offers browsers, not the site's links.
    assert "Contact us" not in notice.fragment(make_request(FIREFOX_WIN10)).decode()


def test_the_406_page_names_the_site_with_its_logo_and_contact(make_request):
    notice = Notice(site_name="Acme & Co <Shop>", logo_url="/logo.png", contact_url="/help")
    html = notice.block_page(make_request(FIREFOX_WIN10, "block")).decode()
    assert "<title>Acme &amp; Co &lt;Shop&gt;: Your browser is not supported</title>" in html
    assert '<img class="jreject-logo" src="/logo.png" alt="Acme &amp; Co &lt;Shop&gt;"' in html
    assert '<span class="jreject-site-name" aria-hidden="true">Acme &amp; Co &lt;Shop&gt;' in html
    assert '<a class="jreject-site-link jreject-contact" href="/help">Contact us</a>' in html
    assert_no_injection(html.replace("<img", "<span"))


def test_a_contact_link_may_be_an_email_address(make_request):
    notice = Notice(contact_url="mailto:help@example.com")
    html = notice.block_page(make_request(FIREFOX_WIN10, "block")).decode()
    assert 'href="mailto:help@example.com">Contact us</a>' in html


def test_the_406_page_without_site_settings_has_no_site_line(notice, make_request):
    html = notice.block_page(make_request(FIREFOX_WIN10, "block")).decode()
    assert "jreject-site" not in markup(html)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"site_name": ""}, "notice.site_name must be a non-empty string"),
        ({"site_name": "x" * 81}, "at most 80 characters"),
        ({"site_name": "two\nlines"}, "one line"),
        ({"logo_url": "javascript:alert(1)"}, "notice.logo_url must be a relative or http"),
        ({"contact_url": "data:text/html,hi"}, "notice.contact_url must be a relative"),
        ({"contact_url": "mailto:a b@example.com"}, "notice.contact_url must not contain"),
        ({"fallback_url": " /lite"}, "notice.fallback_url must not contain spaces"),
        ({"banner_position": "middle"}, "notice.banner_position is 'middle'; expected 'top'"),
    ],
)
def test_site_settings_are_validated_naming_the_key(config, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Notice.from_config(config)


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_the_banner_carries_its_position(position, make_request):
    html = Notice(banner_position=position).fragment(make_request(action="banner")).decode()
    assert f'class="jreject jreject-banner jreject-banner-{position}"' in html
    # Phones show the short title instead of the long sentence: both are in the markup.
    assert '<strong class="jreject-banner-short">Your browser is out of date</strong>' in html
