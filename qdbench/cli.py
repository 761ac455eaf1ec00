"""The command line: parse arguments, call the library, print, exit. Nothing else lives here.

Library modules are imported inside the commands so that each command pays only for what it
uses (``show`` never imports Whoosh; nothing imports rich unless it draws on a terminal).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer
from typer.core import TyperGroup

from qdbench import __version__

if TYPE_CHECKING:
    from qdbench.catalog import Catalog, IndexDir


class ListFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    ids = "ids"


class ShowFormat(StrEnum):
    table = "table"
    text = "text"
    md = "md"
    yaml = "yaml"
    json = "json"


class ActionsFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    ids = "ids"
    yaml = "yaml"


class StatsFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"


class CiteStyle(StrEnum):
    gbt7714 = "gbt7714"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"


class Lang(StrEnum):
    zh = "zh"
    en = "en"
    both = "both"


class Script(StrEnum):
    hans = "hans"
    hant = "hant"
    hant_hk = "hant-hk"


def _fail(message: str, code: int = 1) -> NoReturn:
    sys.stderr.write(f"error: {message}\n")
    raise SystemExit(code)


class QdbenchGroup(TyperGroup):
    """Runs every command with one error policy: a one-line message on stderr, no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        from qdbench.errors import QdbenchError

        kwargs["standalone_mode"] = False
        try:
            rv = super().main(*args, **kwargs)
            sys.stdout.flush()
        except typer.TyperException as e:
            # Typer's (vendored Click) usage errors: exit code 2, with the command to ask for help.
            ctx = getattr(e, "ctx", None)
            if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:
                sys.stderr.write(ctx.get_help() + "\n")
                raise SystemExit(2) from None
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None and e.exit_code == 2 else ""
            _fail(f"{e.format_message()}{hint}", e.exit_code)
        except typer.Abort:
            _fail("aborted", 130)
        except QdbenchError as e:
            _fail(str(e), e.exit_code)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep the interpreter's final
            # flush from complaining about the closed pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0) from None
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        raise SystemExit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=QdbenchGroup,
    name="qdbench",
    help="Search, show and cross-reference the Qingdao benchmark cases (Chinese and English).",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DataOpt = Annotated[
    Optional[str],
    typer.Option(
        "--data",
        envvar="QDBENCH_DATA",
        metavar="DIR",
        help="Data folder with cases/ and actions.yaml (default: the shipped corpus).",
    ),
]
FormatOpt = Annotated[
    Optional[ListFormat],
    typer.Option("--format", "-f", help="Output format (default: table on a terminal, tsv when piped)."),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language to show.")]
ScriptOpt = Annotated[
    Script, typer.Option("--script", help="Chinese script: hans (Simplified), hant (Traditional), hant-hk.")
]
PartOpt = Annotated[Optional[int], typer.Option("--part", help="Only cases of this part (1-7).")]
CountryOpt = Annotated[
    Optional[str], typer.Option("--country", help="Only cases in this country (English or Chinese).")
]
CityOpt = Annotated[Optional[str], typer.Option("--city", help="Only cases in this city.")]
ActionOpt = Annotated[Optional[str], typer.Option("--action", help="Only cases serving this action item, e.g. A5.3.")]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"qdbench {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Search, show and cross-reference the Qingdao benchmark cases (Chinese and English)."""


# --- helpers --------------------------------------------------------------------------------


def _is_tty() -> bool:
    return sys.stdout.isatty()


def _choose(fmt: StrEnum | None, default_pipe: str = "tsv") -> str:
    """The output format: as asked, else a table on a terminal and plain text when piped."""
    if fmt is not None:
        return fmt.value
    return "table" if _is_tty() else default_pipe


def _out(text: str) -> None:
    sys.stdout.write(text)


def _note(text: str) -> None:
    sys.stderr.write(f"qdbench: {text}\n")


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _open(data: str | None, rebuild: bool = False) -> tuple[IndexDir, Catalog]:
    from qdbench.catalog import open_index

    ix = open_index(data, rebuild=rebuild)
    if ix.note:
        _note(ix.note)
    cat = ix.catalog()
    for p in cat.problems:
        _note(f"skipped {p['text']}")
    return ix, cat


# --- commands -------------------------------------------------------------------------------


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
) -> None:
    """Full-text search in Chinese (Simplified or Traditional) and English.

    Example: qdbench search "bay area" --part 1
    """
    from qdbench import query as q
    from qdbench import render, xref

    f = _choose(fmt)
    ix, _ = _open(data)
    filters = xref.CaseFilter(part=part, country=country, city=city, action=action)
    hits = q.search(
        ix, query, filters=filters, limit=limit, literal=literal, lang="auto" if lang is Lang.both else lang.value
    )
    if not hits:
        _note(f"no case matches {query!r}")
    if f == "table":
        if hits:
            _console().print(render.search_table(hits, lang.value, script.value))
        return
    # TSV and ids show no snippet: skip computing it.
    with_snippet = f in ("json", "jsonl")
    records = [render.search_record(h.doc, h.score, h.snippet if with_snippet else None, script.value) for h in hits]
    _out(render.plain(records, f, render.SEARCH_COLUMNS))


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

    f = _choose(fmt)
    _, cat = _open(data)
    entries = xref.filter_cases(cat, xref.CaseFilter(part=part, country=country, city=city, action=action))
    if f == "table":
        _console().print(render.cases_table(entries, lang.value, script.value))
        return
    _out(render.plain([render.case_record(e, script.value) for e in entries], f, render.CASE_COLUMNS))


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

    f = _choose(fmt, default_pipe="text")
    ix, cat = _open(data)
    entry = xref.resolve_case(cat, case_id)
    if f == "yaml":
        from pathlib import Path

        _out((Path(ix.data_dir) / "cases" / entry["file"]).read_text(encoding="utf-8"))
        return
    record = cat.record(entry)
    if f == "json":
        import json

        _out(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    from qdbench import render, similar
    from qdbench.models import case_from

    case = case_from(record, entry["path"])
    part_title = next((p["title"] for p in cat.parts if p["part"] == case.part), None)
    related = [cat.by_slug[s] for s in case.related if s in cat.by_slug]
    alike = similar.most_similar(entry.get("signature") or {}, cat.cases, exclude=entry["id"])
    md = render.case_markdown(
        case, part_title, xref.actions_for_case(cat, entry), related, alike, lang.value, script.value
    )
    if f == "md":
        _out(md)
    elif f == "text":
        _out(render.markdown_to_text(md))
    else:
        from rich.markdown import Markdown

        console = _console()
        if pager and _is_tty():
            os.environ.setdefault("LESS", "-FRX")
            with console.pager(styles=True):
                console.print(Markdown(md))
        else:
            console.print(Markdown(md))


@app.command()
def xref(
    target: Annotated[
        Optional[str],
        typer.Argument(metavar="[ACTION|CASE]", help="An action id (A5.3) or a case; none for the coverage matrix."),
    ] = None,
    fmt: FormatOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    data: DataOpt = None,
) -> None:
    """Cross-reference action items and cases.

    Example: qdbench xref A5.3   (the cases serving an action)
    """
    from qdbench import render
    from qdbench import xref as x

    f = _choose(fmt)
    _, cat = _open(data)
    if target is None:
        rows = x.coverage(cat)
        gaps = [a["id"] for a, cs in rows if not cs]
        if gaps:
            _note(f"{len(gaps)} action item(s) with no case: {', '.join(gaps)}")
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
            _console().print(t)
            return
        recs = [render.action_record(a, script.value, [c["id"] for c in cs]) for a, cs in rows]
        _out(render.plain(recs, f, ("id", "part", "title_zh", "title_en", "cases")))
        return
    if x.looks_like_action(target):
        a = x.resolve_action(cat, target)
        entries = x.cases_for_action(cat, a["id"])
        if f == "table":
            _console().print(
                render.cases_table(
                    entries,
                    lang.value,
                    script.value,
                    title=f"{a['id']} {render.label(a['title'], lang.value, script.value)}",
                )
            )
            return
        _out(render.plain([render.case_record(e, script.value) for e in entries], f, render.CASE_COLUMNS))
        return
    entry = x.resolve_case(cat, target)
    acts = x.actions_for_case(cat, entry)
    if f == "table":
        _console().print(
            render.actions_table(
                acts, {a["id"]: len(x.cases_for_action(cat, a["id"])) for a in acts}, lang.value, script.value
            )
        )
        return
    recs = [render.action_record(a, script.value) for a in acts if not a.get("missing")]
    _out(render.plain(recs, f, ("id", "part", "title_zh", "title_en")))


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
) -> None:
    """List the action-plan items, with how many cases serve each.

    Example: qdbench actions --part 5
    """
    from qdbench import render
    from qdbench import xref as x
    from qdbench.errors import UsageError

    f = _choose(fmt)
    ix, cat = _open(data)
    if f == "yaml":
        _out((ix.data_dir / "actions.yaml").read_text(encoding="utf-8"))
        return
    if part is not None and not 1 <= part <= 7:
        raise UsageError(f"--part must be between 1 and 7, not {part}")
    acts = [a for a in cat.actions if part is None or a["part"] == part]
    served = {a["id"]: [c["id"] for c in x.cases_for_action(cat, a["id"])] for a in acts}
    if f == "table":
        _console().print(render.actions_table(acts, {k: len(v) for k, v in served.items()}, lang.value, script.value))
        return
    recs = [render.action_record(a, script.value, served[a["id"]]) for a in acts]
    _out(render.plain(recs, f, ("id", "part", "title_zh", "title_en", "cases")))


