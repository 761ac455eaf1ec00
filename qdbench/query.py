"""Parsing and running searches over an index generation."""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh import scoring
from whoosh.qparser import AndGroup, QueryParser

from qdbench import analysis
from qdbench.catalog import IndexDir
from qdbench.errors import CacheDamaged, QueryError, UsageError
from qdbench.index import open_whoosh
from qdbench.query_guard import guard_query
from qdbench.schema import DEFAULT_FIELD, TEXT_FIELDS, make_schema
from qdbench.xref import CaseFilter

# The fields a user may name in a query, as field:value.
QUERY_FIELDS = ("title", "city", "country", "part", "action", "theme", "id", "slug")
FIELDS_HINT = "fields: " + ", ".join(QUERY_FIELDS)
LITERAL_HINT = "or use --literal to search for the text as written"
_FIELD_RE = re.compile(r"(?<![\w.:/])([A-Za-z_][\w]*):(?!//)")
_QUOTED_RE = re.compile(r'"[^"]*"')


class _SaturatedScorer(scoring.BaseScorer):  # type: ignore[misc]
    def __init__(self, idf: float, k1: float, maxweight: float, qf: float) -> None:
        self.idf, self.k1, self.maxweight, self.qf = idf, k1, maxweight, qf

    def _score(self, tf: float) -> float:
        return self.qf * self.idf * tf * (self.k1 + 1) / (tf + self.k1)

    def supports_block_quality(self) -> bool:
        return True

    def score(self, matcher: Any) -> float:
        return self._score(matcher.weight())

    def max_quality(self) -> float:
        return self._score(self.maxweight)

    def block_quality(self, matcher: Any) -> float:
        return self._score(matcher.block_max_weight())


class SaturatedTF(scoring.WeightingModel):  # type: ignore[misc]
    """BM25 without length normalisation (b = 0): idf x saturating term frequency.

    The term frequency is the boosted weight of the `all` field (a title occurrence counts 12),
    hence a k1 above BM25's usual 1.2.

    Cases are of similar length by contract, so BM25's length normalisation changes little in
    the ranking, while looking up each matching document's field length was a third of the
    query time (one read per posting with the index not memory-mapped).
    """

    def __init__(self, k1: float = 3.0) -> None:
        self.k1 = k1

    def scorer(self, searcher: Any, fieldname: str, text: bytes, qf: float = 1) -> scoring.BaseScorer:
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        maxweight = searcher.term_info(fieldname, text).max_weight()
        return _SaturatedScorer(searcher.idf(fieldname, text), self.k1, maxweight, qf)


@dataclass(frozen=True)
class Hit:
    """One search result: the stored display fields, the score, and what its snippet needs."""

    doc: dict[str, Any]
    score: float
    snippet_lang: str = "en"
    wanted: frozenset[str] = field(default_factory=frozenset)
    width: int = 150

    @property
    def snippet(self) -> list[analysis.Segment]:
        """The summary window richest in query terms; computed only by formats that show it."""
        summary = self.doc["summary"][0 if self.snippet_lang == "zh" else 1]
        return analysis.snippet(summary, set(self.wanted), self.width)


def _check_syntax(text: str) -> None:
    if text.count('"') % 2:
        raise QueryError(text, "unbalanced double quote", hint=f"close the phrase, {LITERAL_HINT}")
    depth = 0
    for ch in _QUOTED_RE.sub("", text):
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            break
    if depth != 0:
        raise QueryError(text, "unbalanced parentheses", hint=f"match every ( with a ), {LITERAL_HINT}")
    for name in _FIELD_RE.findall(_QUOTED_RE.sub("", text)):
        if name not in QUERY_FIELDS:
            raise QueryError(text, f"unknown field {name!r}", hint=f"{FIELDS_HINT}; {LITERAL_HINT}")


def _field_query(fieldname: str, text: str, boost: float = 1.0) -> wq.Query | None:
    toks = analysis.terms(text)
    if not toks:
        return None
    if len(toks) == 1:
        return _widen(wq.Term(fieldname, toks[0], boost=boost))
    return wq.Phrase(fieldname, toks, boost=boost)


