"""Commands: References in citation formats."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import CasesArg, CiteStyle, ColorOpt, DataOpt, Lang, read_ids
from qdbench.cli.output import note, open_data, out


@app.command()
def cite(
    ids: CasesArg,
    style: Annotated[CiteStyle, typer.Option("--style", "-s", help="Reference format.")] = CiteStyle.gbt7714,
    lang: Annotated[
        Lang,
        typer.Option("--lang", help="Language of the report: sets 等 / et al. for references of unknown language."),
    ] = Lang.zh,
    accessed: Annotated[
        Optional[str],
        typer.Option(
            "--accessed",
            metavar="YYYY-MM-DD",
            help="Access date for online sources (GB/T 7714 prints it in brackets); 'today' for today.",
        ),
    ] = None,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """The references of one or more cases, numbered and without duplicates.

    Example: qdbench search 港口 --format ids | qdbench cite --style bibtex -
    """
    import datetime
    import re

    from qdbench import cite as c
    from qdbench import xref
    from qdbench.errors import UsageError
    from qdbench.models import case_from

    keys = read_ids(ids)
    if not keys:
        raise UsageError("no case ids given", hint="name cases, or pipe ids into 'qdbench cite -'")
    if accessed == "today":
        accessed = datetime.date.today().isoformat()
    elif accessed is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", accessed):
        raise UsageError(f"--accessed {accessed!r} is not a date (YYYY-MM-DD or 'today')")
    _, cat = open_data(data)
    seen: dict[str, Any] = {}
    for k in keys:
        entry = xref.resolve_case(cat, k)
        seen.setdefault(entry["id"], entry)
    cases = [case_from(cat.record(e), e["path"]) for e in seen.values()]
    refs = c.collect(cases)
    note(f"{len(refs)} reference(s) from {len(cases)} case(s)")
    out(c.render(refs, style.value, accessed=accessed, lang="zh" if lang is Lang.zh else "en"))
