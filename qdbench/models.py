"""The corpus as immutable records, built from the YAML mappings of the data contract.

The records are ``typing.NamedTuple`` classes rather than frozen dataclasses: every command that
shows a case builds them, and nine frozen dataclasses cost about 8 ms of code generation at each
start (``show`` has 1.6x the bare Typer start-up to spend in all), NamedTuples a tenth of that.
Change a record with ``._replace(...)``; list its fields with ``._fields``.

No ``from __future__ import annotations`` here: with it, ``typing.NamedTuple`` compiles every
field's annotation string into a ForwardRef at class creation (64 compiles, about 2 ms of each
start); the annotations below only name builtins and classes defined above them.
"""

from typing import Any, NamedTuple

CITATION_TYPES = (
    "report",
    "book",
    "chapter",
    "entry",
    "article",
    "web",
    "news",
    "law",
    "dataset",
    "thesis",
    "standard",
    "preprint",
)


class Text(NamedTuple):
    """A bilingual text: Chinese (Simplified) and English."""

    zh: str = ""
    en: str = ""

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def joined(self) -> str:
        return f"{self.zh}\n{self.en}"


class Citation(NamedTuple):
    key: str
    type: str
    title: str
    year: int | None
    author: tuple[str, ...] = ()
    editor: tuple[str, ...] = ()
    publisher: str = ""
    url: str = ""
    doi: str = ""
    isbn: str = ""
    language: str = ""
    container: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    number: str = ""
    place: str = ""
    date: str = ""
    edition: str = ""
    accessed: str = ""
    note: str = ""

    @property
    def link(self) -> str:
        """Where to read it: the URL, else the DOI's resolver address, else nothing."""
        return citation_link(self.url, self.doi)


def citation_link(url: str, doi: str) -> str:
    """The URL if there is one, else ``https://doi.org/<doi>``, else ``""``."""
    if url:
        return url
    doi = doi.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if doi.lower().startswith(prefix):
            doi = doi[len(prefix) :]
    return f"https://doi.org/{doi}" if doi else ""


class Figure(NamedTuple):
    text: Text
    year: int | None
    cite: str
    # Contract v2: a comparable number (in the indicator's base unit) and the place it is for
    # when that is not the case's first place.
    indicator: str = ""
    value: float | None = None
    place: str = ""


class Lesson(NamedTuple):
    """A lesson for Qingdao: a bilingual text and the action item it serves."""

    zh: str = ""
    en: str = ""
    action: str = ""

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def joined(self) -> str:
        return f"{self.zh}\n{self.en}"


class Update(NamedTuple):
    """A dated development since the handbook (YYYY-MM-DD or YYYY-MM), with its source."""

    date: str
    text: Text
    cite: str


class Case(NamedTuple):
    id: str
    slug: str
    part: int
    title: Text
    city: Text
    country: Text
    path: str = ""
    actions: tuple[str, ...] = ()
    themes_zh: tuple[str, ...] = ()
    themes_en: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    summary: Text = Text()
    practices: tuple[Text, ...] = ()
    figures: tuple[Figure, ...] = ()
    lessons: tuple[Lesson, ...] = ()
    citations: tuple[Citation, ...] = ()
    places: tuple[str, ...] = ()
    updates: tuple[Update, ...] = ()
    reviewed: str = ""

    @property
    def number(self) -> int:
        return int(self.id.split("-")[1])


class Action(NamedTuple):
    id: str
    part: int
    title: Text
    description: Text
    source: str = ""


class Part(NamedTuple):
    part: int
    title: Text


class Finding(NamedTuple):
    """One problem in the corpus: where it is and what is wrong."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


# --- building models from YAML mappings (lenient: `checks` reports what is wrong) ----------


def _str(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def text_from(value: Any) -> Text:
    if isinstance(value, dict):
        return Text(zh=_str(value.get("zh")), en=_str(value.get("en")))
    return Text()


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, list):
        return tuple(_str(v) for v in value if _str(v))
    return ()


# The optional text fields of a citation: every field but the ones built explicitly below.
_CITATION_TEXT_FIELDS = tuple(
    f for f in Citation._fields if f not in ("key", "type", "title", "year", "author", "editor")
)


def citation_from(d: dict[str, Any]) -> Citation:
    return Citation(
        key=_str(d.get("key")),
        type=_str(d.get("type")),
        title=_str(d.get("title")),
        year=_int(d.get("year")),
        author=_strings(d.get("author")),
        editor=_strings(d.get("editor")),
        **{k: _str(d.get(k)) for k in _CITATION_TEXT_FIELDS},
    )


def case_from(d: dict[str, Any], path: str) -> Case:
    """A Case from a case file's mapping; missing or malformed parts are left empty."""
    themes = d.get("themes")
    themes = themes if isinstance(themes, dict) else {}
    figures = d.get("figures") if isinstance(d.get("figures"), list) else []
    citations = d.get("citations") if isinstance(d.get("citations"), list) else []
    return Case(
        id=_str(d.get("id")),
        slug=_str(d.get("slug")),
        part=_int(d.get("part")) or 0,
        title=text_from(d.get("title")),
        city=text_from(d.get("city")),
        country=text_from(d.get("country")),
        path=path,
        actions=_strings(d.get("actions")),
        themes_zh=_strings(themes.get("zh")),
        themes_en=_strings(themes.get("en")),
        related=_strings(d.get("related")),
        summary=text_from(d.get("summary")),
        practices=tuple(text_from(x) for x in d.get("practices") or [] if isinstance(x, dict)),
        figures=tuple(figure_from(x) for x in figures if isinstance(x, dict)),
        lessons=tuple(lesson_from(x) for x in _list(d.get("lessons")) if isinstance(x, dict)),
        citations=tuple(citation_from(x) for x in citations if isinstance(x, dict)),
        places=_strings(d.get("places")),
        updates=tuple(update_from(x) for x in _list(d.get("updates")) if isinstance(x, dict)),
        reviewed=_str(d.get("reviewed")),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def finite_number(value: Any) -> float | None:
    """A finite number, else None (``checks`` reports the rest)."""
    import math

    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def figure_from(x: dict[str, Any]) -> Figure:
    return Figure(
        text=text_from(x),
        year=_int(x.get("year")),
        cite=_str(x.get("cite")),
        indicator=_str(x.get("indicator")),
        value=finite_number(x.get("value")),
        place=_str(x.get("place")),
    )


def lesson_from(x: dict[str, Any]) -> Lesson:
    return Lesson(zh=_str(x.get("zh")), en=_str(x.get("en")), action=_str(x.get("action")))


def update_from(x: dict[str, Any]) -> Update:
    # YAML reads an unquoted 2024-05-01 as a date: keep its ISO text.
    return Update(date=_str(x.get("date")), text=text_from(x), cite=_str(x.get("cite")))


def action_from(d: dict[str, Any]) -> Action:
    return Action(
        id=_str(d.get("id")),
        part=_int(d.get("part")) or 0,
        title=text_from(d.get("title")),
        description=text_from(d.get("description")),
        source=_str(d.get("source")),
    )
