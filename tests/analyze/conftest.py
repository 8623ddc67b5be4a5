"""Shared fixtures: small logs written to tmp_path, and the policies to judge them by."""

from __future__ import annotations

import pytest

pytest.importorskip("polars")

from jreject.analyze.classify import PolicyUnderTest
from jreject.config import config_from_dict, default_config

from .logs import CHROME, FIREFOX_OLD, GOOGLEBOT, IE6, combined


@pytest.fixture
def default_policy() -> list[PolicyUnderTest]:
    return [PolicyUnderTest("default", default_config())]


@pytest.fixture
def two_policies() -> list[PolicyUnderTest]:
    strict = config_from_dict(
        {
            "policy": [
                {"reject": {"msie": True}, "action": "block"},
                {"reject": {"firefox": 100}, "action": "log"},
            ]
        }
    )
    return [
        # jReject's own {msie = 6}: a fixed policy, so the fixed Chrome 130 in these logs
        # stays allowed whatever the bundled data says is current.
        PolicyUnderTest("default", config_from_dict({"policy": {"reject": {"msie": 6}}})),
        PolicyUnderTest("strict", strict),
    ]


@pytest.fixture
def small_log(tmp_path):
    """Five requests (IE 6, Chrome twice from one IP on two days, Firefox 52, a bot),
    one malformed line and one blank line."""
    lines = [
        combined("10.0.0.1", "10/Oct/2023", IE6),
        combined("10.0.0.2", "10/Oct/2023", CHROME),
        combined("10.0.0.2", "11/Oct/2023", CHROME),
        "this is not a log line",
        "",
        combined("10.0.0.3", "11/Oct/2023", FIREFOX_OLD),
        combined("66.249.66.1", "11/Oct/2023", GOOGLEBOT),
    ]
    path = tmp_path / "access.log"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path
