"""Text that is safe to put on a terminal: C0 and C1 control characters other than newline and tab.

Case data can hold any character (YAML's double-quoted strings accept ``\\e`` and ``\\x9b``), and
an escape sequence printed raw retitles the window, clears the screen or disguises a link (OSC 8).
The index stores case data stripped of them (:func:`strip_controls`); whatever else reaches
standard output or standard error is escaped (:func:`escape_controls`), and ``qdbench check``
names them (:func:`find_controls`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# C0 without tab and newline, DEL, C1.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    return CONTROLS.sub("", text) if CONTROLS.search(text) else text


def escape_controls(text: str) -> str:
    """Each control as ``\\u001b``: visible on a terminal, and the same character again in JSON."""
    if not CONTROLS.search(text):
        return text
    return CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def strip_tree(value: Any) -> Any:
    """``value`` (parsed YAML or JSON) with every string, key or value, stripped of controls."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, dict):
        return {strip_tree(k): strip_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [strip_tree(v) for v in value]
    return value


def find_controls(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(key path, first control character) of every string in ``value`` that holds one."""
    stack = [(path, value)]
    while stack:
        p, v = stack.pop()
        if isinstance(v, str):
            if m := CONTROLS.search(v):
                yield p, m.group()
        elif isinstance(v, dict):
            stack.extend(((*p, k), x) for k, x in reversed(list(v.items())))
        elif isinstance(v, list):
            stack.extend(((*p, i), x) for i, x in reversed(list(enumerate(v))))
