from __future__ import annotations

from datetime import date

from jreject.data import load
from jreject.data.support import AS_OF, SOURCE, SUPPORTED_OS_LINES, supported_safari_majors


def test_every_line_names_a_bundled_safari_agent():
    agents = load().agents
    for line in SUPPORTED_OS_LINES:
        assert line.agent in {"safari", "ios_saf"}
        assert line.agent in agents
        assert line.os in {"macos", "ios", "ipados"}


def test_newest_safari_of_a_line_is_a_released_caniuse_version():
    agents = load().agents
    for line in SUPPORTED_OS_LINES:
        majors = {int(v.version.split(".")[0]) for v in agents[line.agent].released_versions}
        assert line.safari_major in majors, line


def test_table_is_dated_and_sourced():
    assert isinstance(AS_OF, date)
    assert date.fromisoformat(load().generated) >= AS_OF
    assert SOURCE.startswith("https://support.apple.com/")


def test_supported_majors_are_per_agent():
    assert 26 in supported_safari_majors("safari")
    assert 18 in supported_safari_majors("ios_saf")
    assert supported_safari_majors("chrome") == frozenset()
