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

import bisect
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
    """Terminal cells: wide and full-width characters two, combining marks none, others one."""
    return sum(map(char_width, s))


@lru_cache(maxsize=8192)
def _kind(ch: str) -> str:
    if ch.isspace():
        return "space"
    if not ch.isascii():  # ASCII marks stay inside their word: "(2018)," is one unit
        if ch in CLOSING:
            return "close"
        if ch in OPENING:
            return "open"
    return "wide" if char_width(ch) == 2 else "word"


def _may_break(text: str, i: int) -> bool:
    """Whether a line may start at ``text[i]`` (a non-space), the line before ending at ``i``."""
    after = _kind(text[i])
    if after == "close":  # also across a space: "港口 ，"
        return False
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0:
        return False
    before = _kind(text[j])
    if before == "open":  # also across a space
        return False
    if j < i - 1:  # a space between: a break unless punctuation forbids it
        return True
    if before == "word" and after == "word":  # inside a Latin word or a number
        return False
    # A number holds on to the character after it: 1996年, 46万.
    return not (before == "word" and after == "wide" and text[j].isdigit())


def _break_at(text: str, i: int) -> bool:
    """Whether a line may start at ``text[i]``: a non-space where the rules allow it.

    Between two ASCII non-spaces (inside a Latin word or a number) never, which is settled
    without the full rules: stepping back through English text meets mostly such pairs.
    """
    c, d = text[i], text[i - 1]
    if c.isspace() or (c.isascii() and d.isascii() and not d.isspace()):
        return False
    return _may_break(text, i)


def break_offsets(text: str, width: int) -> list[int]:
    """Where the lines of ``text`` wrapped at ``width`` cells begin (0 excluded), as rich's ``divide`` wants.

    Works line by line: find how far the line can reach, then step back to the nearest place
    where the rules allow a break, so a paragraph costs a few characters' checks per line.
    """
    width = max(1, width)
    n = len(text)
    offsets: list[int] = []
    # cum[i]: the width of text[:i]. Widths are never negative, so the furthest end of a line
    # is found by bisection instead of a character-by-character walk (a long case shown as
    # text is thousands of characters).
    cum = [0, *itertools.accumulate(map(char_width, text))]
    p = 0
    while True:
        # The furthest q with text[p:q] no wider than the line.
        q = bisect.bisect_right(cum, cum[p] + width, lo=p) - 1
        if q >= n:
            return offsets
        b = q
        while b < n and text[b].isspace():  # spaces at the end of a line are dropped
            b += 1
        if b >= n:
            return offsets
        if not _may_break(text, b):
            b = q
            while b > p and not _break_at(text, b):
                b -= 1
            if b <= p:  # one unit wider than the line (a long URL): fold it, marks kept with their character
                b = q
                while b > p + 1 and (text[b] in CLOSING or text[b - 1] in OPENING):
                    b -= 1
                if text[b] in CLOSING or text[b - 1] in OPENING:
                    b = q
        offsets.append(b)
        p = b


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
