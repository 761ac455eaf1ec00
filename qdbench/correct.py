"""Typo correction against the index's own vocabulary.

Latin words of four or more characters that no case contains are matched to indexed terms
within a small edit distance (transpositions count once: Hambrug -> Hamburg). A Chinese
bigram that no case contains is repaired by changing one character of its segment so that
every bigram around the change exists and, where the segment allows, the changed characters
stand next to their neighbours somewhere in the corpus (汉宝港 -> 汉堡港). Corrections rank
below words found as typed (see :mod:`qdbench.understand`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import query as wq

from qdbench import analysis
from qdbench.schema import DEFAULT_FIELD

MIN_LATIN = 4  # shorter words have too many neighbours to guess from
MAX_CANDIDATES = 40


def _text(t: Any) -> str:
    return t.decode("utf-8") if isinstance(t, bytes) else str(t)


class Lexicon:
    """Document frequencies and prefix look-ups in the default field of one searcher."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.n = max(searcher.doc_count(), 1)
        self._df: dict[str, int] = {}
        self._firsts: dict[str, set[str]] | None = None

    def df(self, term: str) -> int:
        v = self._df.get(term)
        if v is None:
            v = self._df[term] = self.reader.doc_frequency(DEFAULT_FIELD, term)
        return v

    def phrase_df(self, terms: tuple[str, ...], phrase: bool = True) -> int:
        """In how many documents the phrase (or all the words) occur: counted, and cached."""
        key = ('"' if phrase else "&") + " ".join(terms)
        v = self._df.get(key)
        if v is None:
            words = [wq.Term(DEFAULT_FIELD, t) for t in terms]
            q = wq.Phrase(DEFAULT_FIELD, list(terms)) if phrase else wq.And(words)
            v = self._df[key] = sum(1 for _ in self.searcher.docs_for_query(q))
        return v

    def with_prefix(self, prefix: str) -> Iterator[str]:
        for t in self.reader.expand_prefix(DEFAULT_FIELD, prefix):
            yield _text(t)

    def firsts(self, second: str) -> set[str]:
        """Characters c such that the bigram c + second is indexed (built once, lazily)."""
        if self._firsts is None:
            table: dict[str, set[str]] = {}
            for t in self.reader.lexicon(DEFAULT_FIELD):
                s = _text(t)
                if len(s) == 2 and analysis.has_cjk(s):
                    table.setdefault(s[1], set()).add(s[0])
            self._firsts = table
        return self._firsts.get(second, set())

    def adjacent(self, a: str, b: str) -> bool:
        """Whether bigram ``b`` follows bigram ``a`` somewhere (a three-character run exists)."""
        m = wq.Phrase(DEFAULT_FIELD, [a, b]).matcher(self.searcher)
        return bool(m.is_active())


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, or ``limit + 1`` once it is certainly above."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def latin(term: str, lex: Lexicon) -> list[str]:
    """Indexed terms close to an unknown Latin term, nearest and most common first."""
    if len(term) < MIN_LATIN or not term.isalpha() or not term.isascii():
        return []
    limit = 1 if len(term) <= 5 else 2
    scored: list[tuple[int, int, str]] = []
    # Typos rarely touch the first letter; looking only there keeps this fast at 10k cases.
    for cand in lex.with_prefix(term[0]):
        if cand == term or not cand.isalpha() or abs(len(cand) - len(term)) > limit:
            continue
        d = distance(term, cand, limit)
        if d <= limit:
            scored.append((d, -lex.df(cand), cand))
    if not scored:
        return []
    scored.sort()
    best = scored[0][0]
    return [c for d, _, c in scored if d == best][:2]


def chinese(segment: str, lex: Lexicon) -> str | None:
    """The segment with one character changed to repair its missing bigrams, or None.

    Typos made with a pinyin input method are homophones (汉宝 for 汉堡, 机厂 for 机场), so a
    candidate that sounds like the typed character comes first; then one whose new bigrams all
    exist (a missing one may be a word boundary: 机场|自动); then one whose characters stand
    together somewhere in the corpus.
    """
    grams = analysis.cjk_terms(segment)
    missing = {k for k, g in enumerate(grams) if lex.df(g) == 0}
    if not missing or len(segment) < 2:
        return None
    # A missing bigram at an end of the segment is most often a one-character word stuck to
    # the next (超 + 预算): only repair when every bigram is missing or a middle one is.
    if len(missing) < len(grams) and all(k in (0, len(grams) - 1) for k in missing):
        return None
    # Positions whose change could repair every missing bigram at once.
    positions = [i for i in range(len(segment)) if all(k in (i - 1, i) for k in missing)]
    best: tuple[tuple[int, int, int, int], str] | None = None
    for i in positions:
        sounds = _readings(segment[i])
        pool = sorted(_candidates(segment, i, lex), key=lambda c: (not sounds & _readings(c), c))
        for c in pool[:MAX_CANDIDATES]:
            new = segment[:i] + c + segment[i + 1 :]
            new_grams = analysis.cjk_terms(new)
            touching = [k for k in (i - 1, i) if 0 <= k < len(new_grams)]
            present = [k for k in touching if lex.df(new_grams[k]) > 0]
            if not present:
                continue
            around = [k for k in (i - 2, i - 1, i) if 0 <= k < len(new_grams) - 1]
            support = sum(
                lex.adjacent(new_grams[k], new_grams[k + 1])
                for k in around
                if lex.df(new_grams[k]) and lex.df(new_grams[k + 1])
            )
            homophone = int(bool(sounds & _readings(c)))
            if not homophone and not support:
                continue
            score = (homophone, len(present), support, min(lex.df(new_grams[k]) for k in present))
            if best is None or score > best[0]:
                best = (score, new)
    return best[1] if best else None


def _readings(ch: str) -> set[str]:
    """The toneless pinyin readings of a character (loaded only on this, the typo path)."""
    from pypinyin import Style, pinyin

    return {r for group in pinyin(ch, style=Style.NORMAL, heteronym=True) for r in group}


def _candidates(segment: str, i: int, lex: Lexicon) -> Iterable[str]:
    # Characters that form an indexed bigram with the left neighbour or with the right one.
    pool: set[str] = set()
    if i > 0:
        pool |= {t[1] for t in lex.with_prefix(segment[i - 1]) if len(t) == 2 and analysis.has_cjk(t[1])}
    if i + 1 < len(segment):
        pool |= lex.firsts(segment[i + 1])
    pool.discard(segment[i])
    return pool
