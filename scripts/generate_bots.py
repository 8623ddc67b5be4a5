"""Regenerate jreject's bundled bot data (src/jreject/data/bots.json) from npm packages.

    python scripts/generate_bots.py                  # download the pinned versions, write
    python scripts/generate_bots.py --check          # fail if the file is out of date
    python scripts/generate_bots.py --isbot DIR_OR_TGZ --crawler-user-agents DIR_OR_TGZ
                                    --crawler-detect DIR_OR_TGZ

Sources (see docs/bots.md): isbot (Unlicense), crawler-user-agents (MIT) and
es6-crawler-detect (MIT, Crawler-Detect's patterns), all from the npm registry. The
file records their versions and licences; bump the pins below, run this, and review
the diff (one pattern a line) and the bot tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jreject.data.bots import (
    BOTS_FILE,
    CRAWLER_DETECT,
    CRAWLER_USER_AGENTS,
    ISBOT,
    convert_bots,
    serialize_bots,
)
from jreject.data.update import DEFAULT_REGISTRY, pinned_package

ISBOT_VERSION = "5.2.4"
CRAWLER_USER_AGENTS_VERSION = "1.60.0"
CRAWLER_DETECT_VERSION = "4.0.2"
DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "jreject" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--isbot", help="isbot package directory or .tgz")
    parser.add_argument("--crawler-user-agents", help="crawler-user-agents directory or .tgz")
    parser.add_argument("--crawler-detect", help="es6-crawler-detect directory or .tgz")
    parser.add_argument("--registry", default=DEFAULT_REGISTRY)
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    isbot = pinned_package(args.isbot, ISBOT, ISBOT_VERSION, registry=args.registry)
    crawlers = pinned_package(
        args.crawler_user_agents,
        CRAWLER_USER_AGENTS,
        CRAWLER_USER_AGENTS_VERSION,
        registry=args.registry,
    )
    detect = pinned_package(
        args.crawler_detect, CRAWLER_DETECT, CRAWLER_DETECT_VERSION, registry=args.registry
    )
    data = convert_bots(isbot, crawlers, detect)
    raw = serialize_bots(data)
    target = args.out / BOTS_FILE
    if args.check:
        if not target.is_file() or target.read_bytes() != raw:
            print(f"out of date: {target}; run scripts/generate_bots.py", file=sys.stderr)
            return 1
        print("bot data is up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    skipped = len(data["skipped"])
    print(
        f"wrote {target} ({len(raw):,} bytes): {len(data[CRAWLER_USER_AGENTS])} "
        f"{CRAWLER_USER_AGENTS} {crawlers.version}, {len(data[ISBOT])} {ISBOT} {isbot.version}, "
        f"{len(data[CRAWLER_DETECT])} {CRAWLER_DETECT} {detect.version}"
        + (f", {skipped} skipped" if skipped else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
