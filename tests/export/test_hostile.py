"""A crafted User-Agent costs every exported rule set bounded work.

nginx (PCRE without JIT, its default), Varnish, JavaScript and Python's ``re`` all
backtrack: a rule ``X11;[^)]*Linux.*Chrome/…`` searched in 8 KiB of ``X11; Linux``
repeated tries every pair of tokens. The export reads no further than Python does.
"""

from __future__ import annotations

import time

import pytest

from export.executors import NGINX, NODE, with_nginx, with_node, with_regex
from export.policies import POLICIES
from jreject.detect.limits import MAX_USER_AGENT
from jreject.export import compile_policy

#: Under nginx's default header buffer (8 KiB), so nginx passes them to the map.
HOSTILE = [
    (("X11;" + " Linux") * 1000)[:8000],
    (("X11;" + " Linux" * 3) * 400)[:8000],
    ("X11;" * 100 + " Linux" * 1000)[:8000],
]
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/{}.0.0.0 Safari/537.36"
)


@pytest.fixture(scope="module")
def export():
    return compile_policy(POLICIES["default"])


@pytest.mark.parametrize(
    "execute",
    [
        pytest.param(with_regex, id="regex"),
        pytest.param(with_node, id="js", marks=pytest.mark.skipif(NODE is None, reason="no node")),
        pytest.param(
            with_nginx,
            id="nginx",
            marks=pytest.mark.skipif(NGINX is None, reason="nginx is not installed"),
        ),
    ],
)
def test_a_crafted_user_agent_is_classified_at_once(export, execute, tmp_path):
    started = time.monotonic()
    answers = execute(export, HOSTILE, tmp_path)
    # Before the length rule: ~60 s in nginx, ~2.5 s in Python and node on this input.
    assert time.monotonic() - started < 2.0
    assert answers == ["ok"] * len(HOSTILE)


def test_what_python_does_not_read_is_not_judged_at_the_edge(export):
    old = CHROME.format(80)
    assert export.classify(old) == "warn"
    # Python judges the first MAX_USER_AGENT characters; the edge allows a longer UA.
    padded = old + " " + "x" * (MAX_USER_AGENT - len(old))
    assert len(padded) == MAX_USER_AGENT + 1
    assert export.classify(padded) == "ok"
    assert export.classify(padded[:-1]) == "warn"
