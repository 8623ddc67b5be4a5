"""Policies that name operating systems: the export reads the OS from the User-Agent.

``reject = { windows = true }`` and its kin are expressed for every family the edge
tells apart, on the systems whose token it reads (docs/caching.md); elsewhere the
edge is never stricter than Python, and the export names what it leaves out.
"""

from __future__ import annotations

import functools
import re

import pytest

from export.corpus import real_user_agents
from jreject.config import Config, config_from_dict
from jreject.detect import Detector
from jreject.export import Export, compile_policy, render
from jreject.export.agree import compare, python_classes
from jreject.export.families import FAMILIES, PLATFORMS

#: One browser of each family on each system it runs on.
SAMPLES = {
    "firefox-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 "
    "Firefox/140.0",
    "firefox-macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:140.0) Gecko/20100101 "
    "Firefox/140.0",
    "firefox-linux": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
    "firefox-ubuntu": "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:115.0) Gecko/20100101 "
    "Firefox/115.0",
    "firefox-android": "Mozilla/5.0 (Android 14; Mobile; rv:140.0) Gecko/140.0 Firefox/140.0",
    "chrome-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/158.0.0.0 Safari/537.36",
    "chrome-macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "chrome-linux": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/118.0.0.0 Safari/537.36",
    "chrome-chromeos": "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/120.0.0.0 Safari/537.36",
    "chrome-android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "edge-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
    "edge-macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0",
    "edge-android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36 EdgA/130.0.0.0",
    "opera-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/129.0.0.0 Safari/537.36 OPR/115.0.0.0",
    "opera-macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
    "opera-android": "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36 OPR/85.0.0.0",
    "safari-macos": "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.2 Safari/605.1.15",
    "safari-windows": "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534.57.2 (KHTML, like "
    "Gecko) Version/5.1.7 Safari/534.57.2",
    "safari-ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "chrome-ios": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
    "safari-ipados": "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
    "like Gecko) Version/16.6 Mobile/15E148 Safari/604.1",
    "ie11-windows": "Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko",
    "ie6-windows": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
    "edge_legacy-windows": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763",
    "edge_legacy-windows_phone": "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; "
    "Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile "
    "Safari/537.36 Edge/15.15063",
    "samsung-android": "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, "
    "like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
    "samsung-linux": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/23.0 Chrome/115.0.0.0 Safari/537.36",
}


def _policy(*tiers: dict[str, object]) -> Config:
    return config_from_dict({"policy": list(tiers)})


#: Every OS key the export expresses, alone and in tiers with version rules.
POLICIES: dict[str, Config] = {
    "windows": _policy({"reject": {"windows": True}}),
    "win": _policy({"reject": {"win": True}, "action": "block"}),
    "macos": _policy({"reject": {"macos": True}}),
    "mac": _policy({"reject": {"mac": True}, "action": "banner"}),
    "linux": _policy({"reject": {"linux": True}}),
    "chromeos": _policy({"reject": {"chromeos": True}}),
    "android": _policy({"reject": {"android": True}, "action": "block"}),
    "ios": _policy({"reject": {"ios": True}}),
    "iphone": _policy({"reject": {"iphone": True}}),
    "ipad": _policy({"reject": {"ipad": True}}),
    "windows_phone": _policy({"reject": {"windows_phone": True}}),
    "android, then versions": _policy(
        {"reject": {"android": True}, "action": "block"},
        {"minimum": {"chrome": 125, "firefox": 130, "safari": "17.2"}, "action": "banner"},
    ),
    "versions, then windows": _policy(
        {"minimum": {"chrome": 125, "edge": 126}, "action": "block"},
        {"reject": {"windows": True, "msie": 8}, "action": "modal"},
    ),
}


@functools.cache
def _export(name: str) -> Export:
    return compile_policy(POLICIES[name])


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("sample", sorted(SAMPLES))
def test_the_export_gives_pythons_class_on_every_system(policy, sample):
    ua = SAMPLES[sample]
    python = python_classes(POLICIES[policy], [ua])[ua]
    assert _export(policy).classify(ua) == python


@functools.cache
def _corpus() -> tuple[str, ...]:
    """The corpus's browsers of the families the export names, not bots.

    Bots only Python's list names and browsers judged by a family's token (Yandex by
    Chrome/) differ for reasons of their own, whatever the OS (known_disagreements.tsv).
    """
    detector = Detector()
    families = {family.name for family in FAMILIES}
    return tuple(
        ua
        for ua in real_user_agents()
        if not (client := detector(ua)).is_bot and client.browser in families
    )


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_the_edge_is_never_stricter_than_python_on_the_corpus(policy):
    python = python_classes(POLICIES[policy], _corpus())
    agreement = compare(python, [_export(policy).classify(ua) for ua in python])
    stricter = [d for d in agreement.disagreements if not d.lenient]
    assert not stricter, "\n".join(f"{d.python} {d.edge} {d.user_agent}" for d in stricter)


def test_an_os_key_decides_for_every_family_on_that_os():
    export = _export("windows")
    assert export.classify(SAMPLES["chrome-windows"]) == "warn"
    assert export.classify(SAMPLES["chrome-android"]) == "ok"
    assert export.classify(SAMPLES["firefox-linux"]) == "ok"
    assert export.classify(SAMPLES["ie6-windows"]) == "warn"


def test_keys_the_edge_cannot_read_are_named_in_the_header():
    export = compile_policy(
        _policy({"reject": {"windows": True, "freebsd": True, "unknown": True, "tizen": False}})
    )
    text = render(export, "js")
    unexpressed = "\n".join(export.unexpressed)
    for key in ("freebsd", "unknown"):
        assert key in unexpressed
        assert key in text
    # `windows` is read, but only for the families the edge knows.
    assert "other browsers on windows" in unexpressed
    # A false key rejects nothing: nothing to say.
    assert "tizen" not in unexpressed


def test_a_policy_without_os_keys_leaves_nothing_unexpressed():
    export = compile_policy(_policy({"minimum": {"chrome": 120}, "action": "block"}))
    assert export.unexpressed == ()


def test_every_sample_is_detected_on_the_os_it_names():
    detector = Detector()
    for family in FAMILIES:
        for os, sample in family.samples:
            for major in (family.majors[0], family.majors[-1]):
                assert detector(sample(major, 0)).os == os, (family.name, sample(major, 0))


def test_an_os_token_is_found_only_where_python_reports_that_os():
    detector = Detector()
    for ua in real_user_agents():
        found = [p.os for p in PLATFORMS if re.search(p.token, ua)]
        assert len(found) <= 1, (found, ua)
        if found and not (client := detector(ua)).is_bot:
            assert client.os == found[0], ua
