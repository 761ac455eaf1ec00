"""Commands: References in citation formats."""

from __future__ import annotations

from typing import Annotated, Any, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import CasesArg, CiteStyle, ColorOpt, DataOpt, Lang, Pinyin, read_ids
from qdbench.cli.output import note, open_data, out, write_result


@app.command()
def cite(
    ids: CasesArg,
    style: Annotated[
        CiteStyle,
        typer.Option(
            "--style",
            "--format",
            "-s",
            "-f",
            help="Reference format: gbt7714 is GB/T 7714-2025, gbt7714-2015 the edition it replaced.",
        ),
    ] = CiteStyle.gbt7714,
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
    pinyin: Annotated[
        Pinyin,
        typer.Option("--pinyin", help="GB/T 7714-2025: pinyin given names in full (Li Jiangning) or as initials."),
    ] = Pinyin.full,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.")
    ] = None,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """The references of one or more cases, numbered and without duplicates.

    Example: qdbench search 港口 --format ids | qdbench cite --format bibtex -o refs.bib -
    """
    from qdbench import cite as c
    from qdbench import xref
    from qdbench.errors import UsageError
    from qdbench.models import case_from

    keys = read_ids(ids)
    if not keys:
        raise UsageError("no case ids given", hint="name cases, or pipe ids into 'qdbench cite -'")
    accessed = access_date(accessed)
    _, cat = open_data(data)
    seen: dict[str, Any] = {}
    for k in keys:
        entry = xref.resolve_case(cat, k)
        seen.setdefault(entry["id"], entry)
    cases = [case_from(cat.record(e), e["path"]) for e in seen.values()]
    refs = c.collect(cases)
    text = c.render(refs, style.value, accessed=accessed, lang="zh" if lang is Lang.zh else "en", pinyin=pinyin.value)
    if output is None:
        note(f"{len(refs)} reference(s) from {len(cases)} case(s)")
        out(text)
        return
    write_result(output, text)
    note(f"wrote {output} ({len(refs)} reference(s) from {len(cases)} case(s))")


def _prefix(text: str, n: int = 40) -> str:
    return repr(text[:n] + "…" if len(text) > n else text)


def access_date(value: str | None) -> str | None:
    """``--accessed``: 'today' or a real calendar date written YYYY-MM-DD in ASCII digits."""
    import datetime
    import re

    from qdbench.errors import UsageError

    if value is None:
        return None
    v = value.strip()
    if v.lower() == "today":
        return datetime.date.today().isoformat()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", v):
        try:
            return datetime.date.fromisoformat(v).isoformat()
        except ValueError:
            pass
    raise UsageError(f"--accessed {_prefix(value)} is not a date (YYYY-MM-DD or 'today')")
