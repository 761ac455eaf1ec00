"""Commands: Full-text search."""

from __future__ import annotations

from typing import Annotated

import typer

from qdbench.cli.app import app
from qdbench.cli.options import (
    ActionOpt,
    CityOpt,
    ColorOpt,
    CountryOpt,
    DataOpt,
    FormatOpt,
    Lang,
    LangOpt,
    PartOpt,
    Script,
    ScriptOpt,
)
from qdbench.cli.output import choose, console, note, open_data, out


@app.command()
def search(
    query: Annotated[
        str,
        typer.Argument(help='Words, "phrases", AND/OR/NOT, field:value (title, city, country, part, action, theme).'),
    ],
    part: PartOpt = None,
    country: CountryOpt = None,
    city: CityOpt = None,
    action: ActionOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most results to show.")] = 20,
    show_all: Annotated[bool, typer.Option("--all", help="Show every match (no --limit).")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Say on stderr how the query was understood.")] = False,
    literal: Annotated[
        bool, typer.Option("--literal", help="Search for the text as written, ignoring query syntax.")
    ] = False,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Full-text search in Chinese (Simplified or Traditional) and English.

    A plain query (no AND/OR/NOT, quotes or field:value) is a best match: cases with every
    word first, then cases with most of them; questions, typos and Taiwan or Hong Kong
    wording are understood. Exits 1 when no case matches, like grep.

    Example: qdbench search "how did tokyo clean up its bay" --part 1
    """
    from qdbench import query as q
    from qdbench import render, xref

    f = choose(fmt)
    ix, _ = open_data(data)
    filters = xref.CaseFilter(part=part, country=country, city=city, action=action)
    result = q.run_search(
        ix,
        query,
        filters=filters,
        limit=None if show_all else limit,
        literal=literal,
        lang="auto" if lang is Lang.both else lang.value,
        count=True,
    )
    hits = result.hits
    if explain:
        from qdbench.explain import explain_lines

        for line in explain_lines(result):
            note(line)
    if result.suggestion:
        note(f"did you mean: {result.suggestion}")
    if not hits:
        note(f"no case matches {query!r}")
        raise typer.Exit(1)
    if result.total is not None and result.total > len(hits):
        note(f"{len(hits)} of {result.total} shown; --limit N or --all")
    if f == "table":
        console().print(render.search_table(hits, lang.value, script.value))
        return
    # TSV and ids show no snippet: skip computing it.
    with_snippet = f in ("json", "jsonl")
    records = [
        render.search_record(h.doc, h.score, h.snippet if with_snippet else None, script.value, h.matched) for h in hits
    ]
    out(render.plain(records, f, render.SEARCH_COLUMNS))
