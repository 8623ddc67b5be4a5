"""How far each ``jreject export`` agrees with Python: the rate, and every disagreement.

    python benchmarks/bench_export.py                      # corpus + 20,000 generated UAs
    python benchmarks/bench_export.py --generated 1500 \
        --write-known tests/export/known_disagreements.tsv

The User-Agents are tests/detect/corpus (browsers, bots, browsers that look like bots)
and a generated mix (``jreject.analyze.agents``); the policies are those of
tests/export/policies.py. The rules are run by Python ``re``, as the regex target (the
tests check that node, nginx and varnishd give the same answers). ``--write-known``
writes the cases where the edge is stricter than Python, the file the CI test reads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from export.corpus import user_agents  # noqa: E402
from export.executors import sendable  # noqa: E402
from export.policies import POLICIES  # noqa: E402
from jreject.export import compile_policy  # noqa: E402
from jreject.export.agree import compare, python_classes  # noqa: E402

HEADER = """\
# User-Agents for which an export is stricter than Python: policy, Python's class, the edge's, UA.
# Written by benchmarks/bench_export.py --write-known; tests/export/test_agreement.py fails on new
# ones. Each is a rare browser Python judges by a token the edge does not read (an in-app or
# Chromium-based browser's own version, a WebView), or a tool only Python's bot list names.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=int, default=20_000)
    parser.add_argument("--write-known", type=Path, default=None)
    parser.add_argument("--quiet", action="store_true", help="rates only, no disagreements")
    args = parser.parse_args(argv)
    agents = sendable(user_agents(args.generated))
    known = [HEADER]
    print("| policy | User-Agents | agreement | disagreements | edge stricter |")
    print("|---|---|---|---|---|")
    details = []
    for name, config in sorted(POLICIES.items()):
        python = python_classes(config, agents)
        export = compile_policy(config)
        agreement = compare(python, [export.classify(ua) for ua in python])
        stricter = [d for d in agreement.disagreements if not d.lenient]
        print(
            f"| {name} | {agreement.total:,} | {agreement.rate:.2%} | "
            f"{len(agreement.disagreements)} | {len(stricter)} |"
        )
        for d in agreement.disagreements:
            details.append(f"{name}\tpython={d.python}\tedge={d.edge}\t{d.user_agent}")
        known.extend(f"{name}\t{d.python}\t{d.edge}\t{d.user_agent}\n" for d in stricter)
    if not args.quiet:
        print("\nEvery disagreement:")
        print("\n".join(details))
    if args.write_known is not None:
        args.write_known.write_text("".join(known), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
