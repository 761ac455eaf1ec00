"""The Typer application and its one error policy; the commands register themselves on ``app``."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

import typer
from typer.core import TyperGroup

from qdbench.cli.options import VersionOpt
from qdbench.cli.output import OutputError, err_write, fail, prepare_streams, silence_stdout

# The configuration keys and the option each one sets a default for.
CONFIG_OPTIONS = {"lang": "lang", "script": "script", "style": "style", "accessed": "accessed", "data": "data"}
# `cite --lang` is the language of a report, not of the display: the file's `lang` skips it.
CONFIG_SKIP = {("cite", "lang")}


class QdbenchGroup(TyperGroup):
    """Runs every command with one error policy: a one-line message on stderr, no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        from qdbench.errors import QdbenchError

        kwargs["standalone_mode"] = False
        prepare_streams()
        try:
            kwargs.setdefault("default_map", config_defaults(self))
            rv = self._run_healing(*args, **kwargs)
            sys.stdout.flush()
        except typer.TyperException as e:
            # Typer's (vendored Click) usage errors: exit code 2, with the command to ask for help.
            ctx = getattr(e, "ctx", None)
            if type(e).__name__ == "NoArgsIsHelpError" and ctx is not None:
                err_write(ctx.get_help() + "\n")
                raise SystemExit(2) from None
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None and e.exit_code == 2 else ""
            fail(f"{e.format_message()}{hint}", e.exit_code)
        except typer.Abort:
            fail("aborted", 130)
        except QdbenchError as e:
            fail(str(e), e.exit_code)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep the interpreter's final
            # flush from complaining about the closed pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(0) from None
        except OutputError as e:
            silence_stdout()
            fail(f"cannot write the output: {e}", 1)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        raise SystemExit(rv if isinstance(rv, int) else 0)

    def _run_healing(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; if it finds the index damaged past opening it, rebuild and run it again.

        Opening checks every file of an index, so this happens only when a file was garbled in
        place; the command has printed nothing yet (every command reads before it prints).
        """
        from qdbench.errors import CacheDamaged

        try:
            return super().main(*args, **kwargs)
        except CacheDamaged as e:
            if e.index is None:
                raise
            from qdbench import catalog

            catalog.distrust(e.index, e.reason)
            return super().main(*args, **kwargs)


app = typer.Typer(
    cls=QdbenchGroup,
    name="qdbench",
    help="Search, show and cross-reference the Qingdao benchmark cases (Chinese and English).",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def config_defaults(group: TyperGroup) -> dict[str, dict[str, str]]:
    """Click's default_map from the configuration file: {command: {option: value}}.

    Click then ranks the sources itself: command line, environment, this map, built-in default.
    """
    from qdbench.cli.options import CiteStyle, Lang, Script
    from qdbench.config import config_path, load_config

    values = load_config(config_path(), {"lang": tuple(Lang), "script": tuple(Script), "style": tuple(CiteStyle)})
    if not values:
        return {}
    out: dict[str, dict[str, str]] = {}
    for name, cmd in group.commands.items():
        params = {p.name for p in cmd.params}
        d = {
            CONFIG_OPTIONS[k]: v
            for k, v in values.items()
            if CONFIG_OPTIONS[k] in params and (name, CONFIG_OPTIONS[k]) not in CONFIG_SKIP
        }
        if d:
            out[name] = d
    return out


@app.callback()
def _root(version: VersionOpt = False) -> None:
    """Search, show and cross-reference the Qingdao benchmark cases (Chinese and English)."""


def keep_only(argv: list[str], env: Mapping[str, str] | None = None) -> None:
    """Build only the command being run, when the first argument names one.

    Typer turns every registered command's signature into Click options on each run (about
    a sixth of `show`'s start-up with 14 commands); a run needs only its own. Help, unknown
    names and the completion of a command's name still see every command. A shell completion
    (``_QDBENCH_COMPLETE`` set) names its command in COMP_WORDS (bash) or _TYPER_COMPLETE_ARGS.
    """
    env = os.environ if env is None else env
    if env.get("_QDBENCH_COMPLETE"):
        words = (env.get("COMP_WORDS") or env.get("_TYPER_COMPLETE_ARGS") or "").split()
        cword = env.get("COMP_CWORD")
        if cword is not None and cword.isdigit() and int(cword) <= 1:
            return  # completing the command name itself
        argv = words[1:2] if len(words) > 2 or (len(words) == 2 and cword is None) else []
    if not argv or argv[0].startswith("-"):
        return
    keep = [c for c in app.registered_commands if (c.name or c.callback.__name__.replace("_", "-")) == argv[0]]
    if keep:
        app.registered_commands[:] = keep
