"""Commands: The handbook as one document, or as flat records."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from qdbench.cli.app import app
from qdbench.cli.options import ColorOpt, DataOpt, ExportFormat, Lang, LangOpt, PartOpt, Script, ScriptOpt
from qdbench.cli.output import note, open_data, out


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
    color: ColorOpt = None,
) -> None:
    """The whole handbook (or one part) as one document, or as flat records.

    Example: qdbench export --format html --part 5 -o part5.html
    """
    from qdbench import export as ex
    from qdbench.errors import UsageError

    if part is not None and not 1 <= part <= 7:
        raise UsageError(f"--part must be between 1 and 7, not {part}")
    if output == "":
        raise UsageError("-o needs a file name", hint="or - for standard output")
    _, cat = open_data(data)
    hb = ex.load_handbook(cat, part, lang.value, script.value)
    text = ex.render(hb, fmt.value)
    if output is None or output == "-":
        out(text)
        return
    from qdbench.output_file import write_output

    write_output(output, text)
    note(f"wrote {output} ({len(hb.cases)} cases)")
