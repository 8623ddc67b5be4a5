"""The keys to ua-parser's browser rules: current, sound, and ignored when they are not theirs."""

from __future__ import annotations

import json
import logging
import re
from importlib import metadata, resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.detect.botcorpus import BOTS, NOT_BOTS, read_corpus
from tests.detect.test_corpus import CASES
from ua_parser import load_lazy_builtins

from jreject.data import ua_rules
from jreject.data.ua_rules import (
    RULE_KEYS_FILE,
    keys_for,
    load_rule_keys,
    rule_key,
    rule_keys,
    rules_digest,
    serialize_rule_keys,
)
from jreject.detect.useragent import ascii_haystack, rust_available
from repo_scripts import load_script

RULES = load_lazy_builtins()[0]
REGEXES = [rule.regex for rule in RULES]
SOURCE_VERSION = metadata.version("ua-parser-builtins")


@pytest.fixture
def reload_keys():
    load_rule_keys.cache_clear()
    yield
    load_rule_keys.cache_clear()


def _corpus() -> list[str]:
    uas = [case.user_agent for case in CASES]
    uas += [ua for path in (BOTS, NOT_BOTS) for ua, _ in read_corpus(path)]
    return [ascii_haystack(ua) for ua in dict.fromkeys(uas) if ua]


# --- the bundled file ------------------------------------------------------------------


def test_the_bundled_keys_are_those_of_the_installed_ua_parser_builtins():
    data = load_rule_keys()
    assert data is not None
    assert data["source"] == {
        "name": "ua-parser-builtins",
        "version": SOURCE_VERSION,
        "license": metadata.metadata("ua-parser-builtins")["License"],
    }, "ua-parser-builtins was upgraded: run scripts/generate_ua_rule_keys.py"
    assert data["rules"] == len(REGEXES)
    assert data["digest"] == rules_digest(REGEXES)
    assert keys_for(REGEXES) == rule_keys(REGEXES)


def test_the_generator_finds_the_bundled_file_up_to_date(capsys):
    assert load_script("generate_ua_rule_keys").main(["--check"]) == 0
    assert SOURCE_VERSION in capsys.readouterr().out


def test_the_generator_writes_what_is_bundled(tmp_path):
    assert load_script("generate_ua_rule_keys").main(["--out", str(tmp_path)]) == 0
    bundled = resources.files("jreject.data").joinpath(RULE_KEYS_FILE).read_bytes()
    assert (tmp_path / RULE_KEYS_FILE).read_bytes() == bundled


def test_the_file_holds_one_key_a_line_and_no_regex():
    raw = resources.files("jreject.data").joinpath(RULE_KEYS_FILE).read_text("utf-8")
    assert len(raw.splitlines()) == len(REGEXES) + 2
    # Only lower-cased texts: nothing of a rule's syntax but its plain characters.
    assert all(
        key is None or all(text == text.lower() for text in key) for key in rule_keys(REGEXES)
    )


# --- sound: a rule left out cannot match -----------------------------------------------


def test_a_rule_matches_only_user_agents_that_contain_its_key():
    """Every rule that matches a corpus User-Agent, anywhere (not only the first that
    matches), finds one of its key texts in it: so leaving out the rules whose key is
    missing changes no answer. The corpus holds browsers, bots and the near-misses."""
    uas = _corpus()
    lowered = [ua.lower() for ua in uas]
    checked = 0
    for rule, key in zip(RULES, rule_keys(REGEXES), strict=True):
        if key is None:
            continue
        lacking = [
            ua for ua, low in zip(uas, lowered, strict=True) if not any(t in low for t in key)
        ]
        matches = _matcher(rule)
        wrong = [ua for ua in lacking if matches(ua)]
        assert wrong == [], (rule.regex, key, wrong[:3])
        checked += len(lacking)
    assert checked > 100_000


KEYED = [(regex, key) for regex, key in zip(REGEXES, rule_keys(REGEXES), strict=True) if key]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(KEYED).flatmap(lambda rule: st.tuples(st.just(rule), st.from_regex(rule[0])))
)
def test_any_text_a_rule_matches_contains_its_key(case):
    (regex, key), text = case
    lowered = text.lower()
    assert any(piece in lowered for piece in key), (regex, key, text)


def _matcher(rule):
    if rust_available():
        import ua_parser_rs

        extractor = ua_parser_rs.UserAgentExtractor(
            [(rule.regex, rule.family, None, None, None, None)]
        )
        return lambda ua: extractor.extract(ua) is not None
    return re.compile(rule.regex).search


@pytest.mark.parametrize(
    ("regex", "key"),
    [
        (r"(MSIE) (\d+)\.(\d+)", ("msie",)),
        (r"(Chromium|Chrome)/(\d+)\.(\d+)", ("chromium", "chrome")),
        (r"(Opera)/9.80.{0,200}Version/(\d+)", ("version/",)),  # the longest piece
        (r"(Maxthon|MyIE2|Uzbl|Shiira)", ("maxthon", "myie2", "uzbl", "shiira")),
        (r"(UC? ?Browser|UCWEB)[ /]?(\d+)", ("browser", "ucweb")),  # "C" and " " optional
        (r"(UC? ?Browser|UCWEB|U3)[ /]?(\d+)", None),  # "U3": too short to key on
    ],
)
def test_a_key_is_the_text_a_rule_needs(regex, key):
    assert rule_key(regex) == key


@pytest.mark.parametrize("regex", [r"\p{L}+bot", r"[[:alpha:]]+Browser/(\d+)", r"\QBrowser\E"])
def test_syntax_the_scanner_does_not_model_gets_no_key(regex):
    assert rule_key(regex) is None


# --- ignored when not theirs -----------------------------------------------------------


def test_other_rules_get_no_keys():
    changed = [*REGEXES[:-1], REGEXES[-1] + "x"]
    assert keys_for(changed) is None
    assert keys_for(REGEXES[:-1]) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: {**d, "format": 99},
        lambda d: {**d, "rules": d["rules"] + 1},
        lambda d: {**d, "keys": [[], *d["keys"][1:]]},  # an empty key would skip its rule
        lambda d: {**d, "keys": [[1], *d["keys"][1:]]},
        lambda d: [d],
    ],
)
def test_a_damaged_file_is_ignored_and_logged(damage, monkeypatch, reload_keys, tmp_path, caplog):
    good = json.loads(resources.files("jreject.data").joinpath(RULE_KEYS_FILE).read_bytes())
    (tmp_path / RULE_KEYS_FILE).write_text(json.dumps(damage(good)))
    monkeypatch.setattr(ua_rules, "resources", _Files(tmp_path))
    with caplog.at_level(logging.WARNING, logger="jreject"):
        assert keys_for(REGEXES) is None
    assert RULE_KEYS_FILE in caplog.text


def test_serialized_keys_read_back_as_written():
    data = ua_rules.convert_rule_keys(REGEXES[:5], "1", "Apache 2.0")
    assert json.loads(serialize_rule_keys(data)) == data


class _Files:
    """Stands in for ``importlib.resources``: ``files(package)`` is ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self, package: str) -> Path:
        return self.root
