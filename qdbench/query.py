"""Parsing and running searches over an index generation."""

from __future__ import annotations

import itertools
import math
import re
import threading
from pathlib import Path
from typing import Any, NamedTuple

from whoosh import query as wq
from whoosh import scoring
from whoosh.qparser import AndGroup, QueryParser

from qdbench import analysis, correct, figure_index, understand
from qdbench.catalog import IndexDir
from qdbench.errors import CacheDamaged, QdbenchError, QueryError, UsageError
from qdbench.query_guard import guard_query
from qdbench.schema import DEFAULT_FIELD, TEXT_FIELDS, make_schema, open_whoosh
from qdbench.understand import Understood
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


class Hit(NamedTuple):
    """One search result: the stored display fields, the score, and what its snippet needs.

    ``matched`` is the share of the query the case covers (1.0 when it has every word; less
    for a best-match result that has only some), weighted by how rare each word is.
    """

    doc: dict[str, Any]
    score: float
    snippet_lang: str = "en"
    wanted: frozenset[str] = frozenset()
    width: int = 150
    matched: float = 1.0

    @property
    def snippet(self) -> list[analysis.Segment]:
        """The summary window richest in query terms; computed only by formats that show it."""
        summary = self.doc["summary"][0 if self.snippet_lang == "zh" else 1]
        return analysis.snippet(summary, set(self.wanted), self.width)


class SearchResult:
    """Hits best first, with what a caller needs to tell the user about them.

    A plain class, not a dataclass (see :class:`qdbench.understand.Clause`).
    """

    __slots__ = ("corrected", "hits", "suggestion", "total", "understood")

    def __init__(
        self,
        hits: list[Hit],
        understood: Understood,
        total: int | None = None,
        suggestion: str | None = None,
        corrected: list[tuple[str, str]] | None = None,
    ) -> None:
        self.hits = hits
        self.understood = understood
        self.total = total  # every match, when asked for and the hits were cut
        self.suggestion = suggestion  # a query that would work ("did you mean")
        self.corrected: list[tuple[str, str]] = corrected if corrected is not None else []  # (typed, corrected)


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
    return run_search(index, text, filters, limit, literal, lang, snippet_width).hits


def run_search(
    index: IndexDir,
    text: str,
    filters: CaseFilter | None = None,
    limit: int | None = 20,
    literal: bool = False,
    lang: str = "auto",
    snippet_width: int | None = None,
    count: bool = False,
) -> SearchResult:
    """Run a query: exact when it uses syntax (or ``literal``), best-match otherwise.

    ``limit=None`` returns every match; ``count`` also counts the matches when the hits were
    cut at ``limit`` (it costs a pass over every match).
    """
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    if not text.strip():
        raise QueryError(text, "the query is empty", hint="give words to search for, e.g. qdbench search port")
    fq = filter_query(filters or CaseFilter())
    if lang == "auto":
        lang = "zh" if analysis.has_cjk(text) else "en"
    width = snippet_width or (60 if lang == "zh" else 150)
    guard_query(text)
    with _SEARCHERS_LOCK:
        try:
            s = _searcher(index.path)
            if literal or understand.is_exact(text):
                return _exact(s, text, literal, fq, limit, lang, width, count)
            cat = _catalog_of(index)
            places, figures = (cat.place_terms, cat.figure_index) if cat is not None else (frozenset(), [])
            return _best(s, index.path, text, fq, limit, lang, width, count, places, figures)
        except QdbenchError:
            raise
        except Exception as e:  # struct.error, zlib.error, EOFError, "Block tag error"...: a damaged index
            _SEARCHERS.pop(index.path, None)
            raise CacheDamaged(f"the search index cannot be read ({type(e).__name__})", index=index.path) from None


def _score(raw: Any) -> float:
    # Boosts are bounded (query_guard), but a score must be finite whatever happens: strict
    # JSON parsers reject Infinity.
    score = float(raw)
    return round(score, 3) if math.isfinite(score) else 0.0


