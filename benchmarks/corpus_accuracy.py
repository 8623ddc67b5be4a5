"""Score detection against a labelled corpus: caniuse agent, agent + major, bot flag.

Run: ``.venv/bin/python benchmarks/corpus_accuracy.py`` (our corpus), or
``… corpus_accuracy.py --file other.tsv`` for a third-party one with the same
columns (``user_agent``, ``caniuse_agent``, ``caniuse_version``, ``is_bot``; extra
columns are ignored, ``*`` means "not scored"). Prints the figures for jreject and,
as a baseline, for ua-parser's browser family mapped to an agent without our
fix-ups (issue 3 targets: agent ≥ 99.5 %, agent + major ≥ 99 %).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from jreject.detect.detector import Detector
from jreject.detect.fixups import FAMILY_IDS
from jreject.detect.useragent import build_parser

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "detect" / "corpus" / "browsers.tsv"
ANY = "*"

# What a caller gets from ua-parser alone: its family names, mapped one to one.
_NAIVE_AGENTS = {
    "Chrome": "chrome",
    "Chrome Mobile": "and_chr",
    "Chrome Mobile WebView": "android",
    "Chrome Mobile iOS": "ios_saf",
    "Edge": "edge",
    "Firefox": "firefox",
    "Firefox Mobile": "and_ff",
    "Firefox iOS": "ios_saf",
    "Safari": "safari",
    "Mobile Safari": "ios_saf",
    "IE": "ie",
    "IE Mobile": "ie_mob",
    "Opera": "opera",
    "Opera Mini": "op_mini",
    "Opera Mobile": "op_mob",
    "Samsung Internet": "samsung",
    "UC Browser": "and_uc",
    "Android": "android",
    "QQ Browser Mobile": "and_qq",
    "Baidu Browser": "baidu",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled User-Agent."""

    user_agent: str
    agent: str
    version: str
    is_bot: str


@dataclass
class Score:
    """Running totals for one detector."""

    agent_ok: int = 0
    agent_total: int = 0
    major_ok: int = 0
    major_total: int = 0

    def line(self, name: str) -> str:
        agent = 100 * self.agent_ok / max(self.agent_total, 1)
        major = 100 * self.major_ok / max(self.major_total, 1)
        return (
            f"{name:22} agent {agent:6.2f} % ({self.agent_ok}/{self.agent_total})   "
            f"agent+major {major:6.2f} % ({self.major_ok}/{self.major_total})"
        )


def read_rows(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        names = [h.lstrip("# ").strip() for h in header]
        index = {name: names.index(name) for name in ("caniuse_agent", "caniuse_version", "is_bot")}
        return [
            Row(r[0], r[index["caniuse_agent"]], r[index["caniuse_version"]], r[index["is_bot"]])
            for r in reader
            if r and not r[0].startswith("# ")
        ]


def score(rows: Iterable[Row], agent_of: Callable[[str], tuple[str, str]]) -> Score:
    result = Score()
    for row in rows:
        if row.is_bot == "true" or row.agent == ANY:
            continue
        agent, version = agent_of(row.user_agent)
        result.agent_total += 1
        result.agent_ok += agent == row.agent
        if row.version not in (ANY, ""):
            result.major_total += 1
            major = row.version.split(".")[0]
            result.major_ok += agent == row.agent and version.split(".")[0] == major
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=CORPUS)
    args = parser.parse_args()
    rows = read_rows(args.file)
    detector = Detector()

    def ours(ua: str) -> tuple[str, str]:
        client = detector(ua)
        return client.caniuse_agent or "-", ".".join(map(str, client.caniuse_version))

    ua_parser = build_parser()

    def naive(ua: str) -> tuple[str, str]:
        parsed = ua_parser.user_agent(ua).user_agent
        if parsed is None:
            return "-", ""
        return _NAIVE_AGENTS.get(parsed.family, "-"), parsed.major or ""

    print(f"{args.file} — {len(rows)} rows ({sum(r.is_bot == 'true' for r in rows)} bots skipped)")
    print(score(rows, ours).line("jreject"))
    print(score(rows, naive).line("ua-parser family only"))
    unknown = sorted({f for f in FAMILY_IDS if f not in _NAIVE_AGENTS})
    print(f"(baseline maps {len(_NAIVE_AGENTS)} families; {len(unknown)} more are ours)")


if __name__ == "__main__":
    main()
