"""Commands: Action items and the cases that serve them: xref, actions."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import (
    ActionsFormat,
    ColorOpt,
    DataOpt,
    FormatOpt,
    Lang,
    LangOpt,
    PartOpt,
    Script,
    ScriptOpt,
    complete_targets,
)
from qdbench.cli.output import choose, console, note, open_data, out


@app.command()
def xref(
    target: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[ACTION|CASE]",
            help="An action id (A5.3) or a case; none for the coverage matrix.",
            autocompletion=complete_targets,
        ),
    ] = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Cross-reference action items and cases.

    Example: qdbench xref A5.3   (the cases serving an action)
    """
    from qdbench import render
    from qdbench import xref as x

    f = choose(fmt)
    _, cat = open_data(data)
    if target is None:
        rows = x.coverage(cat)
        gaps = [a["id"] for a, cs in rows if not cs]
        if gaps:
            note(f"{len(gaps)} action item(s) with no case: {', '.join(gaps)}")
        if f == "table":
            from rich.table import Table

            t = Table(header_style="bold", title="Action items x cases")
            for col in ("Action", "Title", "Cases"):
                t.add_column(col)
            for a, cs in rows:
                t.add_row(
                    a["id"],
                    render.label(a["title"], lang.value, script.value),
                    ", ".join(c["id"] for c in cs) or "[red]none[/red]",
                )
            console().print(t)
            return
        recs = [render.action_record(a, script.value, [c["id"] for c in cs]) for a, cs in rows]
        out(render.plain(recs, f, ("id", "part", "title_zh", "title_en", "cases")))
        return
    if x.looks_like_action(target):
        from qdbench import render_bench
        from qdbench.qingdao import qingdao_from

        a = x.resolve_action(cat, target)
        entries = x.cases_for_action(cat, a["id"])
        qd = qingdao_from(cat.qingdao)
        context = [render_bench.context_record(c, qd.citation(c.cite), script.value) for c in qd.context_for(a["id"])]
        cases = [render.case_record(e, script.value) for e in entries]
        if f == "table":
            # Qingdao's own position first: the benchmark is the distance from it.
            con = console()
            con.print(render_bench.context_panel(a, context, lang.value, script.value))
            con.print(render.cases_table(entries, lang.value, script.value))
        elif f == "json":
            # One object: the item, Qingdao's context for it, and the cases serving it.
            out(
                render.json_object(
                    {"action": render.action_record(a, script.value), "qingdao": context, "cases": cases}
                )
            )
        else:
            # Line formats stay one case a line, as for every other case list.
            out(render.plain(cases, f, render.CASE_COLUMNS))
        return
    entry = x.resolve_case(cat, target)
    acts = x.actions_for_case(cat, entry)
    if f == "table":
        console().print(
            render.actions_table(
                acts, {a["id"]: len(x.cases_for_action(cat, a["id"])) for a in acts}, lang.value, script.value
            )
        )
        return
    recs = [render.action_record(a, script.value) for a in acts if not a.get("missing")]
    out(render.plain(recs, f, ("id", "part", "title_zh", "title_en")))


@app.command()
def actions(
    part: PartOpt = None,
    fmt: Annotated[
        Optional[ActionsFormat],
        typer.Option("--format", "-f", help="table, tsv, json, jsonl, ids, or yaml (the file as stored)."),
    ] = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """List the action-plan items, with how many cases serve each.

    Example: qdbench actions --part 5
    """
    from qdbench import render
    from qdbench import xref as x
    from qdbench.errors import UsageError

    f = choose(fmt)
    if part is not None and not 1 <= part <= 7:
        raise UsageError(f"--part must be between 1 and 7, not {part}")
    ix, cat = open_data(data)
    if f == "yaml":
        from qdbench.corpus import read_text

        out(read_text(ix.data_dir / "actions.yaml", "actions.yaml"))
        return
    acts = [a for a in cat.actions if part is None or a["part"] == part]
    served = {a["id"]: [c["id"] for c in x.cases_for_action(cat, a["id"])] for a in acts}
    if f == "table":
        console().print(render.actions_table(acts, {k: len(v) for k, v in served.items()}, lang.value, script.value))
        return
    recs = [render.action_record(a, script.value, served[a["id"]]) for a in acts]
    out(render.plain(recs, f, ("id", "part", "title_zh", "title_en", "cases")))
