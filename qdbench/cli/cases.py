"""Commands: Reading the cases: list, show, stats."""

from __future__ import annotations

import os
from typing import Annotated, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import (
    ActionOpt,
    CityOpt,
    CountryOpt,
    DataOpt,
    FormatOpt,
    Lang,
    LangOpt,
    PartOpt,
    Script,
    ScriptOpt,
    ShowFormat,
    StatsFormat,
)
from qdbench.cli.output import choose, console, is_tty, open_data, out, pager_usable


@app.command("list")
def list_cases(
    part: PartOpt = None,
    country: CountryOpt = None,
    city: CityOpt = None,
    action: ActionOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
) -> None:
    """List the cases, optionally filtered.

    Example: qdbench list --country Singapore --format ids
    """
    from qdbench import render, xref

    f = choose(fmt)
    _, cat = open_data(data)
    entries = xref.filter_cases(cat, xref.CaseFilter(part=part, country=country, city=city, action=action))
    if f == "table":
        console().print(render.cases_table(entries, lang.value, script.value))
        return
    out(render.plain([render.case_record(e, script.value) for e in entries], f, render.CASE_COLUMNS))


@app.command()
def show(
    case_id: Annotated[str, typer.Argument(metavar="ID", help="case-042, 42 or a slug.")],
    fmt: Annotated[
        Optional[ShowFormat],
        typer.Option(
            "--format",
            "-f",
            help="table (rendered, default on a terminal), text (default when piped), md, yaml (the file as stored), json.",
        ),
    ] = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    pager: Annotated[bool, typer.Option("--pager/--no-pager", help="Page long output on a terminal.")] = True,
    data: DataOpt = None,
) -> None:
    """Show one case: summary, practices, figures, lessons, references, related cases.

    Example: qdbench show new-york-bay-area
    """
    from qdbench import xref

    f = choose(fmt, default_pipe="text")
    ix, cat = open_data(data)
    entry = xref.resolve_case(cat, case_id)
    if f == "yaml":
        from pathlib import Path

        from qdbench.corpus import read_text

        out(read_text(Path(ix.data_dir) / "cases" / entry["file"], entry["path"]))
        return
    record = cat.record(entry)
    if f == "json":
        import json

        out(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    from qdbench import render, similar
    from qdbench.models import case_from

    case = case_from(record, entry["path"])
    part_title = next((p["title"] for p in cat.parts if p["part"] == case.part), None)
    related = [cat.by_slug[s] for s in case.related if s in cat.by_slug]
    alike = similar.most_similar(entry.get("signature") or {}, cat.cases, exclude=entry["id"])
    from qdbench.render_bench import indicator_units

    md = render.case_markdown(
        case,
        part_title,
        xref.actions_for_case(cat, entry),
        related,
        alike,
        lang.value,
        script.value,
        indicator_units(cat.indicators),
    )
    if f == "md":
        out(md)
    elif f == "text":
        out(render.markdown_to_text(md))
    else:
        from rich.markdown import Markdown

        con = console()
        if pager and is_tty() and pager_usable():
            os.environ.setdefault("LESS", "-FRX")
            with con.pager(styles=True):
                con.print(Markdown(md))
        else:
            con.print(Markdown(md))


@app.command()
def stats(
    fmt: Annotated[Optional[StatsFormat], typer.Option("--format", "-f", help="table (bars), tsv or json.")] = None,
    data: DataOpt = None,
) -> None:
    """Count the cases, the cities, countries and regions they cover, indicators and updates.

    Example: qdbench stats --format json
    """
    from qdbench import render, render_bench
    from qdbench.stats import corpus_stats

    f = choose(fmt)
    _, cat = open_data(data)
    s = corpus_stats(cat)
    if f == "json":
        import json

        out(json.dumps(s, ensure_ascii=False, indent=2) + "\n")
        return
    rows = render_bench.stats_rows(s)
    if f == "tsv":
        out("".join(f"{k}\t{n}\t{c}\n" for k, n, c in rows))
        return
    parts = [render_bench.stats_headline(s)]
    for k in ("part", "country", "indicator"):
        group = [(n, c) for g, n, c in rows if g == k]
        if group:
            parts.append(f"\nby {k}\n" + render.bars(group))
    out("".join(parts))
