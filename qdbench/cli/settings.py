"""Commands: The configuration in force and where each value comes from."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from qdbench.cli.app import CONFIG_OPTIONS, app
from qdbench.cli.options import CiteStyle, ColorOpt, DataOpt, Lang, LangOpt, Script, ScriptOpt
from qdbench.cli.output import out

SOURCES = {"COMMANDLINE": "option", "ENVIRONMENT": "environment", "DEFAULT_MAP": "file", "DEFAULT": "default"}


@app.command("config")
def config_cmd(
    ctx: typer.Context,
    lang: LangOpt = Lang.both,
    script: ScriptOpt = Script.hans,
    style: Annotated[CiteStyle, typer.Option("--style", "-s", help="Citation style for cite.")] = CiteStyle.gbt7714,
    accessed: Annotated[
        Optional[str], typer.Option("--accessed", metavar="YYYY-MM-DD", help="Access date for cite.")
    ] = None,
    data: DataOpt = None,
    color: ColorOpt = None,
) -> None:
    """Show the configuration file's path and the settings in force, with where each comes from.

    Sources, strongest first: option, environment (QDBENCH_DATA), file, default.
    Example: qdbench config --lang en
    """
    from qdbench import datadir
    from qdbench.config import config_path

    path = config_path()
    rows = [("file", str(path), "found" if path.is_file() else "not found (optional)")]
    values = {"lang": lang.value, "script": script.value, "style": style.value, "accessed": accessed, "data": data}
    for key, param in CONFIG_OPTIONS.items():
        source = ctx.get_parameter_source(param)
        where = SOURCES.get(source.name if source is not None else "DEFAULT", "default")
        value = values[key]
        if key == "data" and value is None:
            value = f"{datadir.default_data_dir()} (the shipped corpus)"
        elif key == "data" and where == "environment":
            where = "environment (QDBENCH_DATA)"
        rows.append((key, value if value is not None else "(none)", where))
    w1 = max(len(r[0]) for r in rows)
    w2 = max(len(str(r[1])) for r in rows)
    out("".join(f"{k.ljust(w1)}  {str(v).ljust(w2)}  {s}\n" for k, v, s in rows))
