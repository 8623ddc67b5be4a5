from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def broken_ua_parser(tmp_path: Path) -> Path:
    """A folder to put first on ``PYTHONPATH``: its ``ua_parser`` fails to import, as an
    install with a broken accelerator does."""
    shadow = tmp_path / "shadow"
    (shadow / "ua_parser").mkdir(parents=True)
    (shadow / "ua_parser" / "__init__.py").write_text('raise ImportError("a broken ua_parser")\n')
    return shadow
