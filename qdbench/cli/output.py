"""Where command output goes: the format chosen for stdout, notes and errors on stderr."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from qdbench.catalog import Catalog, IndexDir


def fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(code)


def is_tty() -> bool:
    return sys.stdout.isatty()


def choose(fmt: StrEnum | None, default_pipe: str = "tsv") -> str:
    """The output format: as asked, else a table on a terminal and plain text when piped."""
    if fmt is not None:
        return fmt.value
    return "table" if is_tty() else default_pipe


def out(text: str) -> None:
    sys.stdout.write(text)


def note(text: str) -> None:
    sys.stderr.write(f"qdbench: {text}\n")


def write_result(path: str, text: str) -> None:
    """Write a command's result to the file a user named with -o, whole or not at all."""
    from pathlib import Path

    from qdbench.catalog import write_atomic
    from qdbench.errors import QdbenchError

    target = Path(path)
    try:
        write_atomic(target, text)
    except OSError as e:
        raise QdbenchError(f"cannot write {target}: {e.strerror or e}") from None


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def open_data(data: str | None, rebuild: bool = False) -> tuple[IndexDir, Catalog]:
    from qdbench.catalog import open_index

    ix = open_index(data, rebuild=rebuild)
    if ix.note:
        note(ix.note)
    cat = ix.catalog()
    for p in cat.problems:
        note(f"skipped {p['text']}")
    return ix, cat
