from __future__ import annotations

import threading

import pytest

from jreject.detect.client import Client
from jreject.detect.headers import Headers
from jreject.pipeline import Cache, Clock, VerdictCache, environ_key, headers_key, scope_key
from jreject.policy.bots import decide
from jreject.policy.rules import RejectRules

POLICY = RejectRules({"msie": 8}, action="block")
IE8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)"


class FakeDetector:
    """Reads 'Name/major' from the User-Agent and counts its calls."""

    def __init__(self):
        self.calls = 0

    def __call__(self, headers: Headers) -> Client:
        self.calls += 1
        ua = headers.get("user-agent", "")
        name, _, major = ua.partition("/")
        browser = {"MSIE": "ie", "Chrome": "chrome", "Bot": "unknown"}.get(name, "unknown")
        version = (int(major),) if major.isdigit() else ()
        return Client(
            browser=browser, browser_name=name or "Unknown", version=version, is_bot=name == "Bot"
        )


def environ(ua, **extra):
    return {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": ua, **extra}


def scope(ua):
    return {"type": "http", "headers": [(b"user-agent", ua.encode()), (b"accept", b"*/*")]}


def test_second_request_is_a_hit_and_does_not_detect_again():
    detector = FakeDetector()
    cache = VerdictCache(POLICY, detector)
    first = cache.from_environ(environ("MSIE/7"))
    second = cache.from_environ(environ("MSIE/7"))
    assert second is first
    assert not first.allowed
    assert detector.calls == 1
    assert (cache.hits, cache.misses) == (1, 1)


def test_environ_and_mapping_share_one_key_and_a_scope_keeps_its_bytes():
    # An ASGI key is the header bytes as the server gave them: nothing is decoded
    # on a hit. The same browser over WSGI and ASGI is two entries, one verdict.
    detector = FakeDetector()
    cache = VerdictCache(POLICY, detector)
    first = cache.from_environ(environ("MSIE/7"))
    assert cache.from_headers({"User-Agent": "MSIE/7"}) is first
    assert cache.from_scope(scope("MSIE/7")) == first
    assert cache.from_scope(scope("MSIE/7")) == first
    assert detector.calls == 2
    assert cache.stats().hits == 2


def test_headers_detection_does_not_read_are_not_part_of_the_key():
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(environ("Chrome/130", HTTP_ACCEPT="text/html"))
    cache.from_environ(environ("Chrome/130", HTTP_ACCEPT="*/*"))
    assert len(cache) == 1


def test_client_hints_are_part_of_the_key():
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(environ("Chrome/130"))
    cache.from_environ(environ("Chrome/130", HTTP_SEC_CH_UA='"Chromium";v="130"'))
    assert len(cache) == 2


def test_cached_verdicts_equal_uncached_ones():
    detector = FakeDetector()
    cache = VerdictCache(POLICY, detector, bots="log")
    for ua in ["MSIE/6", "MSIE/9", "Chrome/130", "Bot/1", "", "garbage"] * 2:
        expected = decide(detector(Headers({"User-Agent": ua})), POLICY, bots="log")
        assert cache.from_headers({"User-Agent": ua}) == expected


def test_entry_bound_evicts_least_recently_used():
    cache = VerdictCache(POLICY, FakeDetector(), max_entries=2)
    cache.from_environ(environ("Chrome/1"))
    cache.from_environ(environ("Chrome/2"))
    cache.from_environ(environ("Chrome/1"))  # now 2 is the least recently used
    cache.from_environ(environ("Chrome/3"))
    assert len(cache) == 2
    misses = cache.misses
    cache.from_environ(environ("Chrome/1"))
    assert cache.misses == misses
    cache.from_environ(environ("Chrome/2"))
    assert cache.misses == misses + 1


def test_memory_bound_counts_key_bytes():
    cache = VerdictCache(POLICY, FakeDetector(), max_bytes=100)
    for i in range(10):
        cache.from_environ(environ(f"Chrome/{i}" + "x" * 40))
    assert cache.bytes <= 100
    assert len(cache) == 2
    assert cache.bytes == sum(len(f"Chrome/{i}" + "x" * 40) for i in (8, 9))


def test_a_key_bigger_than_the_memory_bound_is_answered_but_not_kept():
    cache = VerdictCache(POLICY, FakeDetector(), max_bytes=100)
    verdict = cache.from_environ(environ("MSIE/6", HTTP_SEC_CH_UA="x" * 65_536))
    assert not verdict.allowed
    assert len(cache) == 0
    assert cache.bytes == 0


def test_zero_entries_disables_caching():
    detector = FakeDetector()
    cache = VerdictCache(POLICY, detector, max_entries=0)
    cache.from_environ(environ("Chrome/1"))
    cache.from_environ(environ("Chrome/1"))
    assert detector.calls == 2


def test_clear_forgets_verdicts_and_counters():
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(environ("Chrome/1"))
    cache.from_environ(environ("Chrome/1"))
    cache.clear()
    assert (len(cache), cache.hits, cache.misses, cache.bytes) == (0, 0, 0, 0)


def test_the_cache_is_a_policy_that_applies_the_bot_mode():
    cache = VerdictCache(POLICY, FakeDetector(), bots="log")
    verdict = cache(Client(is_bot=True, bot_name="Googlebot"))
    assert (verdict.allowed, verdict.action) == (True, "log")


def test_threads_share_the_cache_safely_within_its_bounds():
    detector = FakeDetector()
    cache = VerdictCache(POLICY, detector, max_entries=50, max_bytes=10_000)
    uas = [f"{'MSIE' if i % 3 else 'Chrome'}/{i % 120}" for i in range(120)]
    expected = {ua: decide(FakeDetector()(Headers({"User-Agent": ua})), POLICY) for ua in uas}
    errors = []
    barrier = threading.Barrier(8)

    def work(offset):
        barrier.wait()
        try:
            for n in range(3_000):
                ua = uas[(n * 7 + offset) % len(uas)]
                if cache.from_environ(environ(ua)) != expected[ua]:
                    errors.append(ua)
        except Exception as error:  # pragma: no cover - the assertion below reports it
            errors.append(repr(error))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache) <= 50
    keys = cache.cache.entries
    assert cache.bytes == sum(len(k if isinstance(k, str) else k[0] or "") for k in keys)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"bots": "block"}, "bots must be one of allow, log"),
        ({"max_entries": -1}, "max_entries must be a whole number >= 0, got -1"),
        ({"max_bytes": 1.5}, "max_bytes must be a whole number >= 0, got 1.5"),
    ],
)
def test_bad_settings_fail_at_construction(kwargs, message):
    with pytest.raises(ValueError, match=message):
        VerdictCache(POLICY, FakeDetector(), **kwargs)


