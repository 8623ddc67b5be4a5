"""Regenerate jreject's bundled browser data from the npm packages browserslist reads.

    python scripts/generate_data.py                 # download the pinned versions, write
    python scripts/generate_data.py --check         # fail if the files are out of date
    python scripts/generate_data.py --caniuse-lite DIR_OR_TGZ --browserslist … --baseline …

The pinned versions below are what the bundled data and the differential fixtures
(tests/browserslist/fixtures) were made from; bump them together, then run
scripts/browserslist_diff.py to refresh the fixtures.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jreject.data.convert import (
    convert,
    convert_browserslist,
    convert_runtimes,
    serialize,
)
from jreject.data.update import DEFAULT_REGISTRY, pinned_package

CANIUSE_LITE = "1.0.30001828"
BROWSERSLIST = "4.29.6"
BASELINE_BROWSER_MAPPING = "2.11.40"
# browserslist's other data dependencies, at the versions npm resolved for it.
ELECTRON_TO_CHROMIUM = "1.5.495"
NODE_RELEASES = "2.0.66"
DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "jreject" / "data"


def _without_generated(raw: bytes, name: str) -> Any:
    import gzip

    value = json.loads(gzip.decompress(raw) if name.endswith(".gz") else raw)
    value.get("meta", {}).pop("generated", None)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--caniuse-lite", help="caniuse-lite package directory or .tgz")
    parser.add_argument("--browserslist", help="browserslist package directory or .tgz")
    parser.add_argument("--baseline", help="baseline-browser-mapping directory or .tgz")
    parser.add_argument("--electron-to-chromium", help="electron-to-chromium directory or .tgz")
    parser.add_argument("--node-releases", help="node-releases directory or .tgz")
    parser.add_argument("--registry", default=DEFAULT_REGISTRY)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    caniuse = pinned_package(
        args.caniuse_lite, "caniuse-lite", CANIUSE_LITE, registry=args.registry
    )
    browserslist = pinned_package(
        args.browserslist, "browserslist", BROWSERSLIST, registry=args.registry
    )
    baseline = pinned_package(
        args.baseline, "baseline-browser-mapping", BASELINE_BROWSER_MAPPING, registry=args.registry
    )
    electron = pinned_package(
        args.electron_to_chromium,
        "electron-to-chromium",
        ELECTRON_TO_CHROMIUM,
        registry=args.registry,
    )
    node = pinned_package(
        args.node_releases, "node-releases", NODE_RELEASES, registry=args.registry
    )
    today = datetime.now(UTC).date().isoformat()
    runtimes = convert_runtimes(electron, node)
    files = serialize(
        convert(caniuse, convert_browserslist(browserslist), baseline, today, runtimes)
    )

    if args.check:
        stale = [
            name
            for name, raw in files.items()
            if not (args.out / name).is_file()
            or _without_generated((args.out / name).read_bytes(), name)
            != _without_generated(raw, name)
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}; run scripts/generate_data.py", file=sys.stderr)
            return 1
        print("data files are up to date")
        return 0

    args.out.mkdir(parents=True, exist_ok=True)
    for name, raw in files.items():
        (args.out / name).write_bytes(raw)
        print(f"wrote {args.out / name} ({len(raw):,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
