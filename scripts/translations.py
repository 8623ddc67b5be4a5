"""The gettext workflow for jreject's catalogs: extract → update → compile, and check.

    python scripts/translations.py extract          # sources → src/jreject/locale/*.pot
    python scripts/translations.py update           # .pot → every .po (new ids come in empty)
    python scripts/translations.py init pt_BR       # a new language's .po (notice) from the .pot
    python scripts/translations.py init-demo de     # the same for the demo shop
    python scripts/translations.py compile          # every .po → .mo (the wheel build does this)
    python scripts/translations.py check            # the .pots are current, every .po complete

Two domains: ``jreject`` (the notice: modal, banner, 406 page; every language) and
``jreject_demo`` (the demo shop's pages; a few languages).

Each command is Babel's own (``pybabel``) with jreject's options, so the exact
``pybabel`` lines are printed before they run. See ``docs/translations.md``.
"""

from __future__ import annotations

import difflib
import shlex
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "jreject" / "locale"
POT = LOCALE / "jreject.pot"
DOMAIN = "jreject"
DEMO_DOMAIN = "jreject_demo"
#: What is extracted, per domain: the notice texts (marked with N_()); the demo's Python
#: (N_()) and templates ({% trans %}, _()) through a Babel mapping file.
SOURCES = {
    DOMAIN: ["src/jreject/notice/texts.py"],
    DEMO_DOMAIN: ["-F", "scripts/babel-demo.cfg", "src/jreject/demo"],
}
# Stable output: file names without line numbers (a moved line is no change), fixed
# width, and no project version in the header (it would change on every release).
EXTRACT_OPTIONS = [
    "-k",
    "N_",
    "--add-comments=TRANSLATORS:",
    "--strip-comments",
    "--add-location=file",
    "--sort-output",
    "--width=100",
    "--project=jreject",
    "--header-comment=# Translations template for jreject.\n"
    "# This file is distributed under the same license as jreject (MIT).\n#",
    "--msgid-bugs-address=https://github.com/jreject/jreject/issues",
]


def pybabel(*args: str) -> None:
    """Run one ``pybabel`` command in-process, from the repository root."""
    print("pybabel " + shlex.join(args), flush=True)
    CommandLineInterface().run(["pybabel", "-q", *args])


def _pot(domain: str) -> str:
    return f"src/jreject/locale/{domain}.pot"


def extract() -> None:
    for domain, sources in SOURCES.items():
        pybabel("extract", *EXTRACT_OPTIONS, "-o", _pot(domain), *sources)


def update() -> None:
    for domain in SOURCES:
        pybabel(
            "update",
            "-i",
            _pot(domain),
            "-d",
            "src/jreject/locale",
            "-D",
            domain,
            "--width=100",
            "--ignore-obsolete",
            "--no-fuzzy-matching",
        )


def init(locale: str, domain: str = DOMAIN) -> None:
    pybabel(
        "init",
        "-i",
        _pot(domain),
        "-d",
        "src/jreject/locale",
        "-D",
        domain,
        "-l",
        locale,
        "--width=100",
    )


def compile_catalogs() -> None:
    for domain in SOURCES:
        pybabel("compile", "-d", "src/jreject/locale", "-D", domain, "--statistics")


def _without_dates(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]


def check() -> int:
    """0 when the committed .pot matches a fresh extract and every catalog is complete."""
    import os

    os.chdir(ROOT)
    problems: list[str] = []
    for domain, sources in SOURCES.items():
        pot = ROOT / _pot(domain)
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / f"{domain}.pot"
            CommandLineInterface().run(
                ["pybabel", "-q", "extract", *EXTRACT_OPTIONS, "-o", str(fresh), *sources]
            )
            old = _without_dates(pot.read_text("utf-8"))
            new = _without_dates(fresh.read_text("utf-8"))
        diff = list(difflib.unified_diff(old, new, f"{domain}.pot", "extract", lineterm=""))
        if diff:
            print("\n".join(diff))
            problems.append(
                f"{domain}.pot is not current: run `python scripts/translations.py extract update`"
            )
        problems += check_catalogs(LOCALE, pot, domain)
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def check_catalogs(locale_dir: Path = LOCALE, pot: Path = POT, domain: str = DOMAIN) -> list[str]:
    """Every problem of every catalog, one line each (empty when all are complete and valid).

    A catalog must translate every message of the template, with no fuzzy entry and
    nothing obsolete; Babel's checkers must pass (python-format and brace-format
    placeholders); the translation keeps exactly the ``{placeholders}`` of its message
    and exactly its markup: the notice's messages have none (they are plain text, and
    escaped), the demo's keep the message's ``<code>`` and ``<strong>`` tags.
    """
    import re

    from babel.messages.pofile import read_po

    with pot.open("rb") as handle:
        template = read_po(handle)
    wanted = {m.id for m in template if m.id}
    problems: list[str] = []
    braces = re.compile(r"{[^{}]*}")
    tags = re.compile(r"<[^>]*>|&")
    for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{domain}.po")):
        where = po_path.relative_to(locale_dir.parent.parent.parent)
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=po_path.parent.parent.name)
        if catalog.fuzzy:
            problems.append(f"{where}: the catalog header is marked fuzzy")
        seen = set()
        for message in catalog:
            if not message.id:
                continue
            seen.add(message.id)
            label = f"{where}: {message.id!r}"
            if message.id not in wanted:
                problems.append(f"{label} is not in jreject.pot (run update)")
            if message.fuzzy:
                problems.append(f"{label} is fuzzy")
            if not message.string:
                problems.append(f"{label} is not translated")
                continue
            for error in message.check(catalog):
                problems.append(f"{label}: {error}")
            text = str(message.string)
            if sorted(braces.findall(text)) != sorted(braces.findall(str(message.id))):
                problems.append(f"{label}: placeholders differ from the message's")
            if sorted(tags.findall(text)) != sorted(tags.findall(str(message.id))):
                problems.append(f"{label}: markup differs from the message's (plain text)")
            if text != text.strip() or "\n" in text:
                problems.append(f"{label}: leading/trailing space or a line break")
        for missing in sorted(wanted - seen):
            problems.append(f"{where}: {missing!r} is missing (run update)")
        for obsolete in catalog.obsolete:
            problems.append(f"{where}: obsolete entry {obsolete!r} (run update)")
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    import os

    os.chdir(ROOT)  # pybabel writes paths relative to the working directory
    status = 0
    args = iter(argv)
    for command in args:
        if command == "extract":
            extract()
        elif command == "update":
            update()
        elif command == "init":
            init(next(args))
        elif command == "init-demo":
            init(next(args), DEMO_DOMAIN)
        elif command == "compile":
            compile_catalogs()
        elif command == "check":
            status = check() or status
        else:
            print(f"unknown command {command!r}\n{__doc__}")
            return 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
