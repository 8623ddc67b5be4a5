"""Minify the notice's CSS and script, which every warned page carries inline.

    python scripts/minify_assets.py            # write jreject.min.css and jreject.min.js
    python scripts/minify_assets.py --check    # fail if either is out of date

``jreject.css`` and ``jreject.js`` are the sources, kept readable and commented; the
notice inlines (or serves, with ``assets = "static"``) the minified copies, about a
third smaller. rcssmin and rjsmin only drop comments and whitespace, so the IE 6-7
``_prop`` and ``*prop`` hacks, the ES3 script and every selector stay as written.
``min-sources.json`` records the SHA-256 of each source, and the tool and version that
minified it; ``--check`` (and a test) compare it with the sources, so a source edited
without re-running this script is caught.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "src" / "jreject" / "notice" / "static"
MANIFEST = STATIC / "min-sources.json"
#: source → minified copy, and the package that minifies it.
FILES = {"jreject.css": ("jreject.min.css", "rcssmin"), "jreject.js": ("jreject.min.js", "rjsmin")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def minify(source: str, tool: str) -> str:
    if tool == "rcssmin":
        import rcssmin

        return str(rcssmin.cssmin(source))
    import rjsmin

    return str(rjsmin.jsmin(source))


def stale() -> list[str]:
    """Sources whose minified copy is missing or was made from another version."""
    recorded = json.loads(MANIFEST.read_text("utf-8")) if MANIFEST.exists() else {}
    return [
        name
        for name, (minified, _) in FILES.items()
        if recorded.get(name, {}).get("source_sha256") != digest(STATIC / name)
        or not (STATIC / minified).exists()
    ]


def write() -> None:
    manifest = {}
    for name, (minified, tool) in FILES.items():
        text = minify((STATIC / name).read_text("utf-8"), tool)
        (STATIC / minified).write_text(text + "\n", encoding="utf-8")
        manifest[name] = {
            "minified": minified,
            "source_sha256": digest(STATIC / name),
            "tool": f"{tool} {version(tool)}",
        }
        print(f"wrote {minified}: {len(text):,} bytes from {(STATIC / name).stat().st_size:,}")
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a copy is out of date")
    args = parser.parse_args()
    if args.check:
        out_of_date = stale()
        if out_of_date:
            print(f"out of date: {', '.join(out_of_date)}; run scripts/minify_assets.py")
            return 1
        print("every minified copy matches its source")
        return 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main())