@app.command()
def stats(
    fmt: Annotated[Optional[StatsFormat], typer.Option("--format", "-f", help="table (bars), tsv or json.")] = None,
    data: DataOpt = None,
) -> None:
    """Count the cases by part, country and city.

    Example: qdbench stats --format json
    """
    from qdbench import render
    from qdbench import xref as x

    f = _choose(fmt)
    _, cat = _open(data)
    counts = x.stats(cat)
    if f == "json":
        _out(render.json_array([{"by": k, "name": n, "cases": c} for k, rows in counts.items() for n, c in rows]))
    elif f == "tsv":
        _out("".join(f"{k}\t{n}\t{c}\n" for k, rows in counts.items() for n, c in rows))
    else:
        out = [f"{len(cat.cases)} cases, {len(cat.actions)} action items\n"]
        for k, rows in counts.items():
            out.append(f"\nby {k}\n" + render.bars(rows))
        _out("".join(out))


@app.command()
def check(data: DataOpt = None) -> None:
    """Validate the corpus: every problem as file:line: message; exit 1 if any.

    Example: qdbench check --data ./my-data
    """
    from qdbench.checks import run_checks
    from qdbench.corpus import load_corpus, resolve_data_dir

    data_dir = resolve_data_dir(data)
    corpus = load_corpus(data_dir)
    found = run_checks(corpus)
    _out("".join(f"{f}\n" for f in found))
    files = len(corpus.files) + len([p for p in corpus.problems if p.path.endswith(".yaml")])
    _note(
        f"checked {len(corpus.files)} case files and actions.yaml: {len(found)} problem(s)"
        if files
        else "no case files found"
    )
    if found:
        raise typer.Exit(1)


