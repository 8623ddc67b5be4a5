"""Replay node browserslist's answers (scripts/browserslist_diff.py --write-fixture) offline."""

from __future__ import annotations

import gzip
import json
import re
import tempfile
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


#: How scripts/browserslist_diff.py writes a case's own directory in error messages.
CASE_DIR = "<case>"


@pytest.fixture
def root(tmp_path, monkeypatch):
    """Where cases with config files get their directory; searches stop there."""
    folder = tmp_path.resolve()
    monkeypatch.setenv("BROWSERSLIST_ROOT_PATH", str(folder))
    for name in ("BROWSERSLIST", "BROWSERSLIST_CONFIG", "BROWSERSLIST_ENV", "BROWSERSLIST_STATS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("NODE_ENV", raising=False)
    return folder


def write_case(case, root):
    if not case.get("files"):
        return None
    folder = Path(tempfile.mkdtemp(dir=root))
    for name, text in case["files"].items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode())
    return folder


def ours(case, root):
    """jreject's answer, as the script records it; any exception but BrowserslistError fails."""
    where = write_case(case, root)
    options = case["options"]
    opts = Options(
        mobile_to_desktop=bool(options.get("mobileToDesktop")),
        ignore_unknown_versions=bool(options.get("ignoreUnknownVersions")),
        env=options.get("env"),
        throw_on_missing=bool(options.get("throwOnMissing")),
        now=DATA["now"],
        path=str(where or root),
    )
    try:
        return {"result": browserslist(case["query"], opts)}
    except BrowserslistError as exc:
        return {"error": exc.reason.replace(str(where), CASE_DIR) if where else exc.reason}


def supported(case):
    query = case["query"]
    if isinstance(query, list) and all(isinstance(item, str) for item in query):
        query = " ".join(query)
    return not (isinstance(query, str) and UNSUPPORTED.search(query))


def node_crashes(case):
    """Node's own TypeError or stack overflow: no browserslist answer to compare with."""
    return case["node"].get("error", "").startswith("node error")


def test_fixture_was_made_from_the_bundled_data_versions():
    data = load()
    assert (DATA["caniuse_lite"], DATA["browserslist"]) == (data.caniuse_lite, data.browserslist)
    assert DATA["baseline_browser_mapping"] == data.baseline_browser_mapping
    assert len(DATA["cases"]) >= 500


def test_at_least_99_5_percent_of_queries_select_the_same_browsers(root):
    """The same browsers, or the same browserslist error: two different errors disagree."""
    cases = [case for case in DATA["cases"] if supported(case) and not node_crashes(case)]
    agree = 0
    mismatches = []
    for case in cases:
        node, mine = case["node"], ours(case, root)
        if "error" in node or "error" in mine:
            same = node.get("error") == mine.get("error")
        else:
            same = set(node["result"]) == set(mine["result"])
        agree += same
        if not same:
            mismatches.append((case["query"], case["options"]))
    assert agree / len(cases) >= 0.995, mismatches


@pytest.mark.parametrize("query", ISSUE_QUERIES)
def test_issue_queries_agree_exactly_in_order(query, root):
    (case,) = [
        c for c in DATA["cases"] if c["query"] == query and not c["options"] and not c.get("files")
    ]
    mine = ours(case, root)
    assert mine == case["node"]


def test_error_wording_matches_browserslist(root):
    errors = [c for c in DATA["cases"] if "error" in c["node"] and supported(c)]
    errors = [c for c in errors if not node_crashes(c)]
    assert errors
    for case in errors:
        assert ours(case, root) == case["node"], (case["query"], case["options"])


def test_where_browserslist_itself_crashes_jreject_raises_a_browserslist_error(root):
    crashes = [case for case in DATA["cases"] if node_crashes(case)]
    assert crashes
    for case in crashes:
        assert "error" in ours(case, root), (case["query"], case["options"])


def test_config_files_and_edge_cases_are_covered():
    files = [case["files"] for case in DATA["cases"] if case.get("files")]
    texts = [text for group in files for text in group.values()]
    assert any(text.startswith("\ufeff") for text in texts)  # a byte order mark
    assert any('"browserlist"' in text for text in texts)  # the misspelt key
    queries = [case["query"] for case in DATA["cases"]]
    assert any(isinstance(q, str) and "9" * 400 in q for q in queries)  # past the largest double
    assert any(isinstance(q, str) and " " * 10_000 in q for q in queries)  # a whitespace run
    assert any(not isinstance(q, str | list) for q in queries)  # a query of the wrong type
