"""The user's configuration file: defaults set once (language, script, citation style, data).

``config.toml`` in the user config directory (``$XDG_CONFIG_HOME/qdbench`` on Linux, found by
platformdirs), read with the standard library's tomllib. Every key is optional::

    lang = "zh"            # zh, en or both: what show, search, list, xref, actions, export show
    script = "hant"        # hans, hant or hant-hk
    style = "bibtex"       # cite's reference format
    accessed = "today"     # cite's access date for online sources (YYYY-MM-DD or today)
    data = "~/qd-data"     # a data folder; relative paths are relative to this file

Options and environment variables (QDBENCH_DATA) win over the file, the file over built-in
defaults. A file that cannot be used is an error naming it, never silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from qdbench.errors import CorpusError

KEYS = ("lang", "script", "style", "accessed", "data")


def config_path() -> Path:
    """Where the configuration file is looked for (it need not exist)."""
    from platformdirs import user_config_path

    return user_config_path("qdbench", appauthor=False) / "config.toml"


def load_config(path: Path, choices: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """The file's settings, checked; ``{}`` when there is no file.

    ``choices`` gives the allowed values of the keys that have a fixed set (lang, script, style).
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as e:
        raise CorpusError(str(path), f"cannot read the configuration: {e.strerror or e}") from None
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise CorpusError(str(path), f"not valid TOML: {e}") from None
    out: dict[str, str] = {}
    for key, value in data.items():
        if key not in KEYS:
            raise CorpusError(str(path), f"unknown setting {key!r}", hint="known: " + ", ".join(KEYS))
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(str(path), f"{key} must be a non-empty string, not {value!r}")
        value = value.strip()
        allowed = choices.get(key)
        if allowed and value not in allowed:
            raise CorpusError(str(path), f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        if key == "accessed" and value != "today" and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise CorpusError(str(path), f"accessed must be YYYY-MM-DD or 'today', not {value!r}")
        if key == "data":
            value = str((path.parent / Path(value).expanduser()).resolve())
        out[key] = value
    return out
