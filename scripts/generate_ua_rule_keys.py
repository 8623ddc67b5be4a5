"""Regenerate the keys to ua-parser's browser rules (src/jreject/data/ua_rule_keys.json).

    python scripts/generate_ua_rule_keys.py          # from the installed ua-parser-builtins
    python scripts/generate_ua_rule_keys.py --check  # fail if the file is out of date

The keys are worked out from the rules of the ua-parser-builtins installed here (see
jreject.data.ua_rules); the file records that package's version and licence and a
digest of the rules. Run it after upgrading ua-parser-builtins: until then jreject
still answers right, but compiles every rule for a one-off check.
"""

from __future__ import annotations

import argparse
import sys
from importlib import metadata
from pathlib import Path

from ua_parser import load_lazy_builtins

from jreject.data.ua_rules import (
    PACKAGE,
    RULE_KEYS_FILE,
    convert_rule_keys,
    serialize_rule_keys,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "src" / "jreject" / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    args = parser.parse_args(argv)

    browser_rules = load_lazy_builtins()[0]
    regexes = [rule.regex for rule in browser_rules]
    version = metadata.version(PACKAGE)
    license_name = metadata.metadata(PACKAGE).get("License") or ""
    if not license_name:
        print(f"{PACKAGE} {version} declares no licence", file=sys.stderr)
        return 1
    data = convert_rule_keys(regexes, version, license_name)
    raw = serialize_rule_keys(data)
    target = args.out / RULE_KEYS_FILE
    if args.check:
        if not target.is_file() or target.read_bytes() != raw:
            print(f"out of date: {target}; run scripts/generate_ua_rule_keys.py", file=sys.stderr)
            return 1
        print(f"the rule keys are up to date ({PACKAGE} {version})")
        return 0
    target.write_bytes(raw)
    keyless = sum(key is None for key in data["keys"])
    print(
        f"wrote {target} ({len(raw):,} bytes): {len(regexes)} browser rules of {PACKAGE} "
        f"{version}, {keyless} without a key"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
