"""The fast path must answer exactly what ua-parser (the slow path) answers."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.detect.detector import Detector
from jreject.detect.fastpath import fast_parse

from .test_corpus import CASES

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_detect import distinct_uas

GENERATED = distinct_uas(3000)


@pytest.fixture(scope="module")
def slow() -> Detector:
    return Detector(fast_path=False)


@pytest.fixture(scope="module")
def fast() -> Detector:
    return Detector(fast_path=True)


def test_fast_path_covers_the_everyday_shapes():
    hits = sum(fast_parse(ua) is not None for ua in GENERATED)
    # Half the corpus is exotic on purpose; the everyday half must be answered here.
    assert hits >= len(GENERATED) // 3


@pytest.mark.parametrize("source", ["corpus", "generated"])
def test_fast_path_agrees_with_ua_parser_everywhere(source, slow, fast):
    uas = [c.user_agent for c in CASES] if source == "corpus" else GENERATED
    disagreements = [ua for ua in uas if fast_parse(ua) and fast(ua) != slow(ua)]
    assert disagreements == []


@pytest.mark.parametrize(
    "ua",
    [
        # A bot token appended to a browser UA leaves the everyday shape.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36 Googlebot/2.1",
        # WebPageTest's marker, which ua-parser calls a Spider.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36 PTST/240101.120000",
        # A WebView whose Chrome/ ua-parser's WebView rules do not read (three
        # parts) belongs to ua-parser.
        "Mozilla/5.0 (Linux; Android 9; Phone X Build/PKQ1; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/81.0.40 Mobile Safari/537.36",
        # Version/ after Chrome/ is no WebView rule's shape.
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.6723.86 Version/4.0 Mobile Safari/537.36",
        # Two product tokens at once.
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0 OPR/115.0.0.0",
    ],
)
def test_unusual_user_agents_leave_the_fast_path(ua):
    assert fast_parse(ua) is None


@pytest.mark.parametrize(
    "platform",
    ["Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv", "Linux; Android 10; K"],
)
@pytest.mark.parametrize("version", ["Version/4.0 ", ""])
def test_android_webviews_are_answered_as_ua_parser_does(platform, version, slow, fast):
    ua = (
        f"Mozilla/5.0 ({platform}) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"{version}Chrome/130.0.6723.86 Mobile Safari/537.36"
    )
    result = fast_parse(ua)
    assert result is not None
    app = not version and not platform.endswith("; wv")  # the Chrome app itself
    assert result.family == ("Chrome Mobile" if app else "Chrome Mobile WebView")
    assert fast(ua) == slow(ua)


@pytest.mark.parametrize(
    "platform",
    [
        "Linux; U; Android 4.0.4; en-us; GT-I9300 Build/IMM76D",
        "Linux; U; Android 2.3.6; GT-S5830 Build/GINGERBREAD",
        "Linux; Android 4.4; Nexus 7",
    ],
)
def test_the_android_browser_is_versioned_by_its_android_as_ua_parser_does(platform, slow, fast):
    ua = (
        f"Mozilla/5.0 ({platform}) AppleWebKit/534.30 (KHTML, like Gecko) "
        "Version/4.0 Mobile Safari/534.30"
    )
    result = fast_parse(ua)
    assert result is not None
    assert result.family == "Android"
    assert result.version_string == platform.split("Android ")[1].partition(";")[0]
    assert fast(ua) == slow(ua)


def test_bots_are_still_found_when_the_fast_path_declines(fast):
    ua = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36 PTST/240101.120000"
    )
    assert fast(ua).is_bot


def test_user_bot_patterns_apply_to_everyday_shapes():
    detector = Detector(bot_patterns=[r"Chrome/130\.0\.0\.0 Safari"])
    ua = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/130.0.0.0 Safari/537.36"
    )
    assert fast_parse(ua) is not None
    client = detector(ua)
    assert client.is_bot
    assert client.device == "bot"


def test_the_fast_path_agrees_with_the_installed_ua_parser_rules(detector):
    from jreject.detect.fastpath import samples, verify
    from jreject.detect.fixups import FAMILY_IDS

    assert all(fast_parse(ua) is not None for ua in samples())
    assert verify(detector.parser.browser, FAMILY_IDS) == []


def test_a_renamed_ua_parser_family_turns_the_fast_path_off_at_warm_up(monkeypatch, caplog):
    from jreject.detect import fastpath

    renamed = dict(fastpath._PRODUCTS, Edg=("Microsoft Edge", 4))
    monkeypatch.setattr(fastpath, "_PRODUCTS", renamed)
    detector = Detector()
    with caplog.at_level("WARNING", logger="jreject"):
        detector.warm_up()
    assert "fast path disagrees" in caplog.text
    edge = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86"
    )
    assert detector(edge).browser == "edge"


def test_the_memo_answers_as_a_fresh_read():
    from jreject.detect.fastpath import FastPath

    remembering = FastPath()
    first = [remembering(ua) for ua in GENERATED]
    again = [remembering(ua) for ua in reversed(GENERATED)]
    assert first == [fast_parse(ua) for ua in GENERATED]
    assert again == first[::-1]


def test_the_memo_is_bounded(monkeypatch):
    from jreject.detect import fastpath

    monkeypatch.setattr(fastpath, "MEMO_SIZE", 8)
    remembering = fastpath.FastPath()
    for ua in GENERATED:
        assert remembering(ua) == fast_parse(ua)
        assert len(remembering._memo) <= 8


_MODEL_PIECES = (
    "Build",
    " Build",
    " Build/",
    "/",
    "; ",
    " ",
    "a",
    "K",
    "SM-G9",
    "_",
    ".",
    "wv",
    "en-us",
)


@given(st.lists(st.sampled_from(_MODEL_PIECES), max_size=8).map("".join))
def test_the_greedy_model_pattern_accepts_what_the_lazy_one_did(model):
    # SHAPE writes the Android model `[\w .-]+?(?: Build/[\w.-]+)?` greedily, for
    # speed; the two must accept the same User-Agents and read the same groups.
    from jreject.detect.fastpath import SHAPE

    greedy = r"(?:; (?P<model>(?! Build/)[\w .-]+(?:(?<=[\w .-] Build)/[\w.-]+)?))?"
    assert greedy in SHAPE.pattern
    lazy = re.compile(
        SHAPE.pattern.replace(greedy, r"(?:; (?P<model>[\w .-]+?(?: Build/[\w.-]+)?))?")
    )
    ua = (
        f"Mozilla/5.0 (Linux; Android 14; {model}) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Mobile Safari/537.36"
    )
    ours, theirs = SHAPE.fullmatch(ua), lazy.fullmatch(ua)
    assert (ours and ours.groups()) == (theirs and theirs.groups())


_CORPUS_MODELS = sorted(
    {
        found.group(1)
        for case in CASES
        if (
            found := re.search(
                r"\(Linux; (?:U; )?Android [\d.]+; (?:\w\w-\w\w; )?([^;)]+)", case.user_agent
            )
        )
    }
)
_ANDROID_FORMS = (
    "Mozilla/5.0 (Linux; Android 9; {model}; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/74.0.3729.136 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 6.0.1; {model}) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Version/4.0 Chrome/52.0.2743.98 Safari/537.36",
    "Mozilla/5.0 (Linux; U; Android 4.1.2; en-gb; {model}) AppleWebKit/534.30 (KHTML, like Gecko) "
    "Version/4.0 Mobile Safari/534.30",
    "Mozilla/5.0 (Linux; U; Android 2.3.6; {model}) AppleWebKit/533.1 (KHTML, like Gecko) "
    "Version/4.0 Safari/533.1",
)


@pytest.mark.parametrize("form", _ANDROID_FORMS)
def test_every_corpus_device_model_in_the_android_shapes_agrees_with_ua_parser(form, slow, fast):
    uas = [form.format(model=model) for model in _CORPUS_MODELS]
    answered = [ua for ua in uas if fast_parse(ua) is not None]
    assert len(answered) >= len(uas) // 2  # the shapes are the fast path's
    assert [ua for ua in answered if fast(ua) != slow(ua)] == []
