"""The inline SVG charts: well-formed, escaped, proportional."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from jreject.analyze.svg import Bar, hbars, stacked_columns, version_bars

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def test_stacked_columns_are_100_percent_high_and_escape_labels():
    chart = parse(
        stacked_columns(
            [("2024-03-01", {"A<b>": 3, "C": 1}), ("2024-03-02", {"C": 2})],
            ["A<b>", "C"],
            {"A<b>": "#000", "C": "#111"},
            title="t",
        )
    )
    rects = [r for r in chart.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    first_day = [float(r.get("height")) for r in rects[:2]]
    second_day = [float(r.get("height")) for r in rects[2:]]
    assert abs(sum(first_day) - sum(second_day)) < 0.2
    assert abs(first_day[0] - 3 * first_day[1]) < 0.2
    texts = [t.text for t in chart.iter(f"{SVG}text")]
    assert "A<b>" in texts  # escaped in the markup, read back as text


def test_hbars_label_segments_with_their_share():
    chart = hbars([("strict", [Bar("allowed", 3, "#0f0"), Bar("blocked", 1, "#f00")])])
    titles = [t.text for t in parse(chart).iter(f"{SVG}title")]
    assert titles == ["strict: allowed 75%", "strict: blocked 25%"]


def test_version_bars_scale_to_the_tallest():
    chart = parse(version_bars("Chrome", [Bar("120", 10, "#000"), Bar("121", 5, "#000")]))
    heights = [
        float(r.get("height"))
        for r in chart.iter(f"{SVG}rect")
        if r.find(f"{SVG}title") is not None
    ]
    assert heights[0] == 2 * heights[1]


def test_no_script_or_external_reference():
    markup = str(hbars([("a", [Bar("x", 1, "#000")])]))
    assert not re.search(r"<script|href=|url\(", markup)
