"""Option types and output-format choices shared by the commands: declared once, used everywhere."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated, Any, Optional

import typer

from qdbench import __version__


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
    jsonl = "jsonl"


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


class Color(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


def _set_color(value: Color | None) -> Color | None:
    from qdbench.cli import output

    output.set_color(value.value if value is not None else "auto")
    return value


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"qdbench {__version__}\n")
        raise typer.Exit()


# --- completion: from the index catalog only (qdbench.complete), never Whoosh -------------


def _data_of(ctx: typer.Context) -> str | None:
    value = ctx.params.get("data")
    return value if isinstance(value, str) else None


def _complete_cases(ctx: typer.Context, incomplete: str) -> list[str]:
    from qdbench import complete

    return complete.cases(complete.peek_catalog(_data_of(ctx)), incomplete)


def complete_targets(ctx: typer.Context, incomplete: str) -> list[str]:
    from qdbench import complete

    cat = complete.peek_catalog(_data_of(ctx))
    return complete.actions(cat, incomplete) + complete.cases(cat, incomplete)


def _complete_countries(ctx: typer.Context, incomplete: str) -> list[str]:
    from qdbench import complete

    return complete.places(complete.peek_catalog(_data_of(ctx)), "country", incomplete)


def _complete_cities(ctx: typer.Context, incomplete: str) -> list[str]:
    from qdbench import complete

    return complete.places(complete.peek_catalog(_data_of(ctx)), "city", incomplete)


def read_ids(args: list[str], stdin: Any = None) -> list[str]:
    """Case keys from the arguments, ``-`` standing for standard input (first column of each line).

    Accepts ``--format ids`` and ``--format tsv`` output alike, so any listing pipes into any
    command that takes cases.
    """
    keys: list[str] = []
    for raw in args:
        if raw == "-":
            keys += [line.split("\t")[0].strip() for line in (stdin or sys.stdin) if line.strip()]
        else:
            keys.append(raw)
    return keys


# Every command takes --color (added with `color: ColorOpt = None`); the root takes -V/--version.
ColorOpt = Annotated[
    Optional[Color],
    typer.Option(
        "--color",
        callback=_set_color,
        help="Colour on a terminal: auto (default; NO_COLOR and FORCE_COLOR respected), always or never.",
    ),
]
VersionOpt = Annotated[
    bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
]
CasesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ID...",
        help="Case ids (case-042), numbers or slugs; - reads them from standard input.",
        autocompletion=_complete_cases,
    ),
]
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
    Optional[str],
    typer.Option(
        "--country", help="Only cases in this country (English or Chinese).", autocompletion=_complete_countries
    ),
]
CityOpt = Annotated[
    Optional[str], typer.Option("--city", help="Only cases in this city.", autocompletion=_complete_cities)
]
ActionOpt = Annotated[Optional[str], typer.Option("--action", help="Only cases serving this action item, e.g. A5.3.")]
