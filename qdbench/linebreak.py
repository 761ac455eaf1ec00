"""Line breaking for mixed Chinese and Latin text, by the usual CJK rules.

A line may break between two Chinese characters and at spaces, but never:

- before closing punctuation (，。、；：？！）》」”…%), which stays at the end of the line before;
- after opening punctuation (（《「“), which moves to the start of the next line;
- inside a number or a Latin word (``1996``, ``19.6%``, ``Internationalisation``), nor between a
  number and the character after it (``1996年``, ``46万``).

Widths are terminal cells: wide and full-width characters count two. A unit wider than the whole
line (a long URL) is folded by characters, as nothing else fits.
"""

from __future__ import annotations

import itertools
import unicodedata
from functools import lru_cache

# No line starts with these (closing brackets and quotes, stops, commas, units after a number).
CLOSING = frozenset("、。，．：；？！）］｝〕〉》」』】〙〗〟’”｠»…‥〜～％‰℃・·!%),.:;?]}")
# No line ends with these (opening brackets and quotes, currency signs before a number).
OPENING = frozenset("（［｛〔〈《「『【〘〖〝‘“｟«([{￥＄£€$")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def text_width(s: str) -> int:
    return sum(char_width(ch) for ch in s)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) runs: ``space``, ``word`` (narrow run), ``wide`` (one character), ``open``, ``close``."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            out.append((i, j, "space"))
            i = j
        elif not ch.isascii() and ch in CLOSING:
            out.append((i, i + 1, "close"))
            i += 1
        elif not ch.isascii() and ch in OPENING:
            out.append((i, i + 1, "open"))
            i += 1
        elif char_width(ch) == 2:
            out.append((i, i + 1, "wide"))
            i += 1
        else:
            j = i
            while (
                j < n
                and not text[j].isspace()
                and char_width(text[j]) != 2
                and (text[j].isascii() or text[j] not in CLOSING | OPENING)
            ):
                j += 1
            out.append((i, j, "word"))
            i = j
    return out


def _units(text: str) -> list[tuple[int, int, bool]]:
    """Unbreakable units as (start, end, after_space): tokens glued by the rules above."""
    units: list[list[int]] = []  # [start, end, after_space]
    after_space = False
    prev_kind = ""  # of the last token that was not a space
    for start, end, kind in _tokens(text):
        if kind == "space":
            after_space = True
            continue
        # Punctuation holds on across a space too ("港口 ，"): the rules are about marks, not gaps.
        glue = bool(units) and (
            kind == "close"
            or prev_kind == "open"
            or (not after_space and kind == "wide" and prev_kind == "word" and text[start - 1].isdigit())
        )
        if glue:
            units[-1][1] = end
        else:
            units.append([start, end, int(after_space)])
        after_space = False
        prev_kind = kind
    return [(s, e, bool(a)) for s, e, a in units]


def break_offsets(text: str, width: int) -> list[int]:
    """Where the lines of ``text`` wrapped at ``width`` cells begin (0 excluded), as rich's ``divide`` wants."""
    width = max(1, width)
    offsets: list[int] = []
    line_w = 0  # cells used on the current line
    last_end = 0
    for start, end, after_space in _units(text):
        gap = text_width(text[last_end:start]) if after_space and line_w else 0
        unit_w = text_width(text[start:end])
        if line_w and line_w + gap + unit_w > width:
            offsets.append(start)
            line_w, gap = 0, 0
        if unit_w > width:  # nothing fits it: fold by characters, closing marks kept with the one before
            col = line_w + gap
            line_from = start
            for k in range(start, end):
                w = char_width(text[k])
                if col and col + w > width:
                    brk = k
                    while brk > line_from + 1 and (text[brk] in CLOSING or text[brk - 1] in OPENING):
                        brk -= 1
                    if text[brk] in CLOSING or text[brk - 1] in OPENING:  # marks wider than the line
                        brk = k
                    offsets.append(brk)
                    line_from = brk
                    col = text_width(text[brk:k])
                col += w
            line_w = col
        else:
            line_w += gap + unit_w
        last_end = end
    return offsets


def wrap(text: str, width: int, subsequent_indent: str = "") -> list[str]:
    """``text`` as lines of at most ``width`` cells (one over-long unit excepted), trailing spaces removed.

    Leading spaces of the first line are kept; later lines start with ``subsequent_indent``.
    """
    if not text.strip():
        return [text.rstrip()]
    lead = len(text) - len(text.lstrip(" "))
    first = text[:lead]
    body = text[lead:]
    lines: list[str] = []
    first_w = width - text_width(first)
    rest_w = width - text_width(subsequent_indent)
    # Wrap the first line at its own width, then the remainder at the continuation width.
    offs = break_offsets(body, max(1, first_w))
    if not offs:
        return [text.rstrip()]
    lines.append(first + body[: offs[0]].rstrip())
    remainder = body[offs[0] :].lstrip(" ")
    pieces = [0, *break_offsets(remainder, max(1, rest_w)), len(remainder)]
    for a, b in itertools.pairwise(pieces):
        lines.append(subsequent_indent + remainder[a:b].strip(" "))
    return lines
