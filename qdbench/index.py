"""Building and updating an index generation: Whoosh files, records, catalog and manifest."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage

from qdbench import catalog as cat
from qdbench import corpus as corpus_mod
from qdbench import datadir, figure_index, similar, vocabulary
from qdbench.corpus import CaseFile, Corpus
from qdbench.errors import CacheDamaged, CorpusError
from qdbench.models import Case, Finding, case_from
from qdbench.places import place_terms
from qdbench.safe_text import strip_tree
from qdbench.schema import FIELD_BOOSTS, QdbenchCodec, make_schema, open_whoosh

# Above this many cases the build uses two writer processes (this workplace has two cores).
MULTIPROCESS_FROM = 2000
# Memory for a writer's posting pool, per process (Whoosh's own estimate of it, in MB).
POOL_MB = 2048


def content_text(case: Case) -> str:
    parts = [case.summary.joined()]
    parts.extend(p.joined() for p in case.practices)
    parts.extend(f.text.joined() for f in case.figures)
    parts.extend(p.joined() for p in case.lessons)
    for c in case.citations:
        parts.append(" ".join([*c.author, c.publisher, c.title]))
    return "\n".join(parts)


def stored_doc(case: Case) -> dict[str, Any]:
    """What a search result displays, stored so that a search never re-reads YAML."""
    return {
        "id": case.id,
        "slug": case.slug,
        "part": case.part,
        "title": [case.title.zh, case.title.en],
        "city": [case.city.zh, case.city.en],
        "country": [case.country.zh, case.country.en],
        "actions": list(case.actions),
        "summary": [case.summary.zh, case.summary.en],
    }


def whoosh_doc(cf: CaseFile) -> dict[str, Any]:
    c = cf.case
    B = FIELD_BOOSTS
    title, city, country = c.title.joined(), c.city.joined(), c.country.joined()
    theme = "\n".join((*c.themes_zh, *c.themes_en))
    return {
        "path": cf.path.name,
        "id": c.id,
        "slug": c.slug,
        "part": str(c.part),
        "action": ",".join(c.actions),
        "doc": stored_doc(c),
        "title": title,
        "city": city,
        "country": country,
        "theme": theme,
        "all": [
            (title, B["title"]),
            (theme, B["theme"]),
            (city, B["city"]),
            (country, B["country"]),
            (content_text(c), B["content"]),
        ],
    }


def record_of(cf: CaseFile) -> dict[str, Any]:
    """What a case's record stores: its data, and its references formatted for `show`."""
    from qdbench.cite import format_gbt7714

    return {**cf.data, cat.REFERENCES_KEY: [format_gbt7714(c) for c in cf.case.citations]}


def _benchmark_fields(cf: CaseFile) -> dict[str, Any]:
    """What compare, updates and stats need of a case, so they never open its record.

    ``figures`` keeps only the figures that feed an indicator; ``sources`` the citations those
    figures and the updates name.
    """
    c = cf.case
    figures = [
        {
            "indicator": f.indicator,
            "value": f.value,
            "year": f.year,
            "place": f.place or (c.places[0] if c.places else ""),
            "cite": f.cite,
            "text": [f.text.zh, f.text.en],
        }
        for f in c.figures
        if f.indicator and f.value is not None
    ]
    updates = [{"date": u.date, "zh": u.text.zh, "en": u.text.en, "cite": u.cite} for u in c.updates]
    used = {f["cite"] for f in figures} | {u["cite"] for u in updates}
    cites = cf.data.get("citations") if isinstance(cf.data.get("citations"), list) else []
    sources = {x["key"]: x for x in cites if isinstance(x, dict) and x.get("key") in used}
    return {"figures": figures, "updates": updates, "sources": sources}


def catalog_entry(cf: CaseFile, signature: dict[str, float]) -> dict[str, Any]:
    c = cf.case
    return {
        "places": list(c.places),
        "id": c.id,
        "slug": c.slug,
        "part": c.part,
        "file": cf.path.name,
        "path": cf.shown,
        "title": [c.title.zh, c.title.en],
        "city": [c.city.zh, c.city.en],
        "country": [c.country.zh, c.country.en],
        "actions": list(c.actions),
        "related": list(c.related),
        "themes": [list(c.themes_zh), list(c.themes_en)],
        "signature": signature,
    }


def clean(cf: CaseFile) -> CaseFile:
    """The case as the index holds it: no control characters (``check`` reports them)."""
    data = strip_tree(cf.data)
    if data == cf.data:
        return cf
    return CaseFile(path=cf.path, shown=cf.shown, data=data, lines=cf.lines, case=case_from(data, cf.shown))


def _problems(corpus: Corpus) -> list[dict[str, str]]:
    return [{"file": Path(f.path).name, "text": str(f)} for f in corpus.problems]


