"""The one exception the query engine raises."""

from __future__ import annotations

__all__ = ["BrowserslistError"]


class BrowserslistError(ValueError):
    """A query, config or data problem, worded as browserslist words it.

    ``reason`` is browserslist's own message, word for word (scripts compare it with
    node's); ``hint`` is jreject's suggestion, such as ``did you mean chrome?``, shown
    after it. ``query`` and ``span`` (start, end offsets into it) locate the clause at
    fault when known, and ``str()`` then adds the query with a caret line under that
    clause.
    """

    def __init__(
        self,
        reason: str,
        *,
        query: str | None = None,
        span: tuple[int, int] | None = None,
        hint: str | None = None,
    ) -> None:
        self.reason = reason
        self.query = query
        self.span = span
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        first = f"{self.reason} ({self.hint})" if self.hint else self.reason
        if self.query is None or self.span is None or "\n" in self.query:
            return first
        start, end = self.span
        marker = " " * start + "^" * max(1, end - start)
        return f"{first}\n  {self.query}\n  {marker}"

    def located(self, query: str, span: tuple[int, int]) -> BrowserslistError:
        """This error, pointing at ``span`` of ``query`` unless it already points somewhere."""
        if self.query is not None:
            return self
        return BrowserslistError(self.reason, query=query, span=span, hint=self.hint)
