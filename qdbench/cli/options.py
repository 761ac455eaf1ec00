"""Option types and output-format choices shared by the commands: declared once, used everywhere."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Optional

import typer


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


class CompareFormat(StrEnum):
    table = "table"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


class CiteStyle(StrEnum):
    gbt7714 = "gbt7714"  # the edition in force, GB/T 7714-2025
    gbt7714_2015 = "gbt7714-2015"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


class Pinyin(StrEnum):
    full = "full"
    initials = "initials"


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