def _exact(
    s: Any, text: str, literal: bool, fq: Any, limit: int | None, lang: str, width: int, count: bool
) -> SearchResult:
    q = parse_query(text, literal=literal)
    wanted = frozenset(query_terms(q))
    # One boosted `all` field gives each word a single posting list whose per-block maximum
    # bounds the score, so Whoosh skips blocks that cannot reach the top results.
    results = s.search(q, limit=limit, filter=fq)
    hits = [Hit(r["doc"], _score(r.score), lang, wanted, width) for r in results]
    total = len(results) if count and limit is not None and len(hits) >= limit else None
    return SearchResult(hits, understand.Understood(text=text, mode="literal" if literal else "exact"), total)


# A best-match result must cover at least this share of the query (weighted by rarity), so
# that a case sharing one common word with a long question is not listed...
MIN_SHARE = 0.3
# ...or at least this share of the words typed, however common: a case with one of the two
# things a query asks for ("tower parking public toilet") answers half of it, even when the
# other half holds the rarest words.
MIN_WORDS = 0.5
# Partial matches are ranked from this many candidates per result asked for (best by score).
POOL_FACTOR = 5


def _groups(path: Path) -> list[Any]:
    from qdbench import vocabulary
    from qdbench.catalog import read_json

    groups = _GROUPS.get(path)
    if groups is None:
        try:
            groups = vocabulary.from_json(read_json(path / vocabulary.INDEX_FILE))
        except (OSError, ValueError):
            groups = []
        _GROUPS[path] = groups
    return groups


_GROUPS: dict[Path, list[Any]] = {}


# A clause naming a place of the gazetteer (a city, region or country the cases are about, in
# either language) weighs this many times its rarity. A question that names a place asks about
# that place: a case elsewhere that matches the rest of the words well is the weaker answer, and
# a place name is common across the corpus, so its rarity alone gives it little weight.
PLACE_WEIGHT = 2.0


def _catalog_of(index: IndexDir) -> Any:
    """The index's catalog, or None when it cannot be read (search then goes without its extras)."""
    try:
        return index.catalog()
    except QdbenchError:
        return None


_YEAR = re.compile(r"(19|20)[0-9]{2}")


def _asked_cases(clauses: list[understand.Clause], figures: list[dict[str, Any]]) -> set[str]:
    """The cases that report the figure a query asks for (an indicator named, for a year named)."""
    if not figures:
        return set()
    terms = {t for c in clauses for a in c.alts for t in a.terms}
    years = {c.shown for c in clauses if _YEAR.fullmatch(c.shown)}
    return figure_index.asked(figures, terms, years)


def _place_clauses(clauses: list[understand.Clause], names: frozenset[tuple[str, ...]]) -> set[int]:
    """Which clauses name a place: one clause (新加坡, any alternative), or a run of them (new york)."""
    out: set[int] = set()
    for i, c in enumerate(clauses):
        if any(a.terms in names for a in c.alts):
            out.add(i)
            continue
        run: tuple[str, ...] = ()
        for j in range(i, min(i + 4, len(clauses))):
            run += clauses[j].alts[0].terms
            if j > i and run in names:
                out.update(range(i, j + 1))
    return out


