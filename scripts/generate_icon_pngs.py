"""Render the notice's SVG browser icons to PNG for Internet Explorer 8 and older.

    python scripts/generate_icon_pngs.py            # render with Chromium, write PNGs
    python scripts/generate_icon_pngs.py --check    # fail if a PNG is older than its SVG

IE 6-8 cannot draw SVG. The notice gives them a PNG of the same icon instead, inside a
conditional comment that no other browser reads. The PNGs are 40 x 40 on the notice's
white card, opaque, because IE 6 draws a PNG's alpha channel as grey.

Rendering uses Playwright with the Debian Chromium (``CHROMIUM_PATH`` to override), as
the real-browser tests do, so no image library is needed. ``png-sources.json`` records
the SHA-256 of the SVG each PNG was made from; ``--check`` (and a test) compare it with
the SVGs, so an icon edited without re-rendering its PNG is caught.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "src" / "jreject" / "notice" / "static" / "icons"
MANIFEST = ICONS / "png-sources.json"
SIZE = 40
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/lib/chromium/chromium"
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]


def svg_digests() -> dict[str, str]:
    """``{browser id: sha256 of its SVG}`` for every icon."""
    return {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(ICONS.glob("*.svg"))
    }


def stale() -> list[str]:
    """Icons whose PNG is missing or was rendered from another SVG."""
    recorded = json.loads(MANIFEST.read_text("utf-8")) if MANIFEST.exists() else {}
    return [
        name
        for name, digest in svg_digests().items()
        if recorded.get(name) != digest or not (ICONS / f"{name}.png").exists()
    ]


def render() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=OFFLINE)
        page = browser.new_page(viewport={"width": SIZE, "height": SIZE}, device_scale_factor=1)
        for svg in sorted(ICONS.glob("*.svg")):
            page.set_content(
                "<!DOCTYPE html><html><body style='margin:0;background:#fff'>"
                f"{svg.read_text('utf-8')}</body></html>"
            )
            page.screenshot(
                path=str(ICONS / f"{svg.stem}.png"),
                clip={"x": 0, "y": 0, "width": SIZE, "height": SIZE},
            )
            print(f"wrote {svg.stem}.png")
        browser.close()
    MANIFEST.write_text(json.dumps(svg_digests(), indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a PNG is out of date")
    args = parser.parse_args()
    if args.check:
        out_of_date = stale()
        if out_of_date:
            print(f"out of date: {', '.join(out_of_date)}; run scripts/generate_icon_pngs.py")
            return 1
        print("every PNG matches its SVG")
        return 0
    render()
    return 0


if __name__ == "__main__":
    sys.exit(main())
