"""Commands: Benchmarking: compare places on an indicator, and the dated updates since the handbook."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import ColorOpt, CompareFormat, DataOpt, FormatOpt, Lang, LangOpt, PartOpt, Script, ScriptOpt
from qdbench.cli.output import choose, console, note, open_data, out


@app.command()
def compare(
    indicator: Annotated[
        Optional[str],
        typer.Argument(metavar="[INDICATOR]", help="An indicator id; none lists the indicators."),
    ] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Only values for this year.")] = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="Each place's newest value (the default).", show_default=False)
    ] = True,
    series: Annotated[bool, typer.Option("--series", help="Every year of each place, oldest first.")] = False,
    fmt: Annotated[
        Optional[CompareFormat],
        typer.Option(
            "--format", "-f", help="table (default on a terminal), tsv (default when piped), json, jsonl, csv."
        ),
    ] = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Set places side by side on one indicator, best first, Qingdao's own figure marked.

    Example: qdbench compare port-container-throughput --lang en
    """
    from qdbench import benchmark, render_bench
    from qdbench.errors import UsageError
    from qdbench.places import gazetteer_from

    f = choose(fmt)
    _, cat = open_data(data)
    if indicator is None:
        recs = [render_bench.coverage_record(c, script.value) for c in benchmark.coverage(cat)]
        if not recs:
            note("this corpus has no indicators (data/indicators.yaml)")
        if f == "table":
            console().print(render_bench.coverage_table(recs, lang.value, script.value))
        else:
            out(render_bench.plain(recs, f, render_bench.INDICATOR_COLUMNS))
        return
    if series and year is not None:
        raise UsageError("--series shows every year: it cannot be combined with --year")
    ind = benchmark.resolve_indicator(cat, indicator)
    values = benchmark.compare(cat, ind, year=year, series=series)
    gz = gazetteer_from(cat.gazetteer)
    recs = [render_bench.compare_record(i, v, ind, gz, script.value) for i, v in enumerate(values, 1)]
    if not recs:
        note(f"no values for {ind.id}" + (f" in {year}" if year is not None else ""))
    if f == "table":
        if recs:
            console().print(render_bench.compare_table(recs, ind, lang.value, script.value, series))
        return
    out(render_bench.plain(recs, f, render_bench.COMPARE_COLUMNS))


@app.command()
def updates(
    cases: Annotated[
        Optional[list[str]], typer.Argument(metavar="[CASE]...", help="Only these cases (ids, numbers or slugs).")
    ] = None,
    since: Annotated[
        Optional[str],
        typer.Option("--since", metavar="DATE", help="Only updates on or after DATE (YYYY-MM-DD or YYYY-MM)."),
    ] = None,
    part: PartOpt = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """The dated developments since the handbook, newest first, with their sources.

    Example: qdbench updates --since 2023-01 --part 5
    """
    from qdbench import render_bench, xref
    from qdbench import updates as up
    from qdbench.errors import UsageError

    f = choose(fmt)
    start = None
    if since is not None:
        start = up.parse_date(since)
        if start is None:
            raise UsageError(f"--since {since!r} is not a date (YYYY-MM-DD or YYYY-MM)")
    _, cat = open_data(data)
    cat.with_bench()
    entries = xref.filter_cases(cat, xref.CaseFilter(part=part))
    if cases:
        wanted = {xref.resolve_case(cat, k)["id"] for k in cases}
        entries = [e for e in entries if e["id"] in wanted]
    recs = [render_bench.update_record(r, script.value) for r in up.update_rows(entries, since=start)]
    if not recs:
        note("no updates" + (f" since {since}" if since else ""))
    if f == "table":
        if recs:
            console().print(render_bench.updates_table(recs, lang.value, script.value))
        return
    out(render_bench.plain(recs, f, render_bench.UPDATE_COLUMNS))
