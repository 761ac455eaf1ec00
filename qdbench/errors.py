"""The errors the library raises; the CLI turns each into one line on stderr."""

from __future__ import annotations


class QdbenchError(Exception):
    """Base of every error qdbench reports to a user. ``hint`` says how to fix it."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class CorpusError(QdbenchError):
    """A data folder or file that cannot be used; carries the path and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None, hint: str | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", hint)
        self.path = path
        self.line = line
        self.detail = message


class NotFound(QdbenchError):
    """An id, slug or action that does not exist; carries close matches."""

    def __init__(self, what: str, key: str, suggestions: list[str] | None = None) -> None:
        self.key = key
        self.suggestions = suggestions or []
        hint = "did you mean " + ", ".join(self.suggestions) + "?" if self.suggestions else None
        super().__init__(f"no {what} {key!r}", hint)


class QueryError(QdbenchError):
    """A search query that cannot be run as written."""

    def __init__(self, query: str, message: str, hint: str | None = None) -> None:
        super().__init__(f"bad query {query!r}: {message}", hint)
        self.query = query


class UsageError(QdbenchError):
    """An option value the command cannot use (exit code 2, as Click's usage errors)."""

    exit_code = 2


class CacheDamaged(QdbenchError):
    """An index in the cache that is incomplete or garbled: it is rebuilt, never trusted.

    ``index`` is the generation directory found damaged, when known.
    """

    def __init__(self, message: str, index: object = None) -> None:
        super().__init__(f"the index is damaged: {message}", hint="run 'qdbench index --rebuild'")
        self.reason = message
        self.index = index
