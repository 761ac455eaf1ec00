"""How a plain query is understood: regional conversion, function words, synonyms, clauses.

A query without operators, quotes or fields is a *best-match* query: it becomes a list of
clauses, one per concept the user typed, each with its alternatives (the words as typed,
then synonyms and corrections at lower weight). Cases are then ranked by how much of the
query they cover; see :mod:`qdbench.query`. This module knows nothing of the index: typo
correction, which needs the index's vocabulary, is in :mod:`qdbench.correct`.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from typing import NamedTuple

from qdbench import analysis
from qdbench.vocabulary import Group

# Words that carry the grammar of a question, not its topic: they never decide whether a
# case matches. Short and general on purpose (no topic words), lowercase as typed.
EN_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "into",
        "onto",
        "about",
        "as",
        "and",
        "or",
        "but",
        "not",
        "nor",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "done",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "how",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "why",
        "when",
        "where",
        "whether",
        "can",
        "could",
        "should",
        "would",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "it",
        "its",
        "it's",
        "they",
        "them",
        "their",
        "theirs",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "so",
        "than",
        "then",
        "such",
        "any",
        "some",
        "each",
        "every",
        "all",
        "very",
        "also",
        "just",
        "only",
        "up",
        "out",
        "over",
        "off",
        "get",
        "got",
        "make",
        "made",
        "help",
        "let",
        "tell",
        "show",
        "find",
        "give",
        "know",
        "learn",
        "please",
        "example",
        "examples",
        "case",
        "cases",
    ]
)

# Chinese question and function words, longest first when matched. Single characters are
# only the particles that are almost never part of a content word.
ZH_FUNCTION_WORDS = tuple(
    sorted(
        [
            "如何",
            "怎样",
            "怎么样",
            "怎么",
            "怎麼",
            "哪些",
            "哪个",
            "哪里",
            "哪儿",
            "什么",
            "为什么",
            "为何",
            "是否",
            "能否",
            "可否",
            "有没有",
            "有哪些",
            "有什么",
            "请问",
            "一下",
            "介绍",
            "关于",
            "以及",
            "还有",
            "是怎么",
            "是如何",
            "是什么",
            "做了",
            "做法",
            "经验",
            "案例",
            "是",
            "的",
            "了",
            "吗",
            "呢",
            "吧",
            "啊",
            "么",
        ],
        key=len,
        reverse=True,
    )
)

# Operators, quotes, parentheses or field:value make a query exact: it keeps today's meaning.
# So do a boost (port^2), a wildcard (harb*) or fuzziness (port~); a question mark does not:
# people end questions with one.
_SYNTAX_RE = re.compile(r'["()]|\b(?:AND|OR|NOT)\b|(?<![\w.:/])[A-Za-z_]\w*:(?!//)|\w\^\d|\w\*|\w~')

TYPED, SYNONYM, CORRECTION = "typed", "synonym", "correction"
WEIGHTS = {TYPED: 1.0, SYNONYM: 0.8, CORRECTION: 0.6}


class Alt(NamedTuple):
    """One way a clause can match: a term sequence (a phrase when longer than one)."""

    terms: tuple[str, ...]
    source: str = TYPED
    shown: str = ""
    # The words as typed need not stand together (best match treats a query as a bag of
    # words, and must find everything an AND of them finds); synonyms are matched as phrases.
    phrase: bool = True

    @property
    def weight(self) -> float:
        return WEIGHTS[self.source]


# Clause and Understood are plain classes, not dataclasses: `search` builds them on every start,
# and the dataclass machinery (import and code generation) cost it about 4 ms.
class Clause:
    """One concept of the query and the ways it may match."""

    __slots__ = ("alts", "cjk", "offset", "segment", "shown")

    def __init__(
        self, shown: str, alts: list[Alt], cjk: bool = False, segment: str | None = None, offset: int = 0
    ) -> None:
        self.shown = shown
        self.alts = alts
        self.cjk = cjk
        self.segment = segment  # for a Chinese bigram: the segment it came from
        self.offset = offset  # and its position in that segment

    def __repr__(self) -> str:
        return f"Clause({self.shown!r}, {self.alts!r})"

    @property
    def span(self) -> int:
        """How many terms the typed text has: a phrase weighs as much as its words would."""
        return len(self.alts[0].terms)


class Understood:
    """A query as the engine understood it; ``explain`` prints this."""

    __slots__ = ("adjacent", "clauses", "converted", "dropped", "figures", "mode", "notes", "places", "text")

    def __init__(self, text: str, mode: str, converted: str = "") -> None:
        self.text = text
        self.mode = mode  # "best" or "exact"
        self.converted = converted
        self.clauses: list[Clause] = []
        self.adjacent: list[tuple[str, str]] = []  # bigram pairs for the bonus
        self.dropped: list[str] = []
        self.notes: list[str] = []
        self.places: list[int] = []  # indexes of clauses that name a place
        self.figures: list[str] = []  # cases reporting the figure the query names

    def __repr__(self) -> str:
        return f"Understood({self.text!r}, mode={self.mode!r}, clauses={self.clauses!r})"


def is_exact(text: str) -> bool:
    """Whether the query uses syntax (operators, quotes, parentheses, fields)."""
    return _SYNTAX_RE.search(text) is not None


@lru_cache(maxsize=1)
def _tw2sp():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("tw2sp")


def convert_regional(text: str) -> str:
    """Taiwan and Hong Kong wording to the mainland's, phrase-aware (軟體 -> 软件).

    OpenCC is loaded only when the text has a Traditional character (about 95 ms the first
    time): Simplified input has nothing to convert. OpenCC's tw2sp converts Taiwan phrases and
    every Traditional character, Hong Kong variants included; its hk2s has no phrase table, so
    Hong Kong words (的士, 泊车) are in the synonyms file instead.
    """
    if not analysis.has_cjk(text) or analysis.fold_cjk(text) == text:
        return text
    return str(_tw2sp().convert(text))


@lru_cache(maxsize=4)
def _cjk_index(groups: tuple[Group, ...]) -> dict[str, list[tuple[str, Group]]]:
    """Chinese members of the synonym groups, by first character, longest first."""
    out: dict[str, list[tuple[str, Group]]] = {}
    for g in groups:
        for t in g.terms:
            if analysis.has_cjk(t) and all(analysis.has_cjk(ch) for ch in t):
                folded = analysis.fold_cjk(t)
                out.setdefault(folded[0], []).append((folded, g))
    for v in out.values():
        v.sort(key=lambda x: -len(x[0]))
    return out


@lru_cache(maxsize=4)
def _latin_index(groups: tuple[Group, ...]) -> dict[str, list[tuple[tuple[str, ...], Group]]]:
    out: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for g in groups:
        for t, a in zip(g.terms, g.analysed, strict=True):
            if not analysis.has_cjk(t):
                out.setdefault(a[0], []).append((a, g))
    for v in out.values():
        v.sort(key=lambda x: -len(x[0]))
    return out


def _others(group: Group, typed: tuple[str, ...]) -> list[Alt]:
    return [Alt(a, SYNONYM, t) for t, a in zip(group.terms, group.analysed, strict=True) if a != typed]


@lru_cache(maxsize=1)
def _zh_function_words() -> tuple[str, ...]:
    # Runs are matched after folding, and folding maps a few Simplified characters too
    # (么 -> 幺): compare like with like.
    return tuple(dict.fromkeys(analysis.fold_cjk(w) for w in ZH_FUNCTION_WORDS))


def _split_function_words(run: str) -> tuple[list[str], list[str]]:
    """Segments of a Chinese run between function words, and the words removed."""
    segments, dropped, cur, i = [], [], "", 0
    while i < len(run):
        for w in _zh_function_words():
            if run.startswith(w, i):
                if cur:
                    segments.append(cur)
                cur = ""
                dropped.append(w)
                i += len(w)
                break
        else:
            cur += run[i]
            i += 1
    if cur:
        segments.append(cur)
    return segments, dropped


def _bigram_clauses(segment: str, u: Understood) -> None:
    terms = analysis.cjk_terms(segment)
    for k, t in enumerate(terms):
        u.clauses.append(Clause(t, [Alt((t,), TYPED, t)], cjk=True, segment=segment, offset=k))
    u.adjacent.extend(itertools.pairwise(terms))


def _cjk_run(run: str, after_number: bool, groups: list[Group], u: Understood) -> None:
    unit, rest = analysis._split_unit(run, after_number)
    if unit:
        u.clauses.append(Clause(unit, [Alt((unit,), TYPED, unit)], cjk=True))
    index = _cjk_index(tuple(groups))
    # Synonym members are found first, so that a function character inside one (的 of 的士)
    # is not taken for a particle; what lies between them is split at function words.
    pieces: list[tuple[str, Group | None]] = []
    cur, i = "", 0
    while i < len(rest):
        hit = next(((t, g) for t, g in index.get(rest[i], ()) if rest.startswith(t, i)), None)
        if hit:
            if cur:
                pieces.append((cur, None))
            cur = ""
            pieces.append(hit)
            i += len(hit[0])
        else:
            cur += rest[i]
            i += 1
    if cur:
        pieces.append((cur, None))
    for text, group in pieces:
        if group is not None:
            typed = tuple(analysis.cjk_terms(text))
            u.clauses.append(Clause(text, [Alt(typed, TYPED, text, phrase=False), *_others(group, typed)], cjk=True))
            continue
        segments, dropped = _split_function_words(text)
        u.dropped.extend(dropped)
        for seg in segments:
            if len(seg) == 1 and (dropped or len(pieces) > 1):
                # A lone character left between function words (从哪里来 -> 从, 来) is almost
                # never the topic; the whole-query fallback below keeps a query like 港.
                u.dropped.append(seg)
                continue
            _bigram_clauses(seg, u)


def understand(text: str, groups: list[Group]) -> Understood:
    """Clauses of a best-match query (the caller has checked it is not exact)."""
    converted = convert_regional(text)
    u = Understood(text=text, mode="best", converted=converted if converted != text else "")
    latin: list[tuple[str, str]] = []  # (as typed, analysed) of the pending Latin words

    def flush() -> None:
        _latin_clauses(latin, groups, u)
        latin.clear()

    number_end = -1
    for is_cjk, run, start, end in analysis.runs(converted):
        if is_cjk:
            flush()
            _cjk_run(analysis.fold_cjk(run), start == number_end, groups, u)
            continue
        if run.isdigit():
            number_end = end
        term = analysis.normalize_word(run)
        if term:
            latin.append((run, term))
    flush()
    if not u.clauses and u.dropped:
        # Nothing but function words ("how", "什么"): search for them after all.
        words = u.dropped
        u.dropped = []
        for w in words:
            for t in analysis.terms(w):
                u.clauses.append(Clause(w, [Alt((t,), TYPED, w)], cjk=analysis.has_cjk(w)))
    return u


def _latin_clauses(words: list[tuple[str, str]], groups: list[Group], u: Understood) -> None:
    index = _latin_index(tuple(groups))
    terms = [t for _, t in words]
    i = 0
    prev: str | None = None  # the last content term, while no function word came after it
    content = [w for w, _ in words if w.casefold() not in EN_FUNCTION_WORDS]
    while i < len(words):
        raw, term = words[i]
        hit = next(
            ((a, g) for a, g in index.get(term, ()) if tuple(terms[i : i + len(a)]) == a),
            None,
        )
        # A synonym is matched even on a function word only when it spans several words
        # ("US" alone stays a function word; "car park" is a term).
        if hit and (len(hit[0]) > 1 or raw.casefold() not in EN_FUNCTION_WORDS):
            a, g = hit
            shown = " ".join(w for w, _ in words[i : i + len(a)])
            u.clauses.append(Clause(shown, [Alt(a, TYPED, shown, phrase=False), *_others(g, a)]))
            # Words typed together score more where they also stand together (as Lucene's
            # phrase boost does), though they need not.
            u.adjacent.extend(itertools.pairwise(a))
            if prev is not None:
                u.adjacent.append((prev, a[0]))
            prev = a[-1]
            i += len(a)
            continue
        if raw.casefold() in EN_FUNCTION_WORDS and content:
            u.dropped.append(raw)
            prev = None
        else:
            u.clauses.append(Clause(raw, [Alt((term,), TYPED, raw)]))
            if prev is not None:
                u.adjacent.append((prev, term))
            prev = term
        i += 1
