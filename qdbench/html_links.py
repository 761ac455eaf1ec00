"""Escaped HTML text in which every URL and DOI is a link: shared by the export's sections."""

from __future__ import annotations

import html
import re


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


_LINKABLE = re.compile(
    r"(?P<url>https?://[^\s<>\"]+)|(?P<doi>\b10\.\d{4,9}/[^\s<>\"]+)",
)


def linked(text: str, refs: dict[int, str] | None = None) -> str:
    """Escaped text with every URL and DOI a link (and ``[n]`` to reference n, given refs)."""
    out = []
    pos = 0
    for m in _LINKABLE.finditer(text):
        raw = m.group(0)
        trimmed = _trim_link(raw)
        out.append(_e(text[pos : m.start()]))
        href = trimmed if m.group("url") else f"https://doi.org/{trimmed}"
        out.append(f'<a href="{_e(href)}">{_e(trimmed)}</a>')
        pos = m.start() + len(trimmed)
    out.append(_e(text[pos:]))
    html_text = "".join(out)
    if refs:
        html_text = re.sub(
            r"\[(\d+)\]",
            lambda mm: (
                f'<a href="#{refs[int(mm.group(1))]}">[{mm.group(1)}]</a>' if int(mm.group(1)) in refs else mm.group(0)
            ),
            html_text,
        )
    return html_text


def _trim_link(s: str) -> str:
    """A link without the sentence punctuation after it; a closing bracket stays if it is paired."""
    while s and s[-1] in ".,;:!?)]）】，。；":
        if s[-1] in ")]" and s.count("(" if s[-1] == ")" else "[") >= s.count(s[-1]):
            break
        s = s[:-1]
    return s