@app.command("index")
def index_cmd(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Rebuild from scratch even if the index is fresh.")
    ] = False,
    data: DataOpt = None,
) -> None:
    """Bring the search index up to date (it also happens automatically).

    Example: qdbench index --rebuild
    """
    ix, cat = _open(data, rebuild=rebuild)
    if not ix.note:
        _note(f"index is up to date: {len(cat.cases)} cases")
    _out(f"{ix.path}\n")


@app.command()
def cite(
    ids: Annotated[
        list[str], typer.Argument(metavar="ID...", help="Case ids, numbers or slugs; - reads them from standard input.")
    ],
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

    keys: list[str] = []
    for raw in ids:
        if raw == "-":
            # The first column of each line: accepts `--format ids` and `--format tsv` alike.
            keys += [line.split("\t")[0].strip() for line in sys.stdin if line.strip()]
        else:
            keys.append(raw)
    if not keys:
        raise UsageError("no case ids given", hint="name cases, or pipe ids into 'qdbench cite -'")
    if accessed == "today":
        accessed = datetime.date.today().isoformat()
    elif accessed is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", accessed):
        raise UsageError(f"--accessed {accessed!r} is not a date (YYYY-MM-DD or 'today')")
    _, cat = _open(data)
    seen: dict[str, Any] = {}
    for k in keys:
        entry = xref.resolve_case(cat, k)
        seen.setdefault(entry["id"], entry)
    cases = [case_from(cat.record(e), e["path"]) for e in seen.values()]
    refs = c.collect(cases)
    _note(f"{len(refs)} reference(s) from {len(cases)} case(s)")
    _out(c.render(refs, style.value, accessed=accessed, lang="zh" if lang is Lang.zh else "en"))


@app.command()
def export(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="md or html: the handbook as a document; json or csv: one record per case."
        ),
    ] = ExportFormat.md,
    part: PartOpt = None,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output.")
    ] = None,
    data: DataOpt = None,
) -> None:
    """The whole handbook (or one part) as one document, or as flat records.

    Example: qdbench export --format html --part 5 -o part5.html
    """
    from qdbench import export as ex
    from qdbench.errors import QdbenchError, UsageError

    if part is not None and not 1 <= part <= 7:
        raise UsageError(f"--part must be between 1 and 7, not {part}")
    _, cat = _open(data)
    hb = ex.load_handbook(cat, part, lang.value, script.value)
    text = ex.render(hb, fmt.value)
    if output is None or output == "-":
        _out(text)
        return
    from pathlib import Path

    from qdbench.catalog import write_atomic

    target = Path(output)
    try:
        write_atomic(target, text)
    except OSError as e:
        raise QdbenchError(f"cannot write {target}: {e.strerror or e}") from None
    _note(f"wrote {target} ({len(hb.cases)} cases)")


@app.command()
def new(
    part: Annotated[int, typer.Option("--part", help="The part (1-7) the case belongs to.")],
    slug: Annotated[str, typer.Option("--slug", help="A new slug: lowercase words joined by hyphens.")],
    data: DataOpt = None,
) -> None:
    """Write the next free case-NNN.yaml from a commented template, ready to fill.

    Example: qdbench new --part 5 --slug port-of-busan
    """
    from qdbench.corpus import resolve_data_dir
    from qdbench.scaffold import new_case

    path = new_case(resolve_data_dir(data), part, slug)
    _out(f"{path}\n")
    _note("fill it in, then run 'qdbench check'")


def main() -> None:
    """Console-script entry point."""
    from qdbench.startup import install_stand_ins

    install_stand_ins()
    app(prog_name="qdbench")
