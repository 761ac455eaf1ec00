"""Commands: References in citation formats."""

from __future__ import annotations

import sys
from typing import Annotated, Any, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import CiteStyle, DataOpt, Lang, Pinyin
from qdbench.cli.output import note, open_data, out, write_result


@app.command()
def cite(
    ids: Annotated[
        list[str], typer.Argument(metavar="ID...", help="Case ids, numbers or slugs; - reads them from standard input.")
    ],
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
) -> None:
    """The references of one or more cases, numbered and without duplicates.

    Example: qdbench search 港口 --format ids | qdbench cite --format bibtex -o refs.bib -
    """
    from qdbench import cite as c
    from qdbench import xref
    from qdbench.errors import UsageError
    from qdbench.models import case_from

    keys: list[str] = []
    for raw in ids:
        keys += _stdin_ids() if raw == "-" else [raw]
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


# A line of `qdbench search --format tsv` is a few hundred characters; ids are far shorter.
MAX_LINE_CHARS = 4096
MAX_IDS = 100_000


def _prefix(text: str, n: int = 40) -> str:
    return repr(text[:n] + "…" if len(text) > n else text)


_STDIN: list[tuple[Any, list[str]]] = []


def _stdin_ids() -> list[str]:
    # Read once per stream: a command run again after healing a damaged index gets them again.
    if not _STDIN or _STDIN[0][0] is not sys.stdin:
        _STDIN[:] = [(sys.stdin, read_ids(sys.stdin))]
    return _STDIN[0][1]


def read_ids(stream: Any) -> list[str]:
    """The first column of each line of ``stream`` (accepts `--format ids` and `--format tsv`).

    Lines are read with a bound: a huge line is an error quoting its start, not a 2 GB string.
    """
    from qdbench.errors import UsageError

    keys: list[str] = []
    n = 0
    while True:
        try:
            line = stream.readline(MAX_LINE_CHARS + 1)
        except UnicodeDecodeError:
            raise UsageError(f"line {n + 1} of standard input is not UTF-8 text") from None
        if not line:
            break
        n += 1
        if len(line) > MAX_LINE_CHARS and not line.endswith("\n"):
            raise UsageError(f"line {n} of standard input is longer than {MAX_LINE_CHARS} characters: {_prefix(line)}")
        if key := line.split("\t")[0].strip():
            keys.append(key)
        if len(keys) > MAX_IDS:
            raise UsageError(f"more than {MAX_IDS} ids on standard input")
    return keys


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
