"""Rich renderables that break Chinese lines by the CJK rules (imported only to draw on a terminal).

Rich folds a run of Chinese characters wherever the width runs out, splitting ``1996`` or
starting a line with ``，``; :class:`CJKText` wraps with :func:`qdbench.linebreak.break_offsets`
instead. :func:`case_view` draws the Markdown that :func:`qdbench.render.case_markdown` writes
(headings, lists, references, ``**bold**`` and backquoted ids) with hanging indents.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console, Group
from rich.containers import Lines
from rich.table import Table
from rich.text import Text

from qdbench.linebreak import break_offsets

_INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`")
_ITEM = re.compile(r"^(\d+\. |- |\[\d+\] )(.*)$")


class CJKText(Text):
    """A rich Text whose word wrap follows the CJK line-breaking rules."""

    def wrap(  # type: ignore[override]
        self,
        console: Console,
        width: int,
        *,
        justify: Any = None,
        overflow: Any = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        no_wrap = bool(no_wrap if no_wrap is not None else self.no_wrap) or overflow == "ignore"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            if no_wrap:
                new_lines = Lines([line])
            else:
                new_lines = line.divide(break_offsets(str(line), width))
                for piece in new_lines:
                    piece.rstrip()
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for piece in new_lines:
                piece.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines


def styled(markdown_inline: str, style: str = "") -> CJKText:
    """Inline Markdown (``**bold**``, backquotes) as a CJKText with styles instead of marks."""
    t = CJKText(style=style)
    pos = 0
    for m in _INLINE.finditer(markdown_inline):
        t.append(markdown_inline[pos : m.start()])
        if m.group(1) is not None:
            t.append(m.group(1), style="bold")
        else:
            t.append(m.group(2), style="cyan")
        pos = m.end()
    t.append(markdown_inline[pos:])
    return t


def case_view(md: str) -> Group:
    """The `show` Markdown as styled, CJK-wrapped blocks for the terminal."""
    blocks: list[Any] = []
    items: Table | None = None
    last: CJKText | None = None
    for raw in md.split("\n"):
        line = raw.rstrip()
        m = _ITEM.match(line)
        if line.startswith("   ") and last is not None:
            # A list item's second language: same cell, next line.
            last.append("\n")
            last.append_text(styled(line.strip()))
            continue
        if m:
            if items is None:
                items = Table.grid(padding=(0, 0))
                items.add_column(no_wrap=True, style="dim")
                items.add_column()
                blocks.append(items)
            last = styled(m.group(2))
            items.add_row(m.group(1), last)
            continue
        items, last = None, None
        if line.startswith("# "):
            blocks.append(styled(line[2:], "bold magenta"))
        elif line.startswith("## "):
            blocks.append(styled(line[3:], "bold cyan"))
        elif line:
            blocks.append(styled(line))
        elif blocks and not (isinstance(blocks[-1], Text) and not blocks[-1].plain):
            blocks.append(CJKText(""))
    return Group(*blocks)


def cell(text: str, style: str = "") -> CJKText:
    """A table cell that wraps by the CJK rules."""
    return CJKText(text, style=style)
