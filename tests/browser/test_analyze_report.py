"""The analyze HTML report in Chromium: it renders offline, charts drawn, nothing fetched."""

from __future__ import annotations

import pytest

pytest.importorskip("polars")

from jreject.analyze import analyze
from jreject.analyze.classify import PolicyUnderTest
from jreject.analyze.generate import LogSpec, write_log
from jreject.analyze.report_html import render_html
from jreject.config import config_from_dict, default_config

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    log = folder / "access.log.gz"
    write_log(log, LogSpec(lines=20_000, distinct=600, days=14, garbage=0.002, seed=7))
    modern = config_from_dict(
        {
            "policy": [
                {"reject": {"msie": True}, "action": "block"},
                {"minimum": {"preset": "modern"}, "action": "modal"},
            ]
        }
    )
    report = analyze(
        [str(log)],
        [PolicyUnderTest("jreject default", default_config()), PolicyUnderTest("modern", modern)],
    )
    path = folder / "report.html"
    path.write_text(render_html(report), "utf-8")
    return path


def test_report_renders_offline_with_its_charts(new_context, report_file, artifacts):
    context = new_context(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(report_file.as_uri())
    # Only the file itself: no font, stylesheet, script or image from anywhere.
    assert requests == [report_file.as_uri()]
    charts = page.locator("svg.chart")
    assert charts.count() >= 4
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box is not None
        assert box["width"] > 250
        assert box["height"] > 80
    # Each policy's bar has its segments, each with a hover title.
    assert page.locator("svg.chart rect title").count() > 20
    assert page.get_by_role("heading", name="Most affected User-Agents: modern").is_visible()
    page.screenshot(path=str(artifacts / "analyze-report.png"), full_page=True)
    page.set_viewport_size({"width": 420, "height": 900})
    page.screenshot(path=str(artifacts / "analyze-report-narrow.png"))
    # Nothing overflows the page sideways on a phone-sized screen, but the wide tables.
    overflow = page.evaluate(
        "[...document.querySelectorAll('section')].filter("
        "s => s.scrollWidth > s.clientWidth + 1 && !s.querySelector('table')).length"
    )
    assert overflow == 0
