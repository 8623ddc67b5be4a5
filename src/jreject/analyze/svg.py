"""Small inline SVG charts for the HTML report: no JavaScript, no CDN, readable offline.

Each function returns one ``<svg>`` element as markup. Text is escaped; sizes are in
user units with a ``viewBox``, so the charts scale with the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["PALETTE", "Bar", "hbars", "stacked_columns", "version_bars"]

#: Colour-blind-safe categorical colours (Okabe–Ito), then greys.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#BBBBBB",
)


@dataclass(frozen=True, slots=True)
class Bar:
    """One segment: a label, a value and its colour."""

    label: str
    value: float
    color: str


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def stacked_columns(
    columns: Sequence[tuple[str, Mapping[str, float]]],
    series: Sequence[str],
    colors: Mapping[str, str],
    *,
    width: int = 760,
    height: int = 260,
    title: str = "",
) -> Markup:
    """100%-stacked columns, one per label (a day), each split into ``series`` shares."""
    left, right, top, bottom = 40, 200, 10, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(columns), 1)
    step = plot_w / n
    bar_w = max(min(step * 0.8, 60), 1)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for pct in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - pct / 100)
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">{pct}%</text>'
        )
    label_every = max(1, round(n / 12))
    for i, (label, values) in enumerate(columns):
        total = sum(values.values()) or 1.0
        x = left + i * step + (step - bar_w) / 2
        y = top + plot_h
        for name in series:
            share = values.get(name, 0.0) / total
            if share <= 0:
                continue
            h = plot_h * share
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colors[name]}"><title>{escape(label)}: {escape(name)} '
                f"{_fmt(100 * share)}%</title></rect>"
            )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 16}" class="tick" '
                f'text-anchor="middle">{escape(label[5:] if len(label) == 10 else label)}</text>'
            )
    for j, name in enumerate(reversed(series)):
        y = top + 6 + j * 18
        out.append(
            f'<rect x="{left + plot_w + 16}" y="{y}" width="12" height="12" '
            f'fill="{colors[name]}"/><text x="{left + plot_w + 34}" y="{y + 10}" '
            f'class="legend">{escape(name[:26])}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def hbars(
    rows: Sequence[tuple[str, Sequence[Bar]]],
    *,
    width: int = 760,
    row_height: int = 34,
    title: str = "",
) -> Markup:
    """One 100%-stacked horizontal bar per row (a policy), labelled segments."""
    left, right = 170, 20
    plot_w = width - left - right
    legend_h = 30
    height = legend_h + row_height * len(rows) + 10
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    seen: dict[str, str] = {}
    for i, (label, bars) in enumerate(rows):
        y = legend_h + i * row_height
        out.append(
            f'<text x="{left - 10}" y="{y + row_height / 2 + 4:.1f}" class="label" '
            f'text-anchor="end">{escape(label[:24])}</text>'
        )
        total = sum(b.value for b in bars) or 1.0
        x = float(left)
        for bar in bars:
            seen.setdefault(bar.label, bar.color)
            w = plot_w * bar.value / total
            if w <= 0:
                continue
            pct = 100 * bar.value / total
            out.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_height - 8}" '
                f'fill="{bar.color}"><title>{escape(label)}: {escape(bar.label)} '
                f"{_fmt(pct)}%</title></rect>"
            )
            if w > 46:
                out.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + row_height / 2 + 4:.1f}" '
                    f'class="inbar" text-anchor="middle">{_fmt(pct)}%</text>'
                )
            x += w
    x = float(left)
    for name, color in seen.items():
        out.append(
            f'<rect x="{x:.1f}" y="6" width="12" height="12" fill="{color}"/>'
            f'<text x="{x + 17:.1f}" y="16" class="legend">{escape(name)}</text>'
        )
        x += 24 + 7.5 * len(name)
    out.append("</svg>")
    return Markup("".join(out))


def version_bars(
    title: str,
    bars: Sequence[Bar],
    *,
    width: int = 370,
    height: int = 170,
) -> Markup:
    """Columns per version of one browser (oldest left), coloured by outcome."""
    left, right, top, bottom = 36, 8, 24, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((b.value for b in bars), default=0.0) or 1.0
    n = max(len(bars), 1)
    step = plot_w / n
    bar_w = max(min(step * 0.8, 28), 1)
    out = [
        f'<svg class="chart small" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f'<text x="{left}" y="15" class="subtitle">{escape(title)}</text>',
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'class="axis"/>',
    ]
    label_every = max(1, round(n / 10))
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / peak
        x = left + i * step + (step - bar_w) / 2
        out.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
            f'fill="{bar.color}"><title>{escape(title)} {escape(bar.label)}: '
            f"{_fmt(bar.value)}%</title></rect>"
        )
        if i % label_every == 0:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" class="tick" '
                f'text-anchor="middle">{escape(bar.label)}</text>'
            )
    out.append(
        f'<text x="{left - 4}" y="{top + 4}" class="tick" text-anchor="end">{_fmt(peak)}%</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))
