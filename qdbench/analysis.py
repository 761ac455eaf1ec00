"""Text analysis shared by indexing, querying and highlighting.

Chinese runs become overlapping character bigrams (a lone character stays a unigram), as Lucene's
CJK analyzer does; Traditional characters are folded to Simplified one character for one, so
offsets into the original text stay valid for highlighting. Latin runs are NFKC-normalised,
case-folded, stripped of accents and Porter-stemmed. Nothing is dropped: no stop words, no
minimum length.

Index building calls :func:`term_positions` directly (no Token objects: the analyzer's per-token
work is where a Whoosh build spends its time); the Whoosh analyzer in :mod:`qdbench.schema` wraps
:func:`iter_tokens`. Both are built from the same pieces and a test keeps them equal. This module
never imports Whoosh, so commands that do not search do not pay for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

# Han (with extensions and compatibility ideographs), kana and Hangul are written without spaces:
# they are cut into bigrams like Chinese.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"


@lru_cache(maxsize=1)
def _token_re() -> re.Pattern[str]:
    # Compiled on first use: the character classes take milliseconds, which `show` need not pay.
    return re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>[^\W_{_CJK}]+)")


@lru_cache(maxsize=1)
def _has_cjk_re() -> re.Pattern[str]:
    return re.compile(rf"[{_CJK}]")


# The same classes as code-point ranges. Compiling the patterns above costs about 13 ms (sre
# builds a 64K-entry map for the BMP ranges), which a search pays to read a short query: texts up
# to SCAN_MAX characters are scanned in Python instead, with the same result (property-tested).
_CJK_RANGES = (
    (0x3040, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xAC00, 0xD7AF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
    (0x30000, 0x3134F),
)
SCAN_MAX = 512


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return o >= 0x3040 and any(a <= o <= b for a, b in _CJK_RANGES)


def runs(text: str) -> Iterator[tuple[bool, str, int, int]]:
    """(is_cjk, run, start, end) for each run of CJK characters or of other letters and digits.

    The tokenizer's first cut: what ``_token_re`` finds (underscores and punctuation separate
    runs; ``[^\\W_]`` is exactly ``str.isalnum``).
    """
    if len(text) > SCAN_MAX:
        for m in _token_re().finditer(text):
            yield m.group("cjk") is not None, m.group(), m.start(), m.end()
        return
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        if _is_cjk(text[i]):
            while j < n and _is_cjk(text[j]):
                j += 1
            yield True, text[i:j], i, j
        elif text[i].isalnum():
            while j < n and text[j].isalnum() and not _is_cjk(text[j]):
                j += 1
            yield False, text[i:j], i, j
        i = j


_FOLD_FILE = Path(__file__).with_name("fold_t2s.txt")


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """The Traditional -> Simplified character table (generated from OpenCC)."""
    trad, simp = _FOLD_FILE.read_text(encoding="utf-8").splitlines()[:2]
    return str.maketrans(trad, simp)


def fold_cjk(text: str) -> str:
    """Fold Traditional Chinese characters to Simplified, keeping the length."""
    return text.translate(fold_table())


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    from whoosh.lang.porter import stem

    return stem(word)


@lru_cache(maxsize=262144)
def normalize_word(word: str) -> str:
    """The index term for one Latin/digit run: NFKC, casefold, no accents, stemmed."""
    w = unicodedata.normalize("NFKC", word).casefold()
    if not w.isascii():
        w = "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
    # NFKC can leave characters the tokenizer would split on (e.g. full-width punctuation).
    w = "".join(ch for ch in w if ch.isalnum())
    if len(w) > 2 and w.isascii() and w.isalpha():
        w = _stem(w)
    return w


def cjk_terms(run: str) -> list[str]:
    """Bigrams of a folded CJK run, or the run itself if it is one character."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


# Measure words and units written straight after a number (2021年, 870万标箱, 3个): the first
# character of a CJK run that follows digits belongs to the number, not to the next word, so
# "2021年货物吞吐量" yields 年 + 货物 吞吐 吐量 and never the bigram 年货 (New Year goods).
NUMBER_UNITS = frozenset("年月日号时万亿千百元吨人次个家项座条")


def _split_unit(run: str, after_number: bool) -> tuple[str, str]:
    """(unit, rest): the measure word that a number owns, and the rest of the run."""
    if after_number and len(run) > 1 and run[0] in NUMBER_UNITS:
        return run[0], run[1:]
    return "", run