REAL_UAS = {
    "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)": "ie=false",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/15.6 Safari/605.1.15": "safari<17.2",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/110.0.0.0 Safari/537.36": "chrome<120",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 16_7 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1": "safari<17.2",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)": "bot",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36": None,
}


@pytest.mark.parametrize(("ua", "rule"), list(REAL_UAS.items()))
def test_with_the_real_detector(ua, rule):
    from jreject.detect import detect
    from jreject.policy.minimum import Minimum

    cache = VerdictCache(Minimum.preset("modern"), detect)
    verdict = cache.from_headers({"User-Agent": ua})
    assert verdict.rule == rule
    assert cache.from_environ({"HTTP_USER_AGENT": ua}) is verdict


def test_a_miss_detects_from_the_key_the_same_as_from_headers():
    from jreject.detect import Detector

    detector = Detector()
    cache = VerdictCache(POLICY, detector)
    environ = {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": IE8, "HTTP_SEC_CH_UA_MOBILE": "?0"}
    assert cache.from_environ(environ).client == detector(environ)


def test_a_miss_survives_values_that_break_pep_3333():
    cache = VerdictCache(POLICY)
    verdict = cache.from_environ({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": IE8.encode()})
    assert verdict.client.browser == "ie"
    assert cache.from_environ({"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": 42}).allowed


def test_without_hints_the_key_is_the_user_agent_alone():
    assert environ_key(environ("Chrome/130")) == "Chrome/130"
    assert scope_key(scope("Chrome/130")) == b"Chrome/130"
    assert headers_key({"User-Agent": "Chrome/130"}) == "Chrome/130"


def test_any_hint_makes_the_key_the_full_tuple():
    # A lone low-entropy hint must not share the entry of the bare User-Agent: the
    # detector may read it, and a crafted request would otherwise poison that entry.
    key = environ_key(environ("Chrome/130", HTTP_SEC_CH_UA_PLATFORM='"Linux"'))
    assert isinstance(key, tuple)
    assert key[0] == "Chrome/130"
    hinted = {"type": "http", "headers": [(b"user-agent", b"X"), (b"sec-ch-ua-mobile", b"?1")]}
    assert isinstance(scope_key(hinted), tuple)
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(environ("Chrome/130", HTTP_SEC_CH_UA_PLATFORM='"Linux"'))
    cache.from_environ(environ("Chrome/130"))
    assert (len(cache), cache.misses) == (2, 2)


def test_eviction_spares_a_hit_entry_and_evicts_the_oldest_cold_one():
    clock = Clock(max_entries=3)
    verdict = VerdictCache(POLICY, FakeDetector())(Client())
    for key in ("a", "b", "c"):
        clock.put(key, verdict)
    clock.entries["a"][1] += 1  # what a hit does
    clock.put("d", verdict)
    assert set(clock.entries) == {"a", "c", "d"}
    clock.put("e", verdict)  # "a" went to the back when spared: "c" is now the oldest
    assert set(clock.entries) == {"a", "d", "e"}


def test_a_cache_of_your_own_is_used_through_the_protocol():
    class Unbounded:
        def __init__(self):
            self.entries, self.bytes = {}, 0

        @property
        def hits(self):
            return sum(slot[1] for slot in self.entries.values())

        def put(self, key, verdict):
            return self.entries.setdefault(key, [verdict, 0])

        def clear(self):
            self.entries.clear()

    storage = Unbounded()
    assert isinstance(storage, Cache)
    cache = VerdictCache(POLICY, FakeDetector(), cache=storage)
    cache.from_environ(environ("MSIE/7"))
    cache.from_headers({"User-Agent": "MSIE/7"})
    cache.from_scope(scope("MSIE/7"))
    assert list(storage.entries) == ["MSIE/7", b"MSIE/7"]
    assert (cache.hits, cache.misses) == (1, 2)


def test_an_xhr_marker_keeps_the_key_of_the_user_agent_alone():
    xhr = environ("Chrome/130", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert environ_key(xhr) == "Chrome/130"
    asgi = {
        "type": "http",
        "headers": [(b"user-agent", b"X"), (b"x-requested-with", b"XMLHttpRequest")],
    }
    assert scope_key(asgi) == b"X"
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(xhr)
    cache.from_environ(environ("Chrome/130"))
    assert (len(cache), cache.misses) == (1, 1)


def test_an_app_package_in_x_requested_with_is_part_of_the_key():
    webview = environ("Chrome/130", HTTP_X_REQUESTED_WITH="com.example.shop")
    key = environ_key(webview)
    assert isinstance(key, tuple)
    assert key[-1] == "com.example.shop"
    asgi = {
        "type": "http",
        "headers": [(b"user-agent", b"X"), (b"x-requested-with", b"com.example.shop")],
    }
    assert scope_key(asgi)[-1] == b"com.example.shop"  # type: ignore[index]
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(webview)
    cache.from_environ(environ("Chrome/130"))
    assert (len(cache), cache.misses) == (2, 2)


def test_a_chromium_request_is_keyed_by_its_four_low_entropy_values_however_it_is_read():
    hints = {
        "HTTP_SEC_CH_UA": '"Chromium";v="130"',
        "HTTP_SEC_CH_UA_MOBILE": "?0",
        "HTTP_SEC_CH_UA_PLATFORM": '"Linux"',
    }
    key = environ_key(environ("Chrome/130", **hints))
    assert key == ("Chrome/130", '"Chromium";v="130"', "?0", '"Linux"')
    # An XHR of the same browser reads every header, and keeps the same entry.
    assert (
        environ_key(environ("Chrome/130", HTTP_X_REQUESTED_WITH="XMLHttpRequest", **hints)) == key
    )
    assert (
        headers_key(
            {
                "User-Agent": "Chrome/130",
                "Sec-CH-UA": '"Chromium";v="130"',
                "Sec-CH-UA-Mobile": "?0",
                "Sec-CH-UA-Platform": '"Linux"',
            }
        )
        == key
    )
    asgi = {
        "type": "http",
        "headers": [
            (b"sec-ch-ua", b'"Chromium";v="130"'),
            (b"user-agent", b"Chrome/130"),
            (b"sec-ch-ua-platform", b'"Linux"'),
            (b"sec-ch-ua-mobile", b"?0"),
        ],
    }
    assert scope_key(asgi) == tuple(value.encode() for value in key)
    cache = VerdictCache(POLICY, FakeDetector())
    cache.from_environ(environ("Chrome/130", **hints))
    cache.from_environ(environ("Chrome/130", HTTP_SEC_CH_UA_PLATFORM_VERSION='"6.1"', **hints))
    assert (len(cache), cache.misses) == (2, 2)


def test_a_scope_key_leaves_repeated_or_unusual_headers_to_the_general_reader():
    repeated = {
        "type": "http",
        "headers": [(b"user-agent", b"X"), (b"sec-ch-ua", b"a"), (b"sec-ch-ua", b"b")],
    }
    assert scope_key(repeated)[1] == "a, b"  # type: ignore[index]
    odd = {
        "type": "http",
        "headers": [(b"user-agent", b"X"), (b"sec-ch-ua-mobile", bytearray(b"?1"))],
    }
    key = scope_key(odd)
    assert key[2] == "?1"  # type: ignore[index]
    cache = VerdictCache(POLICY, FakeDetector())
    assert cache.from_scope(odd) is cache.from_scope(odd)
    assert scope_key({"type": "http", "headers": [(b"user-agent",)]}) is None


def test_hits_are_counted_on_slots_and_kept_when_a_slot_is_evicted():
    cache = VerdictCache(POLICY, FakeDetector(), max_entries=1)
    for _ in range(3):
        cache.from_environ(environ("MSIE/7"))  # a miss, then two hits
    cache.from_environ(environ("Chrome/130"))  # MSIE/7 was hit: it stays, once
    cache.from_environ(environ("Chrome/120"))  # now it goes, its hits counted still
    assert list(cache.cache.entries) == ["Chrome/120"]
    assert (cache.hits, cache.misses) == (2, 3)
    cache.clear()
    assert (cache.hits, cache.misses, len(cache)) == (0, 0, 0)


@pytest.mark.parametrize("requested_with", ["XMLHttpRequest", "com.example.shop"])
def test_a_wsgi_verdict_is_kept_under_environ_key_for_every_combination_of_headers(requested_with):
    # from_environ reads its key inline (the hot path): it must be environ_key's.
    names = (
        "HTTP_USER_AGENT",
        "HTTP_SEC_CH_UA",
        "HTTP_SEC_CH_UA_MOBILE",
        "HTTP_SEC_CH_UA_PLATFORM",
        "HTTP_SEC_CH_UA_PLATFORM_VERSION",
        "HTTP_SEC_CH_UA_FULL_VERSION_LIST",
        "HTTP_X_REQUESTED_WITH",
    )
    values = ("Chrome/130", '"Chromium";v="130"', "?0", '"Linux"', '"6.1"', '"C";v="130.0"')
    for mask in range(2 ** len(names)):
        env = {"REQUEST_METHOD": "GET"}
        for i, name in enumerate(names):
            if mask >> i & 1:
                env[name] = requested_with if i == len(names) - 1 else values[i]
        cache = VerdictCache(POLICY, FakeDetector())
        cache.from_environ(env)
        assert list(cache.cache.entries) == [environ_key(env)], env
        cache.from_environ(dict(env))
        assert (cache.misses, cache.hits) == (1, 1), env


@pytest.mark.parametrize("requested_with", ["XMLHttpRequest", "com.example.shop"])
def test_a_scope_key_is_the_environ_key_in_bytes_for_every_combination_of_headers(
    requested_with,
):
    # scope_key builds the usual keys itself (the hot path of every ASGI request):
    # the same entry shapes as environ_key, on the header bytes as they came.
    names = ("user-agent", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform")
    names += ("sec-ch-ua-platform-version", "sec-ch-ua-full-version-list", "x-requested-with")
    values = ("Chrome/130", '"Chromium";v="130"', "?0", '"Linux"', '"6.1"', '"C";v="130.0"')
    for mask in range(2 ** len(names)):
        present = {
            name: requested_with if i == len(names) - 1 else values[i]
            for i, name in enumerate(names)
            if mask >> i & 1
        }
        env = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in present.items()}
        headers = [(b"host", b"shop.example")]
        headers += [(name.encode(), value.encode()) for name, value in reversed(present.items())]
        expected = environ_key(env)
        if isinstance(expected, tuple):
            expected = tuple(None if value is None else value.encode() for value in expected)
        elif expected is not None:
            expected = expected.encode()
        assert scope_key({"type": "http", "headers": headers}) == expected, present
