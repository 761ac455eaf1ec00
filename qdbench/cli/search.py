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

    Example: qdbench search "bay area" --part 1
    """
    from qdbench import query as q
    from qdbench import render, xref

    f = choose(fmt)
    ix, _ = open_data(data)
    filters = xref.CaseFilter(part=part, country=country, city=city, action=action)
    hits = q.search(
        ix, query, filters=filters, limit=limit, literal=literal, lang="auto" if lang is Lang.both else lang.value
    )
    if not hits:
        note(f"no case matches {query!r}")
    if f == "table":
        if hits:
            console().print(render.search_table(hits, lang.value, script.value))
        return
    # TSV and ids show no snippet: skip computing it.
    with_snippet = f in ("json", "jsonl")
    records = [render.search_record(h.doc, h.score, h.snippet if with_snippet else None, script.value) for h in hits]
    out(render.plain(records, f, render.SEARCH_COLUMNS))
