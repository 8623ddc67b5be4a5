"""What each target writes: the Cloudflare expressions give the ordered rules' answers,
Fastly's VCL is Varnish's, and every export says what it cannot express."""

from __future__ import annotations

import dataclasses
import re

import pytest

from export.corpus import real_user_agents
from export.policies import POLICIES
from jreject.export import TARGETS, compile_policy, render

_MATCHES = re.compile(r'http\.user_agent matches "((?:[^"\\]|\\.)*)"')


def _cloudflare_to_python(expression: str, user_agent: str) -> bool:
    # The Rules language's and/or/not/true/false read as Python's; `matches` is a search.
    def match(found: re.Match[str]) -> str:
        pattern = found.group(1).replace('\\"', '"').replace("\\\\", "\\")
        return str(re.search(pattern, user_agent) is not None)

    text = _MATCHES.sub(match, expression)
    return bool(eval(text.replace("true", "True").replace("false", "False"), {}))


@pytest.mark.parametrize("policy", sorted(POLICIES))
def test_cloudflare_expressions_give_the_ordered_rules_answer(policy):
    export = compile_policy(POLICIES[policy])
    text = render(export, "cloudflare")
    expressions = {}
    for block in text.split("\n# ")[1:]:
        name, _, body = block.partition(":\n")
        if name in ("warn", "block"):
            expressions[name] = body.strip()
    assert set(expressions) == {"warn", "block"}
    for ua in real_user_agents():
        warn = _cloudflare_to_python(expressions["warn"], ua)
        block = _cloudflare_to_python(expressions["block"], ua)
        assert not (warn and block)
        got = "block" if block else "warn" if warn else "ok"
        # Cloudflare leaves the crawler list out: only a crawler may differ, towards ok.
        expected = export.classify(ua)
        assert got == expected or (got != "ok" and expected == "ok"), ua


def test_fastly_vcl_is_varnish_vcl_without_the_version_line():
    export = compile_policy(POLICIES["tiers"])
    varnish = render(export, "varnish").replace("--target varnish", "--target fastly")
    assert render(export, "fastly") == varnish.replace("vcl 4.1;\n", "")


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_every_export_names_what_it_cannot_express(target):
    text = render(compile_policy(POLICIES["tiers"]), target)
    assert "Client Hints" in text
    assert "evaluated on" in text


def test_an_unknown_target_is_named_in_the_error():
    with pytest.raises(ValueError, match="expected one of nginx, varnish"):
        render(compile_policy(POLICIES["default"]), "akamai")


#: A file name may hold a newline, and a JS comment's end.
ODD_SOURCE = "/srv/odd*/site\nINJECTED map $a $b { */ x /jreject.toml"


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_a_file_name_stays_inside_the_header_comment(target):
    export = dataclasses.replace(compile_policy(POLICIES["default"]), source=ODD_SOURCE)
    text = render(export, target)
    (line,) = [line for line in text.splitlines() if "INJECTED" in line]
    assert line.startswith(("# ", "// "))


@pytest.mark.parametrize("policy", ["default", "modern"])
def test_cloudflare_expressions_fit_its_limit(policy):
    text = render(compile_policy(POLICIES[policy]), "cloudflare")
    assert "over Cloudflare's limit" not in text
    expressions = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert max(map(len, expressions)) <= 4096