def _widen(q: wq.Query) -> wq.Query:
    """A lone Chinese character is indexed only inside bigrams: also match bigrams it starts."""
    if (
        isinstance(q, wq.Term)
        and q.fieldname in TEXT_FIELDS
        and isinstance(q.text, str)
        and len(q.text) == 1
        and analysis.has_cjk(q.text)
    ):
        return wq.Or([q, wq.Prefix(q.fieldname, q.text, boost=q.boost)])
    return q


def _literal(text: str) -> wq.Query:
    chunks = []
    for word in text.split():
        q = _field_query(DEFAULT_FIELD, word)
        if q is not None:
            chunks.append(q)
    return wq.And(chunks) if chunks else wq.NullQuery


def parse_query(text: str, literal: bool = False) -> wq.Query:
    """Turn a user's query string into a Whoosh query, or raise QueryError."""
    text = text.strip()
    if not text:
        raise QueryError(text, "the query is empty", hint="give words to search for, e.g. qdbench search port")
    guard_query(text)
    if literal:
        q = _literal(text)
    else:
        _check_syntax(text)
        parser = QueryParser(DEFAULT_FIELD, make_schema(), group=AndGroup)
        try:
            q = parser.parse(text)
        except Exception as e:  # Whoosh raises assorted errors on odd syntax
            raise QueryError(text, f"cannot be parsed ({e})", hint=LITERAL_HINT) from None
        q = q.accept(_widen)
    if q is wq.NullQuery or (not list(q.leaves()) and not isinstance(q, wq.Term)):
        raise QueryError(text, "it has no words to search for", hint=LITERAL_HINT)
    return q


def filter_query(filters: CaseFilter) -> wq.Query | None:
    filters.validate()
    parts: list[wq.Query] = []
    if filters.part is not None:
        parts.append(wq.Term("part", str(filters.part)))
    if filters.action:
        parts.append(wq.Term("action", filters.action.strip().lower()))
    for name, value in (("country", filters.country), ("city", filters.city)):
        if value is not None and (q := _field_query(name, value)) is not None:
            parts.append(q)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def query_terms(q: wq.Query) -> set[str]:
    """The analysed terms a query looks for in text fields (for highlighting)."""
    out: set[str] = set()
    for fieldname, text in q.iter_all_terms():
        if fieldname in TEXT_FIELDS:
            out.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return out


_SEARCHERS: dict[Path, Any] = {}
_SEARCHERS_LOCK = threading.Lock()
_MAX_OPEN = 4


def _searcher(path: Path) -> Any:
    """A searcher for an index generation, kept open across searches in this process.

    A new reader re-reads the stored-fields offsets (about 1.5 ms at 10k cases); a kept one is
    refreshed when the index has changed since.
    """
    s = _SEARCHERS.get(path)
    if s is None:
        if len(_SEARCHERS) >= _MAX_OPEN:
            _SEARCHERS.pop(next(iter(_SEARCHERS))).close()
        s = open_whoosh(path).searcher(weighting=SaturatedTF())
    elif not s.up_to_date():
        s = s.refresh()
    _SEARCHERS[path] = s
    return s


def search(
    index: IndexDir,
    text: str,
    filters: CaseFilter | None = None,
    limit: int | None = 20,
    literal: bool = False,
    lang: str = "auto",
    snippet_width: int | None = None,
) -> list[Hit]:
    """Run a query; results best first."""
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    q = parse_query(text, literal=literal)
    fq = filter_query(filters or CaseFilter())
    wanted = frozenset(query_terms(q))
    if lang == "auto":
        lang = "zh" if analysis.has_cjk(text) else "en"
    width = snippet_width or (60 if lang == "zh" else 150)
    hits: list[Hit] = []
    # One boosted `all` field gives each word a single posting list whose per-block maximum
    # bounds the score, so Whoosh skips blocks that cannot reach the top results.
    with _SEARCHERS_LOCK:
        try:
            s = _searcher(index.path)
            for r in s.search(q, limit=limit, filter=fq):
                score = float(r.score)
                score = round(score, 3) if math.isfinite(score) else 0.0
                hits.append(Hit(doc=r["doc"], score=score, snippet_lang=lang, wanted=wanted, width=width))
        except Exception as e:  # struct.error, zlib.error, EOFError, "Block tag error"...: a damaged index
            _SEARCHERS.pop(index.path, None)
            raise CacheDamaged(f"the search index cannot be read ({type(e).__name__})", index=index.path) from None
    return hits
