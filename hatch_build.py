"""Hatchling build hook: compile the gettext catalogs (.po → .mo) into the wheel.

The repository holds only the ``.po`` sources; a wheel carries the compiled ``.mo``
files beside them, so an installed jreject loads its translations without Babel
parsing ``.po`` files at startup. An editable install skips this: jreject then reads
the ``.po`` files directly (``jreject.notice.catalogs``).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src", "jreject", "locale")


class CompileCatalogs(BuildHookInterface):  # type: ignore[misc]
    """Compile every ``src/jreject/locale/<locale>/LC_MESSAGES/*.po`` into the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        self._out = Path(tempfile.mkdtemp(prefix="jreject-mo-"))
        # Every domain: jreject (the notice) and jreject_demo (the demo shop).
        for po_path in sorted((Path(self.root) / LOCALE).glob("*/LC_MESSAGES/*.po")):
            locale = po_path.parent.parent.name
            with po_path.open("rb") as handle:
                catalog = read_po(handle, locale=locale)
            mo_path = self._out / locale / f"{po_path.stem}.mo"
            mo_path.parent.mkdir(parents=True, exist_ok=True)
            with mo_path.open("wb") as handle:
                # Fuzzy entries stay out, as with `pybabel compile` (and CI allows none).
                write_mo(handle, catalog, use_fuzzy=False)
            target = f"jreject/locale/{locale}/LC_MESSAGES/{po_path.stem}.mo"
            build_data["force_include"][str(mo_path)] = target

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
