"""The Whoosh schema: fields, the bilingual analyzer and the fast-indexing text field.

Whoosh pickles the schema (analyzer and field classes included) into the index, so the classes
here must keep their import paths; bump ``catalog.INDEX_VERSION`` whenever the schema or the
analysis changes, and every index built before is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import fields, formats
from whoosh.analysis import Composable, Token
from whoosh.codec.whoosh3 import W3Codec

from qdbench import analysis

# Field boosts: a hit in the title says more than one in the body.
# The weight of an occurrence in each section of the `all` field that default searches use.
# Weights add up before the score saturates (query.SaturatedTF, k1 = 3), so a title word must
# weigh a lot to outrank many body mentions; tuned on tests/test_shipped.py's expectations.
FIELD_BOOSTS = {"title": 12.0, "theme": 4.0, "city": 3.0, "country": 2.0, "content": 1.0}
# Fields a user can name in a query (title:, city:, ...), plus `all` for everything.
NAMED_FIELDS = ("title", "theme", "city", "country")
TEXT_FIELDS = (*NAMED_FIELDS, "all")
DEFAULT_FIELD = "all"


class BilingualAnalyzer(Composable):  # type: ignore[misc]
    """Whoosh analyzer over :func:`qdbench.analysis.iter_tokens`."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, BilingualAnalyzer)

    def __hash__(self) -> int:
        return hash(BilingualAnalyzer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, (term, start, end) in enumerate(analysis.iter_tokens(value), start_pos):
            t.text = term
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start:end]
            if positions:
                t.pos = pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class BilingualText(fields.TEXT):  # type: ignore[misc]
    """A TEXT field whose indexing skips Whoosh's token pipeline.

    ``index`` yields exactly what ``TEXT.index`` would with :class:`BilingualAnalyzer`, from
    :func:`qdbench.analysis.term_positions`, which is several times faster.
    """

    def __init__(self, field_boost: float = 1.0) -> None:
        super().__init__(analyzer=BilingualAnalyzer(), phrase=True, field_boost=field_boost, stored=False)
        # A CJK word is one token to the query parser but several bigrams: they must be adjacent.
        self.multitoken_query = "phrase"

    def index(self, value: str | list[tuple[str, float]], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """Index a text, or a list of (text, boost) sections whose occurrences weigh their boost."""
        if isinstance(value, str):
            fb = self.format.field_boost
            for term, poslist in analysis.term_positions(value).items():
                yield term.encode("utf-8"), len(poslist), len(poslist) * fb, _encode_positions(poslist)
            return
        for term, (poslist, weight) in analysis.weighted_terms(value).items():
            yield term.encode("utf-8"), len(poslist), weight, _encode_positions(poslist)


_single_position: dict[int, bytes] = {}


def _encode_positions(poslist: list[int]) -> bytes:
    """``Positions.encode``, memoised for the commonest case: a term seen once in a field."""
    if len(poslist) == 1:
        pos = poslist[0]
        enc = _single_position.get(pos)
        if enc is None:
            enc = _single_position[pos] = _POSITIONS.encode(poslist)
        return enc
    return _POSITIONS.encode(poslist)  # type: ignore[no-any-return]


_POSITIONS = formats.Positions()


class QdbenchCodec(W3Codec):  # type: ignore[misc]
    """Whoosh's default codec without per-block document-length statistics.

    Writing those statistics looks up a document's field length once per posting, a fifth of
    the build time. They only tighten BM25's bounds for skipping blocks; qdbench's scoring
    (``query.SaturatedTF``) uses no lengths, and even under BM25F the results and scores are
    identical without them (checked in tests/test_index.py).
    """

    length_stats = False


def make_schema() -> fields.Schema:
    """The index schema."""
    return fields.Schema(
        path=fields.ID(stored=True, unique=True),
        id=fields.ID(stored=True),
        slug=fields.ID(stored=True),
        part=fields.ID(stored=True),
        action=fields.KEYWORD(lowercase=True, commas=True, scorable=False),
        doc=fields.STORED(),
        **{name: BilingualText(field_boost=1.0) for name in TEXT_FIELDS},
    )


def open_whoosh(path: Path) -> Any:
    """Open the Whoosh index of a generation without memory-mapping it.

    With mmap, Whoosh copies each compound segment into memory: a 10k-case index then costs
    hundreds of MB of RSS; without it, a query process stays small. Here rather than in
    :mod:`qdbench.index`, so that a search does not import the corpus loader with it.
    """
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(path), supports_mmap=False).open_index()