def iter_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (term, start, end) for every token of ``text``; offsets index the original text."""
    number_end = -1
    for is_cjk, run, start, end in runs(text):
        if is_cjk:
            unit, rest = _split_unit(fold_cjk(run), start == number_end)
            if unit:
                yield unit, start, start + 1
                start += 1
            if len(rest) == 1:
                yield rest, start, start + 1
            else:
                for i in range(len(rest) - 1):
                    yield rest[i : i + 2], start + i, start + i + 2
        else:
            term = normalize_word(run)
            if run.isdigit():
                number_end = end
            if term:
                yield term, start, end


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order."""
    return [t for t, _, _ in iter_tokens(text)]


def term_positions(text: str) -> dict[str, list[int]]:
    """Map each term of ``text`` to its token positions: the fast path for indexing."""
    positions: dict[str, list[int]] = {}
    pos = 0
    table = fold_table()
    number_end = -1
    for is_cjk, run, start, end in runs(text):
        if is_cjk:
            unit, rest = _split_unit(run.translate(table), start == number_end)
            toks = [unit, *cjk_terms(rest)] if unit else cjk_terms(rest)
        else:
            if run.isdigit():
                number_end = end
            t = normalize_word(run)
            if not t:
                continue
            toks = [t]
        for t in toks:
            lst = positions.get(t)
            if lst is None:
                positions[t] = [pos]
            else:
                lst.append(pos)
            pos += 1
    return positions


# Positions skipped between the sections of one field, so that a phrase never spans two.
SECTION_GAP = 100


def weighted_terms(sections: list[tuple[str, float]]) -> dict[str, tuple[list[int], float]]:
    """Positions and summed weight of each term over boosted sections of one field.

    An occurrence weighs its section's boost, so one posting list can rank a title hit above a
    body hit: the search engine can then skip whole blocks of postings that cannot reach the
    top results, which it cannot do across several fields.
    """
    out: dict[str, tuple[list[int], float]] = {}
    base = 0
    for text, boost in sections:
        positions = term_positions(text)
        last = -1
        for term, poslist in positions.items():
            shifted = [p + base for p in poslist]
            last = max(last, shifted[-1])
            prev = out.get(term)
            if prev is None:
                out[term] = (shifted, boost * len(shifted))
            else:
                prev[0].extend(shifted)
                out[term] = (prev[0], prev[1] + boost * len(shifted))
        base = (last if last >= 0 else base) + SECTION_GAP
    return out


def has_cjk(text: str) -> bool:
    """Whether ``text`` contains any CJK character."""
    if len(text) <= SCAN_MAX:
        return any(map(_is_cjk, text))
    return _has_cjk_re().search(text) is not None


# --- display -------------------------------------------------------------------------------

SCRIPTS = {"hans": None, "hant": "s2tw", "hant-hk": "s2hk"}


@lru_cache(maxsize=4)
def _converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def to_script(text: str, script: str) -> str:
    """Convert Simplified text for display: ``hans`` unchanged, ``hant``/``hant-hk`` phrase-aware."""
    config = SCRIPTS.get(script)
    if config is None or not text or not has_cjk(text):
        return text
    return str(_converter(config).convert(text))


# --- snippets -------------------------------------------------------------------------------

Segment = tuple[str, bool]


def snippet(text: str, wanted: set[str], width: int) -> list[Segment]:
    """The ``width``-character window of ``text`` richest in ``wanted`` terms, as segments.

    Each segment is (text, matched). Without any match the snippet is the text's beginning.
    """
    text = " ".join(text.split())
    spans: list[list[int]] = []
    for term, start, end in iter_tokens(text):
        if term in wanted:
            if spans and start <= spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], end)
            else:
                spans.append([start, end])
    if not spans:
        cut = text[:width]
        return [(cut + ("…" if len(text) > width else ""), False)]
    # Slide a window over the matches and keep the one that covers the most of them.
    best, best_count, j = 0, 0, 0
    for i, (s, _) in enumerate(spans):
        while j < len(spans) and spans[j][1] <= s + width:
            j += 1
        if j - i > best_count:
            best, best_count = i, j - i
    lo = max(0, min(spans[best][0] - width // 5, len(text) - width))
    hi = min(len(text), lo + width)
    segs: list[Segment] = []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        if s > pos:
            segs.append((text[pos:s], False))
        segs.append((text[s:e], True))
        pos = e
    if pos < hi:
        segs.append((text[pos:hi], False))
    if lo > 0:
        segs.insert(0, ("…", False))
    if hi < len(text):
        segs.append(("…", False))
    return segs
