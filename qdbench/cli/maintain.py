"""Commands: Looking after the corpus: check, index, new."""

from __future__ import annotations

from typing import Annotated

import typer

from qdbench.cli.app import app
from qdbench.cli.options import ColorOpt, DataOpt
from qdbench.cli.output import note, open_data, out


@app.command()
def check(data: DataOpt = None, color: ColorOpt = None) -> None:
    """Validate the corpus: every problem as file:line: message; exit 1 if any.

    Example: qdbench check --data ./my-data
    """
    from qdbench.checks import run_checks
    from qdbench.corpus import load_corpus, resolve_data_dir

    data_dir = resolve_data_dir(data)
    corpus = load_corpus(data_dir)
    found = run_checks(corpus)
    out("".join(f"{f}\n" for f in found))
    files = len(corpus.files) + len([p for p in corpus.problems if p.path.endswith(".yaml")])
    note(
        f"checked {len(corpus.files)} case files and actions.yaml: {len(found)} problem(s)"
        if files
        else "no case files found"
    )
    if found:
        raise typer.Exit(1)


@app.command("index")
def index_cmd(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild from scratch even if the index is fresh.")
    ] = False,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Bring the search index up to date (it also happens automatically).

    Example: qdbench index --rebuild
    """
    ix, cat = open_data(data, rebuild=rebuild)
    if not ix.note:
        note(f"index is up to date: {len(cat.cases)} cases")
    out(f"{ix.path}\n")


@app.command()
def new(
    part: Annotated[int, typer.Option("--part", help="The part (1-7) the case belongs to.")],
    slug: Annotated[str, typer.Option("--slug", help="A new slug: lowercase words joined by hyphens.")],
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Write the next free case-NNN.yaml from a commented template, ready to fill.

    Example: qdbench new --part 5 --slug port-of-busan
    """
    from qdbench.corpus import resolve_data_dir
    from qdbench.scaffold import new_case

    path = new_case(resolve_data_dir(data), part, slug)
    out(f"{path}\n")
    note("fill it in, then run 'qdbench check'")
