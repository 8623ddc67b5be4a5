"""The one exception the query engine raises."""

from __future__ import annotations

__all__ = ["BrowserslistError"]


class BrowserslistError(ValueError):
    """A query, config or data problem, worded as browserslist words it.

    ``reason`` is browserslist's own message; ``query`` and ``span`` (start, end offsets
    into it) locate the clause at fault when known, and ``str()`` then adds the query
    with a caret line under that clause.
    """

    def __init__(
        self, reason: str, *, query: str | None = None, span: tuple[int, int] | None = None
    ) -> None:
        self.reason = reason
        self.query = query
        self.span = span
        super().__init__(self._render())

    def _render(self) -> str:
        if self.query is None or self.span is None or "\n" in self.query:
            return self.reason
        start, end = self.span
        marker = " " * start + "^" * max(1, end - start)
        return f"{self.reason}\n  {self.query}\n  {marker}"

    def located(self, query: str, span: tuple[int, int]) -> BrowserslistError:
        """This error, pointing at ``span`` of ``query`` unless it already points somewhere."""
        if self.query is not None:
            return self
        return BrowserslistError(self.reason, query=query, span=span)
