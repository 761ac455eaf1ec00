"""The command line: parse arguments, call the library, print, exit. Nothing else lives here.

One module per command family; shared options in ``options``, output helpers in ``output``.
Library modules are imported inside the commands so that each command pays only for what it
uses (``show`` never imports Whoosh; nothing imports rich unless it draws on a terminal).
"""

from __future__ import annotations

from qdbench.cli import benchmark, cases, cite, crossref, export, maintain, search, settings  # noqa: F401  (register commands)
from qdbench.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    import sys

    from qdbench.cli.app import keep_only
    from qdbench.startup import install_stand_ins

    install_stand_ins()
    keep_only(sys.argv[1:])
    app(prog_name="qdbench")
