"""The HTML report is one self-contained page: no script, no external resource."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jreject.analyze import analyze
from jreject.analyze.report_html import render_html


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]


def test_page_is_self_contained(small_log, two_policies):
    html = render_html(analyze([str(small_log)], two_policies))
    parser = _Collect()
    parser.feed(html)
    assert "script" not in parser.tags
    assert parser.urls == []
    assert not re.search(
        r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)",
        html.replace("http://www.google.com/bot.html", ""),
    )
    # Plots: share per policy, browser share over time, versions per browser.
    assert parser.tags.count("svg") >= 3


def test_user_agents_are_escaped(tmp_path, default_policy):
    path = tmp_path / "ua.txt"
    # Not at the start: a User-Agent that opens with "<" is a bot (isbot's rule).
    path.write_text("Mozilla/5.0 <script>alert(1)</script>\n")
    html = render_html(analyze([str(path)], default_policy))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_sections_for_each_policy(small_log, two_policies):
    html = render_html(analyze([str(small_log)], two_policies))
    for needle in (
        "Most affected User-Agents: default",
        "Most affected User-Agents: strict",
        "Malformed lines",
        "Browser share over time",
    ):
        assert needle in html
