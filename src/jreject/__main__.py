"""``python -m jreject``: the ``jreject`` command line (see :mod:`jreject.cli`)."""

from __future__ import annotations

from jreject.cli import main

if __name__ == "__main__":
    main()