def _cap_overlaps(clauses: list[understand.Clause], weights: list[float]) -> None:
    """A Chinese bigram between two others of its run weighs no more than the lighter of them.

    In 游客人数 the bigram 客人 adds no character that 游客 and 人数 lack: it only says that the
    two words stood together, which a case need not repeat (the words of a query are a bag). Yet
    a bigram across two words is rare in the cases, so by its rarity it would outweigh the words
    themselves and decide which cases cover "most of the query".
    """
    at = {(c.segment, c.offset): i for i, c in enumerate(clauses) if c.cjk and c.segment is not None}
    capped = list(weights)
    for i, c in enumerate(clauses):
        left = at.get((c.segment, c.offset - 1)) if c.segment is not None else None
        right = at.get((c.segment, c.offset + 1)) if c.segment is not None else None
        if left is not None and right is not None:
            capped[i] = min(weights[i], weights[left], weights[right])
    weights[:] = capped


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _alt_query(alt: understand.Alt) -> wq.Query:
    if len(alt.terms) == 1:
        return _widen(wq.Term(DEFAULT_FIELD, alt.terms[0], boost=alt.weight))
    if not alt.phrase:
        return wq.And([wq.Term(DEFAULT_FIELD, t, boost=alt.weight / len(alt.terms)) for t in alt.terms])
    # A phrase scores the sum of its words: divide, so that an alternative of four bigrams
    # (自由贸易区) does not outweigh one of three words (free trade zone) for the same clause.
    return wq.Phrase(DEFAULT_FIELD, list(alt.terms), boost=alt.weight / len(alt.terms))


def _alt_df(alt: understand.Alt, lex: correct.Lexicon) -> int:
    terms = alt.terms
    if len(terms) == 1 and len(terms[0]) == 1 and analysis.has_cjk(terms[0]):
        # A lone character also matches the bigrams it starts (see _widen): estimate from them.
        grams = itertools.islice(lex.with_prefix(terms[0]), 50)
        return max([lex.df(terms[0]), *(lex.df(g) for g in grams)])
    if len(terms) == 1:
        return lex.df(terms[0])
    if min(lex.df(t) for t in terms) == 0:
        return 0
    return lex.phrase_df(terms, phrase=alt.phrase)


def _resolve(u: understand.Understood, lex: correct.Lexicon, result: SearchResult) -> None:
    """Corrections for words no case has; Chinese bigrams that match nothing are dropped."""
    repaired: dict[str, str | None] = {}
    kept: list[understand.Clause] = []
    for c in u.clauses:
        # Every case is written in both languages, so a synonym in the other language adds
        # nothing when the query's own language matches, and would only tilt the ranking
        # toward cases that repeat a word more often in one language.
        script = analysis.has_cjk(c.alts[0].terms[0])
        same = [a for a in c.alts if analysis.has_cjk(a.terms[0]) == script]
        if any(_alt_df(a, lex) for a in same):
            c.alts = same
        if any(_alt_df(a, lex) for a in c.alts):
            kept.append(c)
            continue
        if c.cjk and c.segment is not None:
            if c.segment not in repaired:
                repaired[c.segment] = correct.chinese(c.segment, lex)
                if repaired[c.segment]:
                    result.corrected.append((c.segment, repaired[c.segment] or ""))
            new = repaired[c.segment]
            if new:
                gram = new[c.offset : c.offset + 2]
                c.alts.append(understand.Alt((gram,), understand.CORRECTION, gram))
                kept.append(c)
            else:
                u.dropped.append(c.shown)  # a bigram across two words, found in no case
            continue
        if not c.cjk and len(c.alts[0].terms) == 1:
            fixes = correct.latin(c.alts[0].terms[0], lex)
            if fixes:
                c.alts.extend(understand.Alt((t,), understand.CORRECTION, t) for t in fixes)
                fixed = _surface(fixes[0], lex)
                result.corrected.append((c.shown, fixed.lower() if c.shown.islower() else fixed))
        kept.append(c)
    u.clauses = kept
    live = {a for c in u.clauses for a in c.alts[0].terms}
    u.adjacent = [(a, b) for a, b in u.adjacent if a in live and b in live]


def _surface(term: str, lex: correct.Lexicon) -> str:
    """A word as written for an index term (stems are not words): from the stored titles."""
    for fields in lex.searcher.all_stored_fields():
        doc = fields.get("doc") or {}
        for text in (*doc.get("title", ()), *doc.get("city", ()), *doc.get("country", ())):
            for is_cjk, w, _, _ in analysis.runs(text):
                if not is_cjk and analysis.normalize_word(w) == term:
                    return w
    return term


