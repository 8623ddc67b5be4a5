"""What every target writes at the top: where the rules come from and what they miss."""

from __future__ import annotations

from jreject._version import __version__
from jreject.export.rules import Export

__all__ = ["HEADER_NAME", "header_lines"]

#: The request header the edge sets and the origin varies on (docs/caching.md).
HEADER_NAME = "JReject-Class"


def header_lines(export: Export, target: str) -> list[str]:
    """Comment lines (without the comment marker) for the top of an export."""
    lines = [
        f"jreject {__version__} export --target {target}: generated from {export.source}.",
        "Classes: ok (page as is), warn (modal or banner), block (406 page). First match wins;",
        "no match is ok, as in Python, where unknown browsers and bots are allowed.",
        "Not expressed exactly, and allowed where in doubt:",
    ]
    lines.extend(f"- {note}" for note in export.notes)
    if export.unexpressed:
        lines.append("Policy keys and bot patterns not expressed, or only in part:")
        lines.extend(f"- {sentence}" for sentence in export.unexpressed)
    # A file name (the source) may hold a newline: it would end the comment.
    return ["".join(c if c.isprintable() else repr(c)[1:-1] for c in line) for line in lines]
