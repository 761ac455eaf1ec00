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
            keys += read_stdin_ids(stdin) if stdin is not None else _stdin_ids()
        else:
            keys.append(raw)
    return keys


# A line of `qdbench search --format tsv` is a few hundred characters; ids are far shorter.
MAX_LINE_CHARS = 4096
MAX_IDS = 100_000


def _prefix(text: str, n: int = 40) -> str:
    return repr(text[:n] + "…" if len(text) > n else text)


_STDIN: list[tuple[Any, list[str]]] = []


def _stdin_ids() -> list[str]:
    # Read once per stream: a command run again after healing a damaged index gets them again.
    if not _STDIN or _STDIN[0][0] is not sys.stdin:
        _STDIN[:] = [(sys.stdin, read_stdin_ids(sys.stdin))]
    return _STDIN[0][1]


def read_stdin_ids(stream: Any) -> list[str]:
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