def _parts_and_actions(corpus: Corpus) -> dict[str, Any]:
    return strip_tree(_parts_and_actions_raw(corpus))  # type: ignore[no-any-return]


def _parts_and_actions_raw(corpus: Corpus) -> dict[str, Any]:
    return {
        "parts": [{"part": p.part, "title": [p.title.zh, p.title.en]} for p in corpus.parts],
        "actions": [
            {
                "id": a.id,
                "part": a.part,
                "title": [a.title.zh, a.title.en],
                "description": [a.description.zh, a.description.en],
                "source": a.source,
            }
            for a in corpus.actions
        ],
    }


def _gazetteer_data(corpus: Corpus) -> dict[str, Any]:
    """places.yaml as the catalog keeps it: the mapping as read (absent: empty)."""
    return {
        "gazetteer": corpus.data_of("places.yaml") or {},
        "place_terms": place_terms(corpus.data_of("places.yaml") or {}),
        # indicators.yaml is small, and `show` needs its units for a case's figures.
        "indicators": corpus.data_of("indicators.yaml") or {},
    }


def _figure_index(indicators: Any, entries: list[dict[str, Any]], bench_cases: dict[str, Any]) -> list[dict[str, Any]]:
    """Which cases report each indicator, by year, and the terms of its names (for search).

    From the catalog's indicators mapping and bench.json's per-file figures, so that a full
    build and an incremental update compute it the same way.
    """
    from qdbench.indicators import indicators_from

    ids = {e["file"]: e["id"] for e in entries}
    figures = [
        (ids[f], x["indicator"], x.get("year")) for f, b in bench_cases.items() if f in ids for x in b["figures"]
    ]
    return figure_index.build(indicators_from(indicators), figures)


def _bench_data(corpus: Corpus, files: list[CaseFile]) -> dict[str, Any]:
    """bench.json: qingdao.yaml as read, and each case's benchmark fields."""
    return {
        "qingdao": corpus.data_of("qingdao.yaml") or {},
        "cases": {cf.path.name: _benchmark_fields(cf) for cf in files},
    }


def write_generation(path: Path, data_dir: Path, procs: int | None = None) -> int:
    """Index ``data_dir`` into the empty directory ``path``; return the number of cases."""
    corpus = Corpus(data_dir=data_dir)
    corpus_mod.load_actions(data_dir, corpus)
    corpus_mod.load_optional(data_dir, corpus)
    paths = datadir.case_files(data_dir)
    if procs is None:
        procs = 2 if len(paths) >= MULTIPROCESS_FROM and (os.cpu_count() or 1) > 1 else 1
    ix = FileStorage(str(path)).create_index(make_schema())
    # Postings stay in memory until the segment is written: spilling sorted runs to disk and
    # merging them back in Python doubled the 10k build. Whoosh's MpWriter hands its worker
    # processes `subargs`, not its own keyword arguments.
    sub: dict[str, Any] = {"limitmb": POOL_MB, "codec": QdbenchCodec()}
    kwargs: dict[str, Any] = dict(sub)
    if procs > 1:
        kwargs.update(procs=procs, multisegment=True, subargs=sub)
    # Files are parsed while the writer processes index the ones before them.
    with ix.writer(**kwargs) as w:
        for p in paths:
            try:
                cf = clean(corpus_mod.load_case_file(p, data_dir))
            except CorpusError as e:
                corpus.problems.append(Finding(e.path, e.line, e.detail))
                continue
            corpus.files.append(cf)
            w.add_document(**whoosh_doc(cf))
    files = corpus.files

    counts = [similar.term_counts(cf.case) for cf in files]
    df = similar.document_frequencies(counts)
    entries = [catalog_entry(cf, similar.signature(tc, df, len(files))) for cf, tc in zip(files, counts, strict=True)]
    records = path / "records"
    records.mkdir()
    for cf in files:
        cat.write_json(records / f"{cf.path.name}.json", record_of(cf))
    cat.write_json(path / "df.json", {"n": len(files), "df": {t: n for t, n in df.items() if n > 1}})
    try:
        groups = vocabulary.load(data_dir)
    except CorpusError as e:  # a broken synonyms file costs the synonyms, not the index
        corpus.problems.append(Finding(e.path, e.line, e.detail))
        groups = []
    cat.write_json(path / vocabulary.INDEX_FILE, vocabulary.to_json(groups))
    bench = _bench_data(corpus, files)
    cat.write_json(path / cat.BENCH_FILE, bench)
    gazetteer = _gazetteer_data(corpus)
    cat.write_json(
        path / "catalog.json",
        {
            **_parts_and_actions(corpus),
            **gazetteer,
            "figure_index": _figure_index(gazetteer["indicators"], entries, bench["cases"]),
            "cases": entries,
            "problems": _problems(corpus),
        },
    )
    # The manifest goes last: an index directory without one is incomplete.
    cat.write_json(
        path / "manifest.json",
        {
            "format": cat.INDEX_VERSION,
            "data_dir": str(data_dir),
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "stat": datadir.stat_fingerprint(data_dir),
            "files": datadir.content_hashes(data_dir),
            "index_files": cat.file_table(path),
        },
        ascii_only=True,
    )
    return len(files)