def _coverage(s: Any, clauses: list[understand.Clause], weights: list[float], docnums: list[int]) -> dict[int, float]:
    """The exact share of the query each document covers.

    A clause of several words typed together (rural revitalization, 跨境电商) that a document
    does not match as a whole still covers the part of it whose words the document has: its
    weight is that of its words (see ``Clause.span``), and a case about rural Korea answers
    more of "rural revitalization korea" than one that only names Korea.
    """
    total = sum(weights) or 1.0
    got = dict.fromkeys(docnums, 0.0)
    order = sorted(docnums)
    for c, w in zip(clauses, weights, strict=True):
        whole = _docs_matching(s, _clause_query(c), order)
        for d in whole:
            got[d] += w
        typed = c.alts[0].terms
        if len(typed) > 1 and len(whole) < len(order):
            rest = [d for d in order if d not in whole]
            for t in typed:
                for d in _docs_matching(s, wq.Term(DEFAULT_FIELD, t), rest):
                    got[d] += w / len(typed)
    return {d: v / total for d, v in got.items()}


def _docs_matching(s: Any, q: wq.Query, order: list[int]) -> set[int]:
    """Which of the (sorted) documents ``q`` matches."""
    m = q.matcher(s)
    found: set[int] = set()
    for d in order:
        if not m.is_active():
            break
        if m.id() < d:
            m.skip_to(d)
        if m.is_active() and m.id() == d:
            found.add(d)
    return found


def _clause_query(c: understand.Clause) -> wq.Query:
    qs = [_alt_query(a) for a in c.alts]
    # An OR, not Whoosh's DisjunctionMax: in whoosh-reloaded 2.7.5 its matcher gives every
    # document the same score. Alternatives are mostly the other language of the same words,
    # and a case that has both is the better match.
    return qs[0] if len(qs) == 1 else wq.Or(qs)


def _suggestion(text: str, corrected: list[tuple[str, str]]) -> str | None:
    out = text
    for typed, fixed in corrected:
        if typed in out:
            out = out.replace(typed, fixed, 1)
        else:  # typed after conversion or folding: rebuild from the converted text
            out = understand.convert_regional(out).replace(typed, fixed, 1)
    return out if out != text else None


