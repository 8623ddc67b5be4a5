"""Differential test: jreject.browserslist against the real browserslist on the same data.

    python scripts/browserslist_diff.py                      # npm-install, run, report
    python scripts/browserslist_diff.py --write-fixture      # also store node's answers
    python scripts/browserslist_diff.py --fixture            # compare with the stored answers

Installs browserslist, caniuse-lite and baseline-browser-mapping at the versions the bundled
data came from (scripts/generate_data.py) into a temporary directory with npm, runs a few
thousand queries through node (clock frozen, TZ=UTC) and through jreject with the same
clock, and prints the agreement. Besides queries, a case may carry config files (a
.browserslistrc, a package.json, a node_modules package), written into a directory of its
own that is the query's path and the root browserslist searches no higher than.

Two answers agree when they select the same browsers, or when both raise browserslist's
error with the same message (the case's directory written as <case>). Where node itself
crashes (a TypeError, a stack overflow) there is no browserslist answer to agree with: such
cases are counted apart, and jreject must answer them with a BrowserslistError or a list.
A jreject exception of any other kind, or an answer slower than two seconds, is a mismatch.
tests/browserslist/test_differential.py replays the stored fixture offline.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jreject.browserslist import BrowserslistError, Options, browserslist
from jreject.data import load, load_features, load_regions

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "browserslist" / "fixtures" / "node-browserslist.json.gz"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_data import (  # noqa: E402
    BASELINE_BROWSER_MAPPING,
    BROWSERSLIST,
    CANIUSE_LITE,
    ELECTRON_TO_CHROMIUM,
    NODE_RELEASES,
)

RUNNER = r"""
const NOW = Number(process.env.FROZEN_NOW);
const RealDate = Date;
class FrozenDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(NOW); else super(...args); }
  static now() { return NOW; }
}
global.Date = FrozenDate;
const browserslist = require('browserslist');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = cases.map(([query, opts]) => {
  try {
    return { result: browserslist(query, Object.assign({ path: process.cwd() }, opts)) };
  } catch (e) {
    return { error: e.browserslist ? e.message : 'node error: ' + e.message };
  }
});
process.stdout.write(JSON.stringify(out));
"""

#: The one query jreject answers with "not supported here" by design: "current node" is the
#: Node.js running the query.
UNSUPPORTED = re.compile(r"current\s+node", re.IGNORECASE)
#: How a case's own directory is written in stored error messages.
CASE_DIR = "<case>"
#: Longer than this for one jreject answer is a mismatch (a pattern that rescans its input).
SLOW = 2.0

#: (query, browserslist options, files of the case's directory)
Case = tuple[Any, dict[str, Any], dict[str, str]]


def _module(name: str, source: str) -> dict[str, str]:
    folder = f"node_modules/{name}"
    return {f"{folder}/index.js": source, f"{folder}/package.json": json.dumps({"name": name})}


#: Config files as people write them, and get them wrong: a byte order mark, CRLF or a lone
#: CR, a misspelt key, a value of the wrong type, empty queries, a config that reads itself.
CONFIGS: dict[str, dict[str, str]] = {
    "rc-sections": {".browserslistrc": "ie 11\n[production]\nie 10\n[modern  legacy]\nie 9\n"},
    "rc-bom-comment": {".browserslistrc": "\ufeff# our browsers\nie 11\n"},
    "rc-bom-section": {".browserslistrc": "\ufeff[production]\nie 11\n"},
    "rc-bom-query": {".browserslistrc": "\ufeffie 11\n"},
    "rc-crlf": {".browserslistrc": "ie 10\r\n[production]\r\nie 11\r\n"},
    "rc-lone-cr": {".browserslistrc": "[production]\rie 11\n"},
    "rc-control": {".browserslistrc": "\x1cie 11\n\x85ie 10\n"},
    "rc-nbsp": {".browserslistrc": "\u00a0ie 11\u00a0\n\u00a0[production]\u00a0\nie 10\n"},
    "rc-duplicate": {".browserslistrc": "[a]\nie 11\n[a]\nie 10\n"},
    "rc-loop": {".browserslistrc": "ie 11\nbrowserslist config\n"},
    "rc-misspelt": {".browserlistrc": "ie 11\n"},
    "pkg": {"package.json": '{"browserslist": {"production": ["ie 11"], "legacy": "ie 9"}}'},
    "pkg-bom": {"package.json": '\ufeff{"browserslist": ["ie 11"]}'},
    "pkg-misspelt": {"package.json": '{"browserlist": ["ie 11"]}'},
    "pkg-misspelt-and-rc": {
        "package.json": '{"browserlist": ["ie 11"]}',
        ".browserslistrc": "ie 10",
    },
    "pkg-env-number": {"package.json": '{"browserslist": {"production": 5}}'},
    "pkg-list-number": {"package.json": '{"browserslist": ["ie 11", 5]}'},
    "pkg-number": {"package.json": '{"browserslist": 5}'},
    "pkg-boolean": {"package.json": '{"browserslist": true}'},
    "pkg-null": {"package.json": '{"browserslist": null}'},
    "pkg-empty": {"package.json": '{"browserslist": ""}'},
    "pkg-empty-env": {"package.json": '{"browserslist": {"production": "", "defaults": "ie 11"}}'},
    "pkg-invalid-and-rc": {"package.json": '{"browserslist": ["ie 11"', ".browserslistrc": "ie 10"},
    "pkg-nan-and-rc": {
        "package.json": '{"browserslist": [], "n": NaN}',
        ".browserslistrc": "ie 10",
    },
    "pkg-and-rc": {"package.json": '{"browserslist": ["ie 11"]}', ".browserslistrc": "ie 10"},
}
#: Shareable configs, next to the query, for `extends`.
MODULES: dict[str, str] = {
    "browserslist-config-esm": "module.exports = { __esModule: true, default: ['safari 17'] };",
    "browserslist-config-envs": "module.exports = { production: ['ie 11'], legacy: ['ie 9'] };",
    "browserslist-config-null-defaults": "module.exports = { defaults: null, legacy: ['ie 9'] };",
    "browserslist-config-loop": "module.exports = ['ie 11', 'extends browserslist-config-loop'];",
    "browserslist-config-back": "module.exports = ['browserslist config'];",
}


def _config_cases() -> list[Case]:
    cases: list[Case] = []
    queries = [None, "browserslist config, ie 8", "defaults, not browserslist config"]
    variants: list[dict[str, Any]] = [
        {},
        {"env": "legacy"},
        {"env": ""},
        {"env": "missing", "throwOnMissing": True},
    ]
    for files in CONFIGS.values():
        cases += [(query, options, files) for query in queries for options in variants]
    modules: dict[str, str] = {}
    for name, source in MODULES.items():
        modules.update(_module(name, source))
    for name in MODULES:
        cases += [(f"extends {name}", options, modules) for options in variants]
    # A project config that extends a package that reads the project config.
    back = {**modules, ".browserslistrc": "extends browserslist-config-back\n"}
    cases.append((None, {}, back))
    return cases


def _edge_cases() -> list[Case]:
    """Input that once crashed or hung jreject: numbers of any length, long whitespace
    runs, queries of the wrong type."""
    n400, n5000 = "9" * 400, "9" * 5000
    queries: list[Any] = [
        f"last {n5000} versions",
        f"last {n5000} major versions",
        f"last {n5000} chrome versions",
        f"last {n5000} chrome major versions",
        f"last {n5000} android versions",
        f"last {n5000} node versions",
        f"last {n5000} node major versions",
        f"last {n5000} electron versions",
        f"last {n5000} electron major versions",
        f"last {n5000} years",
        f"since {n400}",
        f"since {n5000}",
        f"since 2020-{n400}",
        f"since 2020-01-{n400}",
        f"node >= {n400}",
        f"node < {n400}",
        f"node <= {n400}",
        f"node 18-{n400}",
        f"node {n400}",
        "node >= 1000000000000000000000",
        f"electron {n400}-20",
        f"electron >= {n400}",
        f"chrome >= {n5000}",
        f"> {n5000}%",
        f"cover {n5000}%",
        *(f"baseline {year}" for year in ("0", "1", "12", "13", "99", "220", "02015", "20230")),
        f"baseline {n400}",
        "phantomjs 1\r9",
        "phantomjs 2\u20281",
        "extends browserslist-config-acme\u2028x",
        "ie 11" + " " * 50_000 + "x, ie 10",
        " " * 50_000 + "defaults",
        "> 1% in" + "\u00a0" * 1_500 + "x statsx",
        5,
        1.5,
        True,
        {"defaults": True},
        ["defaults", 5],
        [["defaults"]],
        ["defaults", None],
    ]
    return [(query, {}, {}) for query in queries]


def build_cases() -> list[Case]:
    """The query set: every kind from the issue, each agent and alias, regions, features,
    Baseline variants, combinations and malformed input."""
    data = load()
    agents = list(data.agents)
    aliases = list(data.constants.aliases) if data.constants else []
    regions = sorted(load_regions())
    features = sorted(load_features())
    q: list[str] = [
        "defaults",
        "dead",
        "not dead",
        "defaults and not dead",
        "defaults, not dead",
        "defaults and not dead and not op_mini all",
        "> 0.5%, last 2 versions, Firefox ESR, not dead",
        "defaults, not IE 11",
        "defaults and supports es6-module",
        "last 2 versions and > 1%",
        "last 2 versions or > 1%",
        "last 1 version, not dead",
        "> 1% and not dead, ios >= 15",
        "LAST 2 VERSIONS",
        "Last 2 Chrome Versions",
        "DEFAULTS",
        "  defaults  ",
        "defaults,last 1 version",
        "defaults ,  last 1 version",
        "chrome > 100 and not chrome > 120",
        "not ie 11, defaults",
        "cover 99.5%",
        "cover 95% in US",
        "cover 80% in alt-AS",
        "cover 99% in alt-ww",
        "cover .5%",
        "cover 100%",
        "cover 0%",
        "cover 50.5% in de",
        "cover 90% in CN",
        "cover 99.9%",
        "> 0.5%",
        ">= 1%",
        "< 0.01%",
        "<= 0.1%",
        "> .5%",
        ">5%",
        ">= 5% in US",
        "> 1% in alt-AS",
        "< 0.001% in US",
        "<= 0.05% in alt-eu",
        "> 0.2% in GB and not dead",
        "unreleased versions",
        "unreleased electron versions",
        "Firefox ESR",
        "ff esr",
        "fx ESR",
        "firefox esr",
        "firefox >= esr",
        "firefox > esr",
        "firefox < esr",
        "chrome >= esr",
        "op_mini all",
        "operamini all",
        "OperaMini all",
        "not op_mini all",
        "defaults, op_mini all",
        "phantomjs 2.1",
        "phantomjs 1.9",
        "iOS >= 15",
        "Chrome > 100",
        "safari 17.2-17.4",
        "ios 15.2-15.3",
        "ios_saf 7.0-7.1",
        "ios 7-8",
        "chrome 100-110",
        "android 4.4-4.4.4",
        "firefox 3-4",
        "ie 6-8",
        "edge 12-18",
        "safari 16-17",
        "ios_saf 15.6-15.8",
        "ios >= 15.6",
        "ios >= 15.7",
        "ios <= 15.7",
        "ios > 15.6-15.8",
        "ios >= 26",
        "ios < 10",
        "chrome 100",
        "chrome 100.0",
        "safari TP",
        "safari tp",
        "ios 7.0",
        "ios_saf 15.2",
        "ios 15.2-15.3",
        "ios 15.3",
        "ios 15",
        "ie 11",
        "edge 18",
        "android 4.4.3",
        "android 4.4.4",
        "safari 17",
        "safari 17.0",
        "samsung 4",
        "firefox 3.5",
        "opera 12.1",
        "and_chr 100",
        "and_chr 157",
        "kaios 2.5",
        "baidu 13.52",
        "and_uc 15.5",
        "op_mob 80",
        "bb 10",
        "since 2015",
        "since 2018",
        "since 2020-06",
        "since 2021-03-15",
        "since 2024",
        "since 2026",
        "since 2030",
        "since 21",
        "since 2021-13",
        "since 2021-02-30",
        "since 1999-1-1",
        "last 1 year",
        "last 2 years",
        "last 0.5 years",
        "last 3.5 years",
        "last 0 years",
        "supports es6-module",
        "fully supports css-grid",
        "partially supports css-grid",
        "supports fetch",
        "fully supports fetch and not dead",
        "supports css-has and > 0.1%",
        "baseline widely available",
        "baseline newly available",
        "baseline 2015",
        "baseline 2016",
        "baseline 2018",
        "baseline 2020",
        "baseline 2022",
        "baseline 2023",
        "baseline 2024",
        "baseline 2025",
        "baseline 2026",
        "baseline 2014",
        "baseline 2002",
        "baseline 0000",
        "baseline widely available with downstream",
        "baseline 2024 with downstream",
        "baseline widely available including kaios",
        "baseline 2020 with downstream including kaios",
        "baseline widely available on 2024-06-01",
        "baseline widely available on 2019-01-31",
        "baseline widely available on 2017-08-31 with downstream",
        "baseline widely available on 2015-01-01",
        "Baseline Widely Available",
        "baseline newly available with downstream",
        "baseline widely available and not dead",
        "baseline 2023 and > 0.5%",
        "baseline widely available on 2023-02-30",
        "since 2021",
        "since 2023-01",
        "> 0.5% and not dead",
        "cover 99.5% in US",
        "not IE 11",
        "ios_saf >= 15.2",
        "last 2 Safari major versions",
        "unreleased Chrome versions",
        "Safari >= 17",
        "Edge >= 100",
        "Samsung >= 20",
        "safari 17.2 - 17.4",
        "safari 17.2 -17.4",
        "baseline widely available on 2025-01-01 with downstream including kaios",
        "not dead and > 0.2% in alt-eu",
        "defaults and fully supports es6-module",
        "last 2 versions and not dead and > 0.1%",
        "> 0.5%, not dead, not op_mini all",
        "chrome >= 100 and chrome <= 110",
        "firefox esr, last 1 firefox version",
        "node 20",
        "node 20.5",
        "node 20.5.1",
        "node 99",
        "node 0.10",
        "node >= 22",
        "node < 4",
        "node > 20.5",
        "node <= 18.2.0",
        "node 18-20",
        "node 20.1-20.3",
        "node 16 - 18",
        "last 3 node versions",
        "last 2 node major versions",
        "last 1 node major version",
        "maintained node versions",
        "maintained node versions and node >= 22",
        "electron 1.0",
        "electron 30.1",
        "electron 30.1.2",
        "electron 99",
        "electron >= 35",
        "electron < 2",
        "electron > 36.0",
        "electron <= 1.5",
        "electron 30-32",
        "electron 1.0 - 2.1",
        "electron 99-100",
        "last 3 electron versions",
        "last 2 electron major versions",
        "Electron 28",
        "NODE 22",
        "defaults, node 22, electron 30",
        # Errors, as browserslist reports them.
        "foo",
        "chrome",
        "not dead, defaults",
        "unknown 10",
        "last 2 foo versions",
        "> 1% in XX",
        "supports foo-bar",
        "(last 2 versions)",
        "defaults and (not dead)",
        "defaults and",
        "last 2 versions or",
        "",
        "safari 99",
        "firefox 999",
        "chrome 1000-2000",
        "chrome >= abc",
        "baseline newly available on 2024-01-01",
        "last two versions",
        "> 5 %",
        "cover 99.5",
        "defaults,, dead",
        ", defaults",
        "and defaults",
        "not not dead",
        "extends browserslist-config-foo",
        "browserslist config",
        "> 1% in my stats",
        "cover 90% in my stats",
        "> 1% in foo stats",
        "node 18",
        "node >= 20",
        "maintained node versions",
        "current node",
        "last 2 node versions",
        "last 2 electron versions",
        "electron 30",
        "electron >= 30",
        "electron 28-30",
        "last 2 node major versions",
        "last 2 electron major versions",
    ]
    for n in (0, 1, 2, 3, 5, 10):
        q += [f"last {n} versions", f"last {n} major versions"]
    for name in (
        agents + aliases + ["Chrome", "SAFARI", "Edge", "iOS", "ChromeAndroid", "FirefoxAndroid"]
    ):
        q += [
            f"last 2 {name} versions",
            f"last 1 {name} major version",
            f"unreleased {name} versions",
        ]
    for name in agents:
        agent = data.agents[name]
        released = agent.versions[: agent.released_count]
        mid = released[len(released) // 2].version if released else "1"
        q += [
            f"{name} > {mid}",
            f"{name} >= {mid}",
            f"{name} < {mid}",
            f"{name} <= {mid}",
            f"last 5 {name} major versions",
            f"{name} >= 0",
            f"last 20 {name} versions",
        ]
    continents = ["alt-as", "alt-eu", "alt-af", "alt-na", "alt-oc", "alt-sa", "alt-an", "alt-ww"]
    for region in [*regions, "US", *continents]:
        q += [f"> 1% in {region}", f"cover 90% in {region}"]
    q += ["> 1% in us", "> 1% in ALT-AS", ">= 0.5% in Alt-Eu"]
    popular = ["css-grid", "es6-module", "fetch", "flexbox", "webp", "avif", "css-nesting"]
    for feature in [*features, *popular]:
        q += [f"supports {feature}", f"fully supports {feature}"]
    cases: list[Case] = [(query, {}, {}) for query in dict.fromkeys(q)]
    m2d = [
        "and_chr >= 100",
        "last 2 and_chr versions",
        "and_chr 100",
        "supports css-grid",
        "android > 90",
        "last 2 android versions",
        "last 5 android versions",
        "since 2024",
        "chrome >= 120 and and_chr >= 120",
        "and_ff 120",
        "ie_mob 11",
        "last 2 major versions",
        "fully supports fetch",
        "supports css-has",
        "android 100",
        "android 4.4.3",
        "last 1 year",
        "unreleased versions",
        "defaults",
        "baseline widely available",
        "and_chr 999",
        "op_mob >= 70",
        "ChromeAndroid 110",
        "FirefoxAndroid >= 100",
    ]
    cases += [(query, {"mobileToDesktop": True}, {}) for query in m2d]
    cases += [
        (query, {"ignoreUnknownVersions": True}, {})
        for query in ("chrome 999", "safari 99", "ie 12")
    ]
    # Lists, as config files give them: an entry ending with an operator continues.
    lists: list[list[str]] = [
        ["defaults", "not ie 11"],
        ["last 2 versions and", "> 1%"],
        ["> 1%,", "ie 11"],
        ["not dead"],
        ["defaults", ""],
        ["ie 11", "or ie 10"],
        ["ie 11 or", "ie 10"],
        [],
    ]
    cases += [(query, {}, {}) for query in lists]
    m2d_more = [f"last {n} {name} versions" for n in (1, 3, 40) for name in data.agents]
    cases += [(query, {"mobileToDesktop": True}, {}) for query in m2d_more]
    return cases + _config_cases() + _edge_cases()


def write_case(files: dict[str, str], root: Path, index: int) -> Path | None:
    """The case's own directory under ``root``, with its files; None for a case without."""
    if not files:
        return None
    folder = root / f"case-{index}"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode())
    return folder


