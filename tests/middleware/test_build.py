"""The middleware put together from real parts: config, detection, policy, notice."""

from __future__ import annotations

import re

import pytest

from jreject.config import ConfigError, config_from_dict
from jreject.data import load
from jreject.middleware import JRejectASGI, JRejectWSGI
from jreject.pipeline import VerdictCache
from jreject.policy.rules import RejectRules

from .conftest import FakeNotice, FakeVerdicts, Harness, Page

LATEST_CHROME = max(int(v.version) for v in load().agents["chrome"].released_versions)
IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
IE11 = "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko"
CHROME = (  # current Chrome: the default policy judges how far behind it is
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    f"(KHTML, like Gecko) Chrome/{LATEST_CHROME}.0.0.0 Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(params=[JRejectWSGI, JRejectASGI], ids=["wsgi", "asgi"])
def real(request):
    kind = "wsgi" if request.param is JRejectWSGI else "asgi"

    def factory(**options):
        options.setdefault("verdicts", None)
        options.setdefault("notice", None)
        return Harness(kind, Page(), **options)

    return factory


def test_default_policy_is_the_recommended_one(real):
    harness = real()
    assert b'class="jreject jreject-modal"' in harness.get(ua=IE6).body
    assert b'class="jreject jreject-modal"' in harness.get(ua=IE11).body
    assert b'id="jreject"' not in harness.get(ua=CHROME).body


def test_policy_argument_is_used(real):
    harness = real(policy=RejectRules({"msie": 11}, action="block"))
    assert harness.get(ua=IE11).status == 406
    assert harness.get(ua=CHROME).status == 200


def test_config_mapping_sets_policy_notice_and_middleware_options(real):
    config = {
        "policy": [{"reject": {"msie": 8}, "action": "banner"}],
        "notice": {"texts": {"banner": "Please update"}},
        "middleware": {"explain": True},
    }
    result = real(config=config).get(ua=IE6)
    assert result.header("JReject") == 'banner; rule="msie<=8"'
    assert b"Please update" in result.body


def test_config_file_path_is_loaded(real, tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_text('[[policy]]\nreject = { msie = 11 }\naction = "block"\n')
    assert real(config=str(path)).get(ua=IE11).status == 406


def test_loaded_config_object_is_accepted(real):
    config = config_from_dict({"policy": [{"reject": {"msie": 11}, "action": "block"}]})
    assert real(config=config).get(ua=IE11).status == 406


def test_bots_are_never_blocked(real):
    harness = real(policy=RejectRules({"all": True}, action="block"))
    assert harness.get(ua=GOOGLEBOT).status == 200
    assert harness.get(ua=CHROME).status == 406


def test_real_block_page_has_the_continue_link_when_enabled(real):
    harness = real(policy=RejectRules({"msie": 11}, action="block"), continue_anyway=True)
    result = harness.get("/shop", ua=IE11)
    assert result.status == 406
    assert b"/_jreject/continue?next=%2Fshop" in result.body


def test_real_notice_serves_its_static_files(real):
    from jreject.notice import Notice

    name = sorted(Notice().static_names)[0]
    result = real().get("/_jreject/static/" + name)
    assert result.status == 200
    assert result.header("Cache-Control") == "public, max-age=31536000, immutable"


def test_old_ie_in_compatibility_view_gets_icon_pngs_the_middleware_serves(real):
    # IE 11 showing a page in IE 7 mode (compatibility view) reads conditional comments
    # and cannot draw SVG; on Windows 10 it is offered browsers, with PNG icons.
    ie7_mode = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0)"
    harness = real()
    page = harness.get(ua=ie7_mode).body.decode()
    urls = re.findall(r'<!--\[if lt IE 9\]><img class="jreject-icon" src="([^"]+)"', page)
    assert len(urls) == 4
    for url in urls:
        result = harness.get(url)
        assert result.status == 200
        assert result.header("Content-Type") == "image/png"
        assert result.body.startswith(b"\x89PNG")


def test_nonce_reaches_the_real_notice(real):
    result = real(nonce="csp_nonce").get(ua=IE6, state={"csp_nonce": "bm9uY2U="})
    assert b'nonce="bm9uY2U="' in result.body


def test_a_nonce_the_notice_refuses_fails_open(real):
    harness = real(nonce="csp_nonce")
    result = harness.get(ua=IE6, state={"csp_nonce": '"><script>'})
    assert result.body == b"<html><body>hi</body></html>"
    assert harness.counters["errors"] == 1


def test_the_verdict_cache_is_hit_on_repeat_visits():
    cache = VerdictCache(RejectRules())
    harness = Harness("wsgi", Page(), verdicts=cache, notice=None)
    for _ in range(3):
        harness.get(ua=IE6)
    assert (cache.stats().misses, cache.stats().hits) == (1, 2)


@pytest.mark.parametrize("cls", [JRejectWSGI, JRejectASGI])
def test_construction_errors_name_the_key(cls):
    with pytest.raises(ValueError, match="'cookie_samesite'"):
        cls(lambda *a: None, cookie_samesite="sometimes")
    # Through the config, the error names the key as every command does: middleware.explain.
    with pytest.raises(ConfigError, match=r"middleware\.explain: must be true or false"):
        cls(lambda *a: None, config={"middleware": {"explain": "on"}})
    # A dict's error says where it came from, as a file's names the file.
    with pytest.raises(ConfigError, match=r"^middleware argument 'config': policy\[0\]\.reject"):
        cls(lambda *a: None, config={"policy": [{"reject": {"msiee": 6}}]})
    with pytest.raises(ValueError, match=r"'notice' must be a jreject\.notice\.Notice"):
        cls(lambda *a: None, notice=object())
    with pytest.raises(ValueError, match="either 'policy' or 'verdicts'"):
        cls(lambda *a: None, policy=RejectRules(), verdicts=FakeVerdicts())
    with pytest.raises(ValueError, match="'config' must be"):
        cls(lambda *a: None, config=42)
    with pytest.raises(TypeError):
        cls(lambda *a: None, FakeNotice())  # options are keyword-only


def test_config_bot_patterns_reach_detection(real):
    config = {
        "bot_patterns": ["MyMonitor/"],
        "policy": [{"reject": {"all": True}, "action": "block"}],
    }
    harness = real(config=config)
    assert harness.get(ua="MyMonitor/1.0 (uptime)").status == 200
    assert harness.get(ua=CHROME).status == 406


def test_a_policy_that_raises_fails_open(real):
    def broken(client):
        raise ZeroDivisionError("policy bug")

    harness = real(policy=broken)
    result = harness.get(ua=IE6)
    assert result.status == 200
    assert result.body == b"<html><body>hi</body></html>"
    assert harness.counters["errors"] == 1
