"""The synonym and alias file (``data/synonyms.yaml``): loading, validating, compiling.

Each group lists terms that mean the same thing. At index time the groups are compiled to
analysed term sequences and stored in the index generation as ``synonyms.json``, so a search
reads JSON and never imports YAML. Matching is on analysed terms (stemmed, case- and
accent-folded, Traditional folded to Simplified), so "Car Parks" finds the group of "car park".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from qdbench import analysis
from qdbench.models import Finding

FILE_NAME = "synonyms.yaml"
INDEX_FILE = "synonyms.json"  # the compiled groups, in each index generation
MAX_TERMS = 16  # a group larger than this is a topic, not an equivalence


class Group(NamedTuple):
    """One set of equivalent terms, each as written and as analysed."""

    terms: tuple[str, ...]
    analysed: tuple[tuple[str, ...], ...]


def compile_groups(raw: Any) -> list[Group]:
    """Groups from the parsed file; invalid entries are skipped (``check`` reports them)."""
    groups: list[Group] = []
    items = raw.get("groups") if isinstance(raw, dict) else None
    for item in items or []:
        terms = item.get("terms") if isinstance(item, dict) else None
        if not isinstance(terms, list):
            continue
        written = tuple(t for t in terms if isinstance(t, str) and t.strip())
        analysed = tuple(tuple(analysis.terms(t)) for t in written)
        keep = [(w, a) for w, a in zip(written, analysed, strict=True) if a]
        if len(keep) >= 2:
            groups.append(Group(tuple(w for w, _ in keep), tuple(a for _, a in keep)))
    return groups


def to_json(groups: list[Group]) -> list[dict[str, Any]]:
    return [{"terms": list(g.terms), "analysed": [list(a) for a in g.analysed]} for g in groups]


def from_json(data: Any) -> list[Group]:
    out = []
    for g in data if isinstance(data, list) else []:
        try:
            out.append(Group(tuple(g["terms"]), tuple(tuple(a) for a in g["analysed"])))
        except (KeyError, TypeError):
            continue
    return out


def load(data_dir: Path) -> list[Group]:
    """The compiled groups of a data folder (none when it has no synonyms file)."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return []
    from qdbench.corpus import parse_yaml, read_text

    raw, _ = parse_yaml(read_text(path, FILE_NAME), FILE_NAME)
    return compile_groups(raw)


def check_file(data_dir: Path) -> list[Finding]:
    """Problems in the synonyms file, as file:line findings."""
    path = data_dir / FILE_NAME
    if not path.is_file():
        return []
    from qdbench.corpus import parse_yaml, read_text
    from qdbench.errors import CorpusError

    try:
        raw, lines = parse_yaml(read_text(path, FILE_NAME), FILE_NAME)
    except CorpusError as e:
        return [Finding(e.path, e.line, e.detail)]
    found: list[Finding] = []

    def at(*p: Any) -> int | None:
        return lines.get(p)

    if not isinstance(raw, dict) or not isinstance(raw.get("groups"), list):
        return [Finding(FILE_NAME, 1, "the file needs a 'groups:' list")]
    owner: dict[tuple[str, ...], int] = {}
    for i, item in enumerate(raw["groups"]):
        if not isinstance(item, dict) or not isinstance(item.get("terms"), list):
            found.append(Finding(FILE_NAME, at("groups", i), "a group needs a 'terms:' list"))
            continue
        unknown = set(item) - {"terms", "note"}
        if unknown:
            found.append(Finding(FILE_NAME, at("groups", i), f"unknown key(s): {', '.join(sorted(unknown))}"))
        if "note" in item and not (isinstance(item["note"], str) and item["note"].strip()):
            found.append(Finding(FILE_NAME, at("groups", i, "note"), "a note must be text"))
        terms = item["terms"]
        if len(terms) < 2:
            found.append(Finding(FILE_NAME, at("groups", i, "terms"), "a group needs at least two terms"))
        if len(terms) > MAX_TERMS:
            found.append(Finding(FILE_NAME, at("groups", i, "terms"), f"more than {MAX_TERMS} terms"))
        seen: set[tuple[str, ...]] = set()
        for j, t in enumerate(terms):
            line = at("groups", i, "terms", j) or at("groups", i, "terms")
            if not isinstance(t, str) or not t.strip():
                found.append(Finding(FILE_NAME, line, "a term must be non-empty text"))
                continue
            if analysis.has_cjk(t) and analysis.fold_cjk(t) != t:
                found.append(Finding(FILE_NAME, line, f"{t!r}: write Chinese terms in Simplified script"))
            a = tuple(analysis.terms(t))
            if not a:
                found.append(Finding(FILE_NAME, line, f"{t!r} has no searchable words"))
                continue
            if a in seen:
                found.append(Finding(FILE_NAME, line, f"{t!r} repeats a term of the same group"))
            seen.add(a)
            if a in owner and owner[a] != i:
                found.append(Finding(FILE_NAME, line, f"{t!r} is also in group {owner[a] + 1}: merge the groups"))
            owner.setdefault(a, i)
    return found