@contextlib.contextmanager
def search_root(root: Path) -> Iterator[None]:
    """BROWSERSLIST_ROOT_PATH: config searches stop at ``root``, whatever is above it."""
    before = os.environ.get("BROWSERSLIST_ROOT_PATH")
    os.environ["BROWSERSLIST_ROOT_PATH"] = str(root)
    try:
        yield
    finally:
        if before is None:
            del os.environ["BROWSERSLIST_ROOT_PATH"]
        else:
            os.environ["BROWSERSLIST_ROOT_PATH"] = before


def run_node(cases: list[Case], now: int, node_dir: Path | None) -> list[Any]:
    with (
        tempfile.TemporaryDirectory(prefix="jreject-bl-") as tmp,
        tempfile.TemporaryDirectory(prefix="jreject-bl-cases-") as case_tmp,
    ):
        folder = node_dir or Path(tmp)
        if node_dir is None:
            subprocess.run(
                [
                    "npm",
                    "install",
                    "--no-save",
                    "--no-package-lock",
                    "--no-audit",
                    "--no-fund",
                    f"browserslist@{BROWSERSLIST}",
                    f"caniuse-lite@{CANIUSE_LITE}",
                    f"baseline-browser-mapping@{BASELINE_BROWSER_MAPPING}",
                    f"electron-to-chromium@{ELECTRON_TO_CHROMIUM}",
                    f"node-releases@{NODE_RELEASES}",
                ],
                cwd=folder,
                check=True,
                capture_output=True,
            )
        (folder / "runner.js").write_text(RUNNER)
        root = Path(case_tmp).resolve()
        dirs = [write_case(files, root, index) for index, (_, _, files) in enumerate(cases)]
        payload = [
            [query, {**options, "path": str(where)} if where else options]
            for (query, options, _), where in zip(cases, dirs, strict=True)
        ]
        env = {
            **os.environ,
            "TZ": "UTC",
            "FROZEN_NOW": str(now),
            "BROWSERSLIST_IGNORE_OLD_DATA": "1",
            "BROWSERSLIST_DISABLE_CACHE": "1",
            "BROWSERSLIST_ROOT_PATH": str(root),
        }
        for name in (
            "BROWSERSLIST",
            "BROWSERSLIST_CONFIG",
            "BROWSERSLIST_ENV",
            "BROWSERSLIST_STATS",
        ):
            env.pop(name, None)
        done = subprocess.run(
            ["node", "runner.js"],
            cwd=folder,
            input=json.dumps(payload),
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        answers: list[Any] = json.loads(done.stdout)
        for answer, where in zip(answers, dirs, strict=True):
            if where and "error" in answer:
                answer["error"] = answer["error"].replace(str(where), CASE_DIR)
        return answers


def run_jreject(
    query: Any, options: dict[str, Any], now: int, path: str, where: Path | None = None
) -> dict[str, Any]:
    """jreject's answer: ``result``, ``error`` (browserslist's reason, the case directory
    written as <case>) or ``crash`` (any other exception), and the ``seconds`` it took."""
    opts = Options(
        mobile_to_desktop=bool(options.get("mobileToDesktop")),
        ignore_unknown_versions=bool(options.get("ignoreUnknownVersions")),
        env=options.get("env"),
        throw_on_missing=bool(options.get("throwOnMissing")),
        now=now,
        path=str(where) if where else path,
    )
    start = time.perf_counter()
    answer: dict[str, Any]
    try:
        answer = {"result": browserslist(query, opts)}
    except BrowserslistError as exc:
        reason = exc.reason.replace(str(where), CASE_DIR) if where else exc.reason
        answer = {"error": reason}
    except Exception as exc:  # any other exception is what this script looks for
        answer = {"crash": f"{type(exc).__name__}: {exc}"}
    answer["seconds"] = time.perf_counter() - start
    return answer


def unsupported(query: Any) -> bool:
    if isinstance(query, list) and all(isinstance(item, str) for item in query):
        query = " ".join(query)
    return isinstance(query, str) and bool(UNSUPPORTED.search(query))


def _verdict(node: dict[str, Any], ours: dict[str, Any]) -> str:
    """``agree``, ``node-crash`` (no browserslist answer to compare) or ``mismatch``."""
    if "crash" in ours or ours["seconds"] > SLOW:
        return "mismatch"
    if "error" in node and node["error"].startswith("node error"):
        return "node-crash"
    if "error" in node or "error" in ours:
        return "agree" if node.get("error") == ours.get("error") else "mismatch"
    return "agree" if set(node["result"]) == set(ours["result"]) else "mismatch"


def _short(answer: dict[str, Any]) -> str:
    shown = {key: value for key, value in answer.items() if key != "seconds"}
    text = json.dumps(shown, ensure_ascii=False)
    return text if len(text) <= 200 else text[:200] + "…"


def compare(fixture: dict[str, Any], path: str) -> tuple[int, int, list[str]]:
    """(agreeing, compared, mismatch descriptions); queries unsupported by design and those
    node itself crashes on are left out of the count (the latter listed as notes).

    Agreement is the same set of browsers, or the same browserslist error message on both
    sides; a difference in order is reported as a note, not counted.
    """
    agree, total, bad = 0, 0, []
    with tempfile.TemporaryDirectory(prefix="jreject-bl-cases-") as case_tmp:
        root = Path(case_tmp).resolve()
        with search_root(root):
            for index, case in enumerate(fixture["cases"]):
                query, options, node = case["query"], case["options"], case["node"]
                if unsupported(query):
                    continue
                where = write_case(case.get("files") or {}, root, index)
                ours = run_jreject(query, options, fixture["now"], path, where)
                label = f"{_short({'query': query})} {options}" + (" +files" if where else "")
                verdict = _verdict(node, ours)
                if verdict == "node-crash":
                    bad.append(f"note: node crashes on {label}; jreject: {_short(ours)}")
                    continue
                total += 1
                if verdict == "agree":
                    agree += 1
                    if "result" in node and node["result"] != ours["result"]:
                        bad.append(f"note: order differs for {label}")
                    continue
                slow = f" ({ours['seconds']:.1f} s)" if ours["seconds"] > SLOW else ""
                bad.append(f"{label}: node {_short(node)} / jreject {_short(ours)}{slow}")
    return agree, total, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixture", action="store_true", help="compare with the stored answers")
    parser.add_argument("--write-fixture", action="store_true", help="store node's answers")
    parser.add_argument("--node-dir", type=Path, help="an existing npm install to reuse")
    args = parser.parse_args(argv)

    if args.fixture:
        fixture = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    else:
        now = int(time.time() * 1000)
        cases = build_cases()
        answers = run_node(cases, now, args.node_dir)
        fixture = {
            "notice": "Generated by scripts/browserslist_diff.py --write-fixture; do not edit.",
            "browserslist": BROWSERSLIST,
            "caniuse_lite": CANIUSE_LITE,
            "baseline_browser_mapping": BASELINE_BROWSER_MAPPING,
            "now": now,
            "cases": [
                {"query": q, "options": o, "node": a, **({"files": f} if f else {})}
                for (q, o, f), a in zip(cases, answers, strict=True)
            ],
        }
        if args.write_fixture:
            FIXTURE.parent.mkdir(parents=True, exist_ok=True)
            raw = json.dumps(fixture, separators=(",", ":"), ensure_ascii=False).encode()
            FIXTURE.write_bytes(gzip.compress(raw, mtime=0))
    with tempfile.TemporaryDirectory() as empty:
        agree, total, bad = compare(fixture, empty)
    for line in bad:
        print(line if line.startswith("note:") else f"MISMATCH {line}")
    crashes = sum(line.startswith("note: node crashes") for line in bad)
    skipped = len(fixture["cases"]) - total - crashes
    print(
        f"{agree}/{total} queries agree ({100 * agree / max(total, 1):.2f} %); "
        f"{crashes} that node itself crashes on and {skipped} 'current node' "
        "(not supported here by design) left out"
    )
    return 0 if agree / max(total, 1) >= 0.995 else 1


if __name__ == "__main__":
    raise SystemExit(main())
