"""The Typer application and its one error policy; the commands register themselves on ``app``."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from qdbench import __version__
from qdbench.cli.output import OutputError, err_write, fail, prepare_streams, silence_stdout


class QdbenchGroup(TyperGroup):
    """Runs every command with one error policy: a one-line message on stderr, no traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        from qdbench.errors import QdbenchError

        kwargs["standalone_mode"] = False
        prepare_streams()
        try:
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
