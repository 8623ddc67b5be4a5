from __future__ import annotations

import pytest

from jreject.browserslist import BrowserslistError
from jreject.browserslist.features import feature_minimums, minimum_versions


def test_minimum_versions_keeps_the_oldest_per_agent():
    assert minimum_versions(["chrome 120", "chrome 99", "safari 17.2", "safari 9.1"]) == [
        "chrome 99",
        "safari 9.1",
    ]


def test_feature_minimums_need_every_feature():
    both = dict(item.split(" ") for item in feature_minimums(["css-grid", "es6-module"]))
    grid = dict(item.split(" ") for item in feature_minimums(["css-grid"]))
    assert both["chrome"] == "61"  # es6-module came after grid (57)
    assert grid["chrome"] == "57"
    assert both["safari"] == "11"


def test_unknown_feature_is_an_error():
    with pytest.raises(BrowserslistError, match="Unknown feature name"):
        feature_minimums(["no-such-feature"])
