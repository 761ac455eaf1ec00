"""Commands: Looking after the corpus: check, index, new."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import ColorOpt, DataOpt
from qdbench.cli.output import note, open_data, out


@app.command()
def check(
    stale: Annotated[
        Optional[int],
        typer.Option(
            "--stale",
            metavar="YEARS",
            help="Also report the cases whose newest dated item (update or figure year) is older than YEARS.",
        ),
    ] = None,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Validate the corpus: every problem as file:line: message; exit 1 if any.

    Example: qdbench check --stale 3
    """
    from qdbench.checks import run_checks, stale_findings
    from qdbench.corpus import load_corpus
    from qdbench.datadir import OPTIONAL_FILES, resolve_data_dir
    from qdbench.errors import UsageError

    if stale is not None and stale < 0:
        raise UsageError(f"--stale must be a number of years, not {stale}")
    data_dir = resolve_data_dir(data)
    corpus = load_corpus(data_dir)
    found = run_checks(corpus)
    old = stale_findings(corpus, stale) if stale is not None else []
    out("".join(f"{f}\n" for f in sorted([*found, *old], key=lambda f: (f.path, f.line or 0))))
    files = len(corpus.files) + len([p for p in corpus.problems if p.path.endswith(".yaml")])
    extra = "".join(f", {n}" for n in OPTIONAL_FILES if corpus.extra.get(n) is not None)
    summary = f"checked {len(corpus.files)} case files, actions.yaml{extra}: {len(found)} problem(s)"
    if stale is not None:
        summary += f", {len(old)} case(s) not updated in {stale} year(s)"
    note(summary if files else "no case files found")
    if found or old:
        raise typer.Exit(1)


@app.command("index")
def index_cmd(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild from scratch even if the index is fresh.")
    ] = False,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Remove cached indexes of data folders that no longer exist (or unused for 90 days)."
        ),
    ] = False,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Bring the search index up to date (it also happens automatically).

    Example: qdbench index --rebuild
    """
    if prune:
        from qdbench.catalog import prune as prune_roots

        removed = prune_roots()
        for r in removed:
            note(f"removed the index of {r}")
        note(f"pruned {len(removed)} cached index(es)")
        return
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
    from qdbench.datadir import resolve_data_dir
    from qdbench.scaffold import new_case

    path = new_case(resolve_data_dir(data), part, slug)
    out(f"{path}\n")
    note("fill it in, then run 'qdbench check'")
