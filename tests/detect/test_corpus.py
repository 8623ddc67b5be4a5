"""Every User-Agent of corpus/browsers.tsv must be detected exactly as the file says."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from jreject.detect.client import Client
from jreject.detect.detector import Detector

CORPUS = Path(__file__).parent / "corpus" / "browsers.tsv"
ANY = "*"


@dataclass(frozen=True)
class Case:
    user_agent: str
    browser: str
    version: str
    engine: str
    os: str
    os_version: str
    device: str
    is_bot: str
    caniuse_agent: str
    caniuse_version: str


def load_cases() -> list[Case]:
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Case(*row) for row in rows if row and not row[0].startswith("# ")]


CASES = load_cases()


def dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def prefix(version: tuple[int, ...], expected: str) -> str:
    """The detected version cut to as many parts as the corpus gives."""
    parts = len(expected.split(".")) if expected else 0
    return dotted(version[:parts])


def observed(client: Client, case: Case) -> dict[str, str]:
    return {
        "browser": client.browser,
        "version": prefix(client.version, case.version),
        "engine": client.engine,
        "os": client.os,
        "os_version": dotted(client.os_version),
        "device": client.device,
        "is_bot": str(client.is_bot).lower(),
        "caniuse_agent": client.caniuse_agent or "-",
        "caniuse_version": dotted(client.caniuse_version),
    }


def test_corpus_is_large_and_covers_every_browser_id():
    from jreject.detect.catalog import BROWSERS

    assert len(CASES) >= 250
    seen = {case.browser for case in CASES}
    # In-app ids beyond the big three and the generic ios_webview are optional.
    # WebView2 sends Edge's User-Agent: only its client hints tell (test_detector.py).
    required = set(BROWSERS) - {"unknown", "edge_webview"}
    assert required <= seen, sorted(required - seen)


@pytest.mark.parametrize("case", CASES, ids=[f"{i:03d}" for i in range(len(CASES))])
def test_corpus_user_agent(detector: Detector, case: Case):
    client = detector(case.user_agent)
    got = observed(client, case)
    expected = {k: v for k, v in vars(case).items() if k != "user_agent" and v != ANY}
    assert {k: got[k] for k in expected} == expected, case.user_agent
