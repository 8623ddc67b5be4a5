"""The configuration's own ``bot_patterns`` at the edge: every target reads them as
Python does, whatever characters they hold, or the export names the ones it leaves out."""

from __future__ import annotations

import pytest

from export.executors import EXECUTORS, NGINX, with_nginx
from jreject.config import config_from_dict
from jreject.export import compile_policy, render
from jreject.export.agree import python_classes

#: docs/bots.md's example, then patterns with what each config syntax quotes or escapes.
PATTERNS = [
    "^AcmeUptime/",
    "(?i)internal-(?P<name>probe)",
    r'Probe\\"q";\{1\}',
    r"\\\\share\\monitor",
    "Acme 'Zq'; #1 \\$",
]
#: RE2 reads these; not every edge dialect does (JS has no (?s) nor \pL).
UNPORTABLE = ["(?s)Dotall.Probe", r"\pLetterbot", "(?i:casefold)Bot"]
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/80.0.0.0 Safari/537.36"
)
USER_AGENTS = [
    CHROME,
    "AcmeUptime/3.2 (+ops)",
    f"{CHROME} internal-PROBE v2",
    f"{CHROME} INTERNAL-probe",
    f'{CHROME} Probe\\"q";{{1}}',
    f'{CHROME} Probe"q";{{1}}',
    f"{CHROME} \\\\share\\monitor",
    f"{CHROME} Acme 'Zq'; #1 $",
    f"{CHROME} Acme 'Zq'; #1",
    f"{CHROME} Dotall Probe",
]
POLICY = {
    "bot_patterns": PATTERNS + UNPORTABLE,
    "policy": [{"minimum": {"chrome": 120}, "action": "modal"}],
}


@pytest.fixture(scope="module")
def config():
    return config_from_dict(POLICY)


@pytest.fixture(scope="module")
def export(config):
    return compile_policy(config)


def test_python_reads_the_patterns_as_the_test_expects(config):
    classes = python_classes(config, USER_AGENTS)
    expected = ["warn", "ok", "ok", "ok", "ok", "warn", "ok", "ok", "warn", "ok"]
    assert [classes[ua] for ua in USER_AGENTS] == expected


@pytest.mark.parametrize("execute", EXECUTORS)
def test_every_target_reads_the_patterns_as_python(config, export, execute, tmp_path):
    python = python_classes(config, USER_AGENTS)
    answers = execute(export, USER_AGENTS, tmp_path)
    # The edge leaves the unportable patterns out: their bots are judged as browsers.
    expected = [python[ua] for ua in USER_AGENTS[:-1]] + ["warn"]
    assert answers == expected


def test_patterns_not_every_edge_reads_are_named_and_left_out(export):
    for pattern in UNPORTABLE:
        assert any(repr(pattern) in sentence for sentence in export.unexpressed), pattern
    for pattern in PATTERNS:
        assert not any(repr(pattern) in sentence for sentence in export.unexpressed), pattern
    assert not [rule for rule in export.rules if "Dotall" in rule.pattern]


@pytest.mark.parametrize("target", ["nginx", "varnish", "fastly"])
def test_no_pattern_closes_a_quoted_string(export, target):
    for line in render(export, target).splitlines():
        if not line.lstrip().startswith("#"):
            # Every quote the rules write opens or closes one of their strings.
            assert '\\"' not in line, line
            assert "\\\\" not in line, line


def test_a_crawler_list_entry_with_its_own_case_flag_keeps_it(monkeypatch):
    import jreject.data.bots as bot_data

    real = bot_data.load_bot_data()
    entries = [*real[bot_data.CRAWLER_USER_AGENTS], {"pattern": "(?i)acmezq-fetch"}]
    monkeypatch.setattr(
        bot_data, "load_bot_data", lambda: {**real, bot_data.CRAWLER_USER_AGENTS: entries}
    )
    export = compile_policy(config_from_dict({"policy": [{"minimum": {"chrome": 120}}]}))
    assert export.classify(f"{CHROME} ACMEZQ-Fetch") == "ok"
    assert not [rule for rule in export.rules if "(?i)" in rule.pattern]


@pytest.mark.skipif(NGINX is None, reason="no nginx")
def test_a_pattern_longer_than_an_nginx_parameter_is_split_at_its_alternatives(tmp_path):
    # nginx reads at most 4,096 bytes in one parameter: one rule would fail `nginx -t`.
    names = "|".join(f"internal-tool-{index}" for index in range(400))
    config = config_from_dict({"bot_patterns": [names], "policy": POLICY["policy"]})
    export = compile_policy(config)
    assert max(len(rule.pattern) for rule in export.rules) < 4000
    user_agents = [CHROME, f"{CHROME} internal-tool-3", f"{CHROME} internal-tool-399"]
    assert with_nginx(export, user_agents, tmp_path) == ["warn", "ok", "ok"]


def test_a_pattern_nginx_cannot_hold_in_one_parameter_is_named_and_left_out():
    one_branch = "internal-(?:" + "|".join(f"tool-{index}" for index in range(700)) + ")"
    export = compile_policy(config_from_dict({"bot_patterns": [one_branch]}))
    assert max(len(rule.pattern) for rule in export.rules) < 4000
    assert any("4,096" in sentence for sentence in export.unexpressed)
