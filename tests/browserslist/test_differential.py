"""Replay node browserslist's answers (scripts/browserslist_diff.py --write-fixture) offline."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from jreject.browserslist import BrowserslistError, Options, browserslist
from jreject.data import load

FIXTURE = Path(__file__).parent / "fixtures" / "node-browserslist.json.gz"
DATA = json.loads(gzip.decompress(FIXTURE.read_bytes()))
#: "current node" is the Node.js running the query: not supported here, by design.
UNSUPPORTED = re.compile(r"current\s+node", re.IGNORECASE)
#: The queries issue 6 lists: these must all agree, in order too.
ISSUE_QUERIES = [
    "defaults", "> 0.5%", ">= 5% in US", "> 1% in alt-AS", "cover 99.5%", "last 2 versions",
    "last 2 Chrome versions", "last 2 major versions", "dead", "not dead", "Firefox ESR",
    "unreleased versions", "iOS >= 15", "Chrome > 100", "safari 17.2-17.4", "since 2021",
    "last 1 year", "supports es6-module", "fully supports css-grid", "partially supports css-grid",
    "baseline widely available", "baseline 2024", "op_mini all", "defaults and not dead",
    "node 20", "maintained node versions", "last 2 electron versions",
]  # fmt: skip


def ours(case, tmp_path):
    opts = Options(
        mobile_to_desktop=bool(case["options"].get("mobileToDesktop")),
        ignore_unknown_versions=bool(case["options"].get("ignoreUnknownVersions")),
        now=DATA["now"],
        path=str(tmp_path),
    )
    try:
        return {"result": browserslist(case["query"], opts)}
    except BrowserslistError as exc:
        return {"error": exc.reason}


def supported(case):
    query = case["query"]
    return not UNSUPPORTED.search(query if isinstance(query, str) else " ".join(query))


def test_fixture_was_made_from_the_bundled_data_versions():
    data = load()
    assert (DATA["caniuse_lite"], DATA["browserslist"]) == (data.caniuse_lite, data.browserslist)
    assert DATA["baseline_browser_mapping"] == data.baseline_browser_mapping
    assert len(DATA["cases"]) >= 500


def test_at_least_99_5_percent_of_queries_select_the_same_browsers(tmp_path):
    cases = [case for case in DATA["cases"] if supported(case)]
    agree = 0
    mismatches = []
    for case in cases:
        node, mine = case["node"], ours(case, tmp_path)
        same = ("error" in node) == ("error" in mine) and (
            "error" in node or set(node["result"]) == set(mine["result"])
        )
        agree += same
        if not same:
            mismatches.append(case["query"])
    assert agree / len(cases) >= 0.995, mismatches


@pytest.mark.parametrize("query", ISSUE_QUERIES)
def test_issue_queries_agree_exactly_in_order(query, tmp_path):
    (case,) = [c for c in DATA["cases"] if c["query"] == query and not c["options"]]
    mine = ours(case, tmp_path)
    assert mine == case["node"]


def test_error_wording_matches_browserslist(tmp_path):
    errors = [
        c for c in DATA["cases"]
        if "error" in c["node"] and supported(c) and not c["node"]["error"].startswith("node")
    ]  # fmt: skip
    assert errors
    for case in errors:
        assert ours(case, tmp_path) == case["node"], case["query"]
