"""``benchmarks/third_party_accuracy.py`` reads every fixture format it documents.

The real fixtures stay out of the repository; these files are written here, in each
project's format, with User-Agents made up for the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import third_party_accuracy as tpa  # noqa: E402

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
IPHONE_FIREFOX = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) FxiOS/127.0 Mobile/15E148 Safari/605.1.15"
)
EDGE_BRANDS = '"Not_A Brand";v="8", "Chromium";v="120", "Microsoft Edge";v="120"'
SYMBIAN_OPERA = "Mozilla/4.1 (compatible; MSIE 5.0; Symbian OS; Acme 1000) Opera 6.10 [en]"


@pytest.fixture
def fixtures(tmp_path: Path) -> Path:
    (tmp_path / "uaparserjs-browser-all.json").write_text(
        json.dumps(
            [
                {"ua": CHROME, "expect": {"name": "Chrome", "version": "130", "major": "130"}},
                {"ua": ANDROID_CHROME, "expect": {"name": "Chrome", "major": "130"}},
                {"ua": IPHONE_FIREFOX, "expect": {"name": "Mobile Firefox", "major": "127"}},
                {"ua": "Acme/1.0", "expect": {"name": "Acme Browser", "major": "1"}},
            ]
        )
    )
    (tmp_path / "uaparserjs-ua-ch-headers.js").write_text(
        "const UACHTests = [\n"
        "    {\n"
        "        desc: 'Edge',\n"
        "        headers : {\n"
        f"            'sec-ch-ua': '{EDGE_BRANDS}'\n"
        "        },\n"
        "        expect: { browser : { name : 'Edge', version : '120', major : '120',"
        " type : undefined } }\n"
        "    },\n"
        "    {\n"
        "        desc: 'Acme',\n"
        """        headers : { 'sec-ch-ua': '"Acme";v="3", "Chromium";v="120"' },\n"""
        "        expect: { browser : { name : 'Acme', version : '3', major : '3' } }\n"
        "    }\n"
        "];\n\nmodule.exports = UACHTests;\n"
    )
    (tmp_path / "uaparserjs-crawler.json").write_text(
        json.dumps([{"ua": "AcmeBot/1.0 (+https://example.com/bot)", "expect": {}}])
    )
    (tmp_path / "uap-core-test_ua.yaml").write_text(
        "test_cases:\n"
        f"  - user_agent_string: '{CHROME}'\n    family: 'Chrome'\n    major: '130'\n"
        f"  - user_agent_string: '{SYMBIAN_OPERA}'\n    family: 'Opera'\n    major: '6'\n"
        "  - user_agent_string: 'Acme/1.0'\n    family: 'Other'\n    major:\n"
    )
    (tmp_path / "woothee-crawler.yaml").write_text(
        "# Acme\n- target: 'AcmeBot/1.0 (+https://example.com/bot)'\n"
        "  name: AcmeBot\n  os: UNKNOWN\n  category: crawler\n"
    )
    (tmp_path / "woothee-pc_windows.yaml").write_text(
        f"- target: '{CHROME}'\n  name: Chrome\n  os: Windows 10\n  category: pc\n"
    )
    (tmp_path / "woothee-misc.yaml").write_text(
        "- target: 'curl/8.0'\n  name: HTTP Library\n  os: UNKNOWN\n  category: misc\n"
    )
    (tmp_path / "bowser.yml").write_text(
        "---\n  Chrome:\n    -\n"
        f'      ua: "{ANDROID_CHROME}"\n'
        '      spec:\n        browser:\n          name: "Chrome"\n'
        '        platform:\n          type: "mobile"\n'
        "  PhantomJS:\n    -\n"
        '      ua: "Mozilla/5.0 (X11; Linux) AppleWebKit/538.1 PhantomJS/2.1.1 Safari/538.1"\n'
        '      spec:\n        browser:\n          name: "PhantomJS"\n'
        '        platform:\n          type: "desktop"\n'
        "  Acme:\n    -\n"
        '      ua: "AcmeBot/2.0 (+https://example.com/bot)"\n'
        '      spec:\n        browser:\n          name: "AcmeBot"\n'
        '        platform:\n          type: "bot"\n'
    )
    return tmp_path


def test_woothee_and_bowser_cases_are_read_with_their_kind(fixtures):
    assert sorted(tpa.woothee_cases(fixtures)) == sorted(
        [
            ("AcmeBot/1.0 (+https://example.com/bot)", "crawler"),
            (CHROME, "pc"),
            ("curl/8.0", "misc"),
        ]
    )
    # Headless browsers are left out: a bot either way.
    assert list(tpa.bowser_cases(fixtures)) == [
        (ANDROID_CHROME, "mobile"),
        ("AcmeBot/2.0 (+https://example.com/bot)", "bot"),
    ]


def test_labels_map_to_the_agents_they_imply_on_each_platform(fixtures):
    found = tpa.uaparserjs_humans(fixtures)
    assert found.cases == {CHROME: "chrome", ANDROID_CHROME: "and_chr", IPHONE_FIREFOX: "ios_saf"}
    assert found.skipped == {"Acme Browser": 1}
    core = tpa.uap_core_humans(fixtures)
    assert core.cases == {CHROME: "chrome", SYMBIAN_OPERA: "opera"}
    assert core.skipped == {"Other": 1}


def test_client_hints_cases_are_read_from_the_javascript_module(fixtures):
    found = tpa.uaparserjs_hinted(fixtures)
    assert [expected for _, expected in found.cases] == [("edge", 120)]
    assert found.skipped == {"Acme": 1}


def test_a_label_in_doubt_is_disputed_only_with_its_token():
    assert tpa.disputed(SYMBIAN_OPERA, "opera", "op_mob") is not None
    assert tpa.disputed(CHROME, "opera", "op_mob") is None
    assert tpa.disputed(SYMBIAN_OPERA, "opera", "opera") is None


def test_the_script_scores_each_set_apart(fixtures):
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / "third_party_accuracy.py"), str(fixtures)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "humans [ua-parser-js]: caniuse agent right 3/3" in out
    assert "humans [uap-core]: caniuse agent right 1/2" in out
    assert "disputed labels 1; right or disputed 2/2" in out
    assert "bots [ua-parser-js]: recall 1/1" in out
    assert "UA + client hints [ua-parser-js]: browser + major right 1/1" in out
    assert "bots [woothee]: recall 1/1" in out
    assert "bots [bowser]: recall 1/1" in out
    # woothee's "misc" (HTTP libraries, feed readers) is not counted among people's browsers.
    assert "browsers called bots [woothee]: 0/1" in out
    assert "browsers called bots [bowser]: 0/1" in out