def _best(
    s: Any,
    path: Path,
    text: str,
    fq: Any,
    limit: int | None,
    lang: str,
    width: int,
    count: bool,
    places: frozenset[tuple[str, ...]] = frozenset(),
    figures: list[dict[str, Any]] | None = None,
) -> SearchResult:
    u = understand.understand(text, _groups(path))
    if not u.clauses:
        raise QueryError(text, "it has no words to search for", hint=LITERAL_HINT)
    result = SearchResult([], u)
    lex = correct.Lexicon(s)
    _resolve(u, lex, result)
    result.suggestion = _suggestion(text, result.corrected)
    if not u.clauses:
        return result
    # A clause weighs by the rarity of the words as typed (of the best alternative when no
    # case has them), times the number of words, as if they had been separate clauses.
    weights = [c.span * _idf(_alt_df(c.alts[0], lex) or max(_alt_df(a, lex) for a in c.alts), lex.n) for c in u.clauses]
    u.places = sorted(_place_clauses(u.clauses, places))
    for i in u.places:
        weights[i] *= PLACE_WEIGHT
    _cap_overlaps(u.clauses, weights)
    # A query that names an indicator (and a year) is answered first, within each tier, by the
    # cases that report that figure: they hold the number asked for.
    asked = _asked_cases(u.clauses, figures or [])
    u.figures = sorted(asked)
    wanted = frozenset(t for c in u.clauses for a in c.alts for t in a.terms)
    clause_qs = [_clause_query(c) for c in u.clauses]
    bonus = [wq.Phrase(DEFAULT_FIELD, [a, b], boost=0.5) for a, b in u.adjacent]

    def hit(r: Any, share: float) -> Hit:
        return Hit(r["doc"], _score(r.score), lang, wanted, width, round(share, 3))

    # Cases with every clause first: an AND over the clauses (each an OR of its
    # alternatives), with the adjacency bonus as optional clauses.
    full: list[Hit] = []
    full_ids: set[int] = set()
    if all(any(_alt_df(a, lex) for a in c.alts) for c in u.clauses):
        q: wq.Query = clause_qs[0] if len(clause_qs) == 1 else wq.And(clause_qs)
        if bonus:
            q = wq.AndMaybe(q, wq.Or(bonus))
        # A few more than asked, so that a tie at the cut is broken by the title, not by file order.
        results = s.search(q, limit=None if limit is None else limit + 5 + len(asked), filter=fq)
        ranked = sorted(
            ((hit(r, 1.0), r.docnum) for r in results),
            key=lambda x: (x[0].doc.get("id") not in asked, -x[0].score, -_in_title(x[0], wanted)),
        )
        ranked = ranked if limit is None else ranked[:limit]
        full = [h for h, _ in ranked]
        full_ids = {d for _, d in ranked}
        if limit is not None and len(full) >= limit:
            result.hits = full
            if count:
                result.total = len(results) + (
                    _count_partial(s, clause_qs, u, weights, fq, set(results.docs())) if len(u.clauses) > 1 else 0
                )
            return result
    if len(u.clauses) == 1:
        result.hits = full
        return result
    # Then the cases with most of the query: candidates by score among any clause's matches,
    # ranked by score times the share they cover.
    anyq = wq.Or(clause_qs + bonus)
    pool = None if limit is None else (limit - len(full)) * POOL_FACTOR + 10
    cands = [r for r in s.search(anyq, limit=pool, filter=fq, mask=full_ids or None) if r.docnum not in full_ids]
    shares = _admitted(s, u.clauses, weights, [r.docnum for r in cands])
    partial = [(shares[r.docnum], float(r.score), r) for r in cands if r.docnum in shares]
    # Score times share, as Lucene's classic coordination factor did: a case that covers a bit
    # less of the query but is far more about it is not buried under one that mentions more of
    # its words in passing.
    partial.sort(key=lambda x: (x[2]["doc"].get("id") not in asked, -(x[0] * x[1]), -x[0], -_in_title(x[2], wanted)))
    room = None if limit is None else limit - len(full)
    result.hits = full + [hit(r, sh) for sh, _, r in partial[:room]]
    if count and room is not None and len(partial) > room:
        result.total = len(full) + _count_partial(s, clause_qs, u, weights, fq, full_ids)
    return result


def _in_title(h: Any, wanted: frozenset[str]) -> int:
    """How many query terms the title has: breaks ties between equal scores.

    The score saturates: two cases that both use a word throughout score the same, and then
    the one whose title names it is the better answer.
    """
    doc = h["doc"] if not isinstance(h, Hit) else h.doc
    return len(wanted & set(analysis.terms(" ".join(doc.get("title") or ()))))


def _count_partial(
    s: Any, clause_qs: list[wq.Query], u: understand.Understood, weights: list[float], fq: Any, exclude: set[int]
) -> int:
    docs = [d for d in s.docs_for_query(wq.Or(clause_qs), for_deletion=False) if d not in exclude]
    if fq is not None:
        allowed = set(s.docs_for_query(fq))
        docs = [d for d in docs if d in allowed]
    return len(_admitted(s, u.clauses, weights, docs))


def _admitted(s: Any, clauses: list[understand.Clause], weights: list[float], docnums: list[int]) -> dict[int, float]:
    """The share covered (by rarity) of each document that covers enough of the query to be listed."""
    shares = _coverage(s, clauses, weights, docnums)
    low = [d for d, v in shares.items() if v < MIN_SHARE]
    words = _coverage(s, clauses, [float(c.span) for c in clauses], low) if low else {}
    return {d: v for d, v in shares.items() if v >= MIN_SHARE or words.get(d, 0.0) >= MIN_WORDS}
