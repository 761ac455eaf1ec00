"""Commands: Reading the cases: list, show, stats."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import (
    ActionOpt,
    CasesArg,
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
    ShowFormat,
    StatsFormat,
    read_ids,
)
from qdbench.cli.output import choose, console, is_tty, less_flags, note, open_data, out, pager_usable


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
    color: ColorOpt = None,
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
    case_ids: CasesArg,
    fmt: Annotated[
        Optional[ShowFormat],
        typer.Option(
            "--format",
            "-f",
            help="table (rendered, default on a terminal), text (default when piped), md, yaml (the file as stored), json, jsonl.",
        ),
    ] = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    pager: Annotated[bool, typer.Option("--pager/--no-pager", help="Page long output on a terminal.")] = True,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Show cases: summary, practices, figures, lessons, references, related cases.

    Several ids print one after another (md and text separated by a rule, json as an array);
    unknown ids are reported on stderr and make the exit code 1 once the others are printed.

    Example: qdbench search 港口 -f ids | qdbench show - --format md
    """
    from qdbench import xref
    from qdbench.errors import QdbenchError, UsageError

    keys = read_ids(case_ids)
    if not keys:
        raise UsageError("no case ids given", hint="name cases, or pipe ids into 'qdbench show -'")
    f = choose(fmt, default_pipe="text")
    ix, cat = open_data(data)
    entries: dict[str, Any] = {}
    errors: list[QdbenchError] = []
    for k in keys:
        try:
            entry = xref.resolve_case(cat, k)
        except QdbenchError as e:
            errors.append(e)
            continue
        entries.setdefault(entry["id"], entry)
    if len(keys) == 1 and errors:
        raise errors[0]
    _print_cases(list(entries.values()), f, ix, cat, lang.value, script.value, pager)
    if errors:
        sys.stdout.flush()
        for e in errors:
            sys.stderr.write(f"error: {e}\n")
        raise typer.Exit(max(e.exit_code for e in errors))


def _print_cases(entries: list[Any], f: str, ix: Any, cat: Any, lang: str, script: str, pager: bool) -> None:
    from qdbench import render

    if f == "yaml":
        from pathlib import Path

        from qdbench.corpus import read_text

        out("---\n".join(read_text(Path(ix.data_dir) / "cases" / e["file"], e["path"]) for e in entries))
        return
    if f in ("json", "jsonl"):
        import json

        recs = [render.case_json(cat.record(e)) for e in entries]
        if f == "jsonl":
            out("".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in recs))
        elif len(recs) == 1:
            out(json.dumps(recs[0], ensure_ascii=False, indent=2, default=str) + "\n")
        elif recs:
            out(json.dumps(recs, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    docs = [_case_md(e, cat, lang, script) for e in entries]
    if f == "md":
        out("\n---\n\n".join(docs))
    elif f == "text":
        import shutil

        width = shutil.get_terminal_size((80, 24)).columns
        out(f"\n{render.CASE_RULE[: min(78, width)]}\n\n".join(render.markdown_to_text(d, width) for d in docs))
    elif docs:
        from rich.rule import Rule

        from qdbench.terminal import case_view

        con = console()
        views: list[Any] = []
        for d in docs:
            if views:
                views.append(Rule(style="dim"))
            views.append(case_view(d))
        if pager and is_tty() and pager_usable():
            os.environ["LESS"] = less_flags(os.environ.get("LESS"))
            with con.pager(styles=con.color_system is not None):
                con.print(*views)
        else:
            con.print(*views)


def _case_md(entry: Any, cat: Any, lang: str, script: str) -> str:
    from qdbench import render, similar, xref
    from qdbench.models import case_from

    record = cat.record(entry)
    case = case_from(record, entry["path"])
    part_title = next((p["title"] for p in cat.parts if p["part"] == case.part), None)
    related = [cat.by_slug[s] for s in case.related if s in cat.by_slug]
    alike = similar.most_similar(entry.get("signature") or {}, cat.cases, exclude=entry["id"])
    from qdbench.render_bench import indicator_units

    units = indicator_units(cat.indicators)
    actions = xref.actions_for_case(cat, entry)
    return render.case_markdown(
        case, part_title, actions, related, alike, lang, script, units, references=cat.references(record)
    )


@app.command()
def sources(
    case_ids: CasesArg,
    open_n: Annotated[
        Optional[int],
        typer.Option("--open", metavar="N", help="Open reference N of the (first) case in the web browser."),
    ] = None,
    fmt: FormatOpt = None,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """The references of cases, one a line: id, number, key, link, title.

    Example: qdbench sources 34 --open 2
    """
    from qdbench import render, xref
    from qdbench.errors import QdbenchError, UsageError
    from qdbench.models import case_from

    keys = read_ids(case_ids)
    if not keys:
        raise UsageError("no case ids given", hint="name cases, or pipe ids into 'qdbench sources -'")
    _, cat = open_data(data)
    seen: dict[str, Any] = {}
    for k in keys:
        entry = xref.resolve_case(cat, k)
        seen.setdefault(entry["id"], entry)
    recs = [r for e in seen.values() for r in render.source_records(case_from(cat.record(e), e["path"]))]
    if open_n is not None:
        first = next(iter(seen))
        mine = [r for r in recs if r["id"] == first]
        if not 1 <= open_n <= len(mine):
            raise UsageError(f"--open {open_n}: {first} has references 1 to {len(mine)}")
        link = mine[open_n - 1]["link"]
        if not link:
            raise QdbenchError(f"reference {open_n} of {first} has no URL or DOI (it is a book: see its ISBN)")
        import webbrowser

        try:
            webbrowser.get()
        except webbrowser.Error:
            raise QdbenchError(
                f"no web browser available to open {link}", hint="set BROWSER, or copy the link"
            ) from None
        if not webbrowser.open(link):
            raise QdbenchError(f"the web browser did not open {link}")
        note(f"opened {link}")
        return
    f = choose(fmt)
    if f == "table":
        from rich.table import Table

        from qdbench.terminal import cell

        t = Table(header_style="bold")
        for col in ("ID", "#", "Key", "Link", "Title"):
            t.add_column(col, overflow="fold")
        for r in recs:
            t.add_row(r["id"], str(r["number"]), r["key"], r["link"], cell(r["title"]))
        console().print(t)
        return
    out(render.plain(recs, f, render.SOURCE_COLUMNS))


@app.command()
def stats(
    fmt: Annotated[Optional[StatsFormat], typer.Option("--format", "-f", help="table (bars), tsv or json.")] = None,
    data: DataOpt = None,
    color: ColorOpt = None,
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