def build_index(data_dir: Path, root: Path, procs: int | None = None) -> Path:
    """Build a new generation beside the live one and return it (the caller swaps it in)."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix="tmp-"))
    try:
        write_generation(tmp, data_dir, procs=procs)
        final = root / f"gen-{time.time_ns()}-{os.getpid()}"
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final


def _clone(src: Path, dest: Path) -> None:
    """Copy a generation into the empty ``dest`` as hard links (copies where links fail).

    Whoosh never rewrites a segment file and every JSON file is replaced by a rename, so
    changing the clone never changes a file of ``src``.
    """
    for sub in ("", "records"):
        (dest / sub).mkdir(exist_ok=True)
        with os.scandir(src / sub) as it:
            for e in it:
                if not e.is_file(follow_symlinks=False) or e.name in cat.UNLISTED:
                    continue
                try:
                    os.link(e.path, dest / sub / e.name)
                except OSError:
                    shutil.copy2(e.path, dest / sub / e.name)


def update_index(
    gen: Path, data_dir: Path, manifest: dict[str, Any], hashes: dict[str, str], stat_fp: str, root: Path
) -> tuple[Path, int] | None:
    """Re-index only the case files that changed, into a new generation beside ``gen``.

    Returns the new generation (the caller swaps it in) and the number of files changed, or
    None when a full rebuild is needed. The live generation is never modified: a search or
    ``show`` reading it meanwhile sees it whole.
    """
    old: dict[str, str] = manifest.get("files") or {}
    # Only case files are re-indexed one by one; any other corpus file (actions, synonyms...)
    # feeds every document or the catalog, so its change means a full rebuild.
    top = {n for n in (*old, *hashes) if "/" not in n}
    if any(old.get(n) != hashes.get(n) for n in top):
        return None
    changed = sorted(n for n, h in hashes.items() if old.get(n) != h)
    removed = sorted(n for n in old if n not in hashes)
    names = {Path(n).name for n in changed + removed}

    catalog = cat.read_json(gen / "catalog.json")
    bench = cat.read_json(gen / cat.BENCH_FILE)
    dfinfo = cat.read_json(gen / "df.json")
    try:
        kept = [e for e in catalog["cases"] if e["file"] not in names]
        bench_cases = {f: b for f, b in bench["cases"].items() if f not in names}
        problems = [p for p in catalog["problems"] if p["file"] not in names]
        df, n_docs = dfinfo["df"], max(int(dfinfo["n"]), 1)
    except (KeyError, TypeError, ValueError):
        raise CacheDamaged("catalog.json, bench.json or df.json is garbled") from None
    loaded: list[CaseFile] = []
    for n in changed:
        try:
            loaded.append(clean(corpus_mod.load_case_file(data_dir / n, data_dir)))
        except CorpusError as e:
            problems.append({"file": Path(n).name, "text": str(e)})

    tmp = Path(tempfile.mkdtemp(dir=root, prefix="tmp-"))
    try:
        _clone(gen, tmp)
        ix = open_whoosh(tmp)
        with ix.writer(codec=QdbenchCodec()) as w:
            for name in sorted(names):
                w.delete_by_term("path", name)
            for cf in loaded:
                w.add_document(**whoosh_doc(cf))
        records = tmp / "records"
        for name in names:
            (records / f"{name}.json").unlink(missing_ok=True)
        for cf in loaded:
            cat.write_json(records / f"{cf.path.name}.json", record_of(cf))
        # Document frequencies stay those of the last full build: close enough for 'more like this'.
        entries = kept + [
            catalog_entry(cf, similar.signature(similar.term_counts(cf.case), df, n_docs)) for cf in loaded
        ]
        entries.sort(key=lambda e: e["file"])
        bench_cases.update({cf.path.name: _benchmark_fields(cf) for cf in loaded})
        cat.write_json(tmp / cat.BENCH_FILE, {**bench, "cases": dict(sorted(bench_cases.items()))})
        fig_ix = _figure_index(catalog.get("indicators"), entries, bench_cases)
        cat.write_json(
            tmp / "catalog.json", {**catalog, "figure_index": fig_ix, "cases": entries, "problems": problems}
        )
        cat.write_json(
            tmp / "manifest.json",
            {**manifest, "stat": stat_fp, "files": hashes, "index_files": cat.file_table(tmp)},
            ascii_only=True,
        )
        final = root / f"gen-{time.time_ns()}-{os.getpid()}"
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final, len(names)
