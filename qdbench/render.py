"""Output formats. Records and their JSON keys are built here, in one place.

Plain formats (tsv, json, jsonl, ids, md, text, yaml) return strings; ``table`` formats return
rich renderables, and rich is imported only then.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from qdbench.analysis import Segment, to_script
from qdbench.models import Case, Text, citation_link

CASE_COLUMNS = (
    "id",
    "slug",
    "part",
    "title_zh",
    "title_en",
    "city_zh",
    "city_en",
    "country_zh",
    "country_en",
    "actions",
)
# `matched` was added after `score`: columns are only ever appended, so cut -f stays valid.
SEARCH_COLUMNS = (*CASE_COLUMNS, "score", "matched")
SOURCE_COLUMNS = ("id", "number", "key", "link", "title")


def pair(value: Sequence[str], script: str) -> dict[str, str]:
    return {"zh": to_script(value[0], script), "en": value[1]}


def label(value: Sequence[str], lang: str, script: str) -> str:
    """A bilingual name for display: one language or ``zh / en``."""
    zh, en = to_script(value[0], script), value[1]
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return " / ".join(x for x in (zh, en) if x)


def case_record(e: dict[str, Any], script: str = "hans") -> dict[str, Any]:
    """The stable JSON record of a case (catalog entry or stored search document)."""
    return {
        "id": e["id"],
        "slug": e["slug"],
        "part": e["part"],
        "title": pair(e["title"], script),
        "city": pair(e["city"], script),
        "country": pair(e["country"], script),
        "actions": list(e["actions"]),
    }


def case_json(record: dict[str, Any]) -> dict[str, Any]:
    """A case's stored data for ``show --format json``: each citation also carries its ``link``."""
    # Keys of the index's own (``_gbt7714``, the formatted references) are not the case's data.
    out = {k: v for k, v in record.items() if not (isinstance(k, str) and k.startswith("_"))}
    cites = record.get("citations")
    if isinstance(cites, list):
        out["citations"] = [
            {**c, "link": citation_link(str(c.get("url") or ""), str(c.get("doi") or ""))} if isinstance(c, dict) else c
            for c in cites
        ]
    return out


def source_records(case: Case) -> list[dict[str, Any]]:
    """A case's references, numbered as in `show`: one record each, for `qdbench sources`."""
    return [
        {"id": case.id, "number": i, "key": c.key, "link": c.link, "title": c.title}
        for i, c in enumerate(case.citations, 1)
    ]


def search_record(
    doc: dict[str, Any], score: float, snippet: list[Segment] | None, script: str, matched: float = 1.0
) -> dict[str, Any]:
    rec = case_record(doc, script)
    rec["score"] = score
    # The share of the query the case covers: 1.0 has every word, less is a partial match.
    rec["matched"] = matched
    if snippet is not None:
        rec["snippet"] = to_script("".join(s for s, _ in snippet), script)
    return rec


def action_record(a: dict[str, Any], script: str = "hans", cases: list[str] | None = None) -> dict[str, Any]:
    rec = {
        "id": a["id"],
        "part": a["part"],
        "title": pair(a["title"], script),
        "description": pair(a["description"], script),
    }
    if cases is not None:
        rec["cases"] = cases
    return rec


def _flat(rec: dict[str, Any], column: str) -> str:
    if column in rec:
        v = rec[column]
        return ",".join(v) if isinstance(v, list) else str(v)
    name, _, lang = column.rpartition("_")
    v = rec.get(name, {})
    return str(v.get(lang, "")) if isinstance(v, dict) else ""


def tsv(records: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """One record a line, tab-separated, no header; tabs and newlines in values become spaces."""
    lines = []
    for rec in records:
        lines.append("\t".join(" ".join(_flat(rec, c).split()) for c in columns))
    return "".join(line + "\n" for line in lines)


def json_array(records: Iterable[dict[str, Any]]) -> str:
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def json_object(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def ids(records: Iterable[dict[str, Any]]) -> str:
    return "".join(f"{r['id']}\n" for r in records)


def plain(records: list[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    """Records in one of the plain formats: tsv, json, jsonl, ids."""
    if fmt == "json":
        return json_array(records)
    if fmt == "jsonl":
        return jsonl(records)
    if fmt == "ids":
        return ids(records)
    return tsv(records, columns)


# --- rich tables ----------------------------------------------------------------------------


def _rich_snippet(segments: list[Segment], script: str) -> Any:
    from qdbench.terminal import CJKText

    t = CJKText(style="dim")
    for s, matched in segments:
        t.append(to_script(s, script), style="bold yellow" if matched else None)
    return t


def cases_table(entries: list[dict[str, Any]], lang: str, script: str, title: str | None = None) -> Any:
    from rich.table import Table

    from qdbench.terminal import cell

    table = Table(title=title, show_lines=False, header_style="bold")
    table.add_column("ID", no_wrap=True)
    table.add_column("Part", justify="right")
    table.add_column("Case")
    table.add_column("Place")
    table.add_column("Actions")
    for e in entries:
        place = f"{label(e['city'], lang, script)}, {label(e['country'], lang, script)}"
        table.add_row(
            e["id"], str(e["part"]), cell(label(e["title"], lang, script)), cell(place), ", ".join(e["actions"])
        )
    return table


def search_table(hits: list[Any], lang: str, script: str) -> Any:
    from rich.table import Table

    from qdbench.terminal import CJKText, cell

    table = Table(show_lines=True, header_style="bold")
    table.add_column("#", justify="right")
    table.add_column("ID", no_wrap=True)
    table.add_column("Case")
    table.add_column("Place")
    table.add_column("Score", justify="right")
    table.add_column("Match", justify="right")
    for i, h in enumerate(hits, 1):
        d = h.doc
        text = CJKText(label(d["title"], lang, script), style="bold")
        text.append("\n")
        text.append_text(_rich_snippet(h.snippet, script))
        place = f"{label(d['city'], lang, script)}, {label(d['country'], lang, script)}"
        match = "all" if h.matched >= 1 else f"{h.matched:.0%}"
        table.add_row(str(i), d["id"], text, cell(place), f"{h.score:.2f}", match)
    return table


def actions_table(actions: list[dict[str, Any]], counts: dict[str, int], lang: str, script: str) -> Any:
    from rich.table import Table

    from qdbench.terminal import cell

    table = Table(header_style="bold")
    table.add_column("Action", no_wrap=True)
    table.add_column("Part", justify="right")
    table.add_column("Title")
    table.add_column("Cases", justify="right")
    for a in actions:
        n = counts.get(a["id"], 0)
        table.add_row(a["id"], str(a["part"]), cell(label(a["title"], lang, script)), str(n) if n else "[red]0[/red]")
    return table


def bars(rows: list[tuple[str, int]], width: int = 30) -> str:
    """Horizontal bars for counts, as plain text."""
    if not rows:
        return ""
    top = max(n for _, n in rows) or 1
    name_w = max(len(k) for k, _ in rows)
    out = []
    for k, n in rows:
        out.append(f"{k.ljust(name_w)}  {'█' * max(1, round(n / top * width))} {n}")
    return "\n".join(out) + "\n"


# --- a case as a document -------------------------------------------------------------------


def _t(text: Text, lang: str, script: str) -> list[str]:
    zh = to_script(text.zh, script)
    if lang == "zh":
        return [zh]
    if lang == "en":
        return [text.en]
    return [x for x in (zh, text.en) if x]


SECTION_TITLES = {
    "actions": ("对应工作条目", "Action items"),
    "summary": ("概述", "Summary"),
    "practices": ("主要做法", "Practices"),
    "figures": ("关键数据", "Key figures"),
    "lessons": ("对青岛的启示", "Lessons for Qingdao"),
    "references": ("参考文献", "References"),
    "related": ("相关案例", "Related cases"),
    "similar": ("相似案例", "More like this"),
}


def section_title(key: str, lang: str, script: str) -> str:
    zh, en = SECTION_TITLES[key]
    return to_script({"zh": zh, "en": en}.get(lang, f"{zh} / {en}"), script)


def case_body_markdown(
    case: Case,
    lang: str,
    script: str,
    level: int,
    units: dict[str, str] | None = None,
    references: list[str] | None = None,
) -> list[str]:
    """Summary, practices, figures, lessons, updates and numbered GB/T 7714 references, as Markdown.

    Shared by `show` (level 2) and the handbook export (level 4). A figure that feeds an
    indicator is marked with it (``units``: each indicator's unit by id). ``references``: the
    citations already formatted (the index stores them), else they are formatted here.
    """
    from qdbench.render_bench import figure_marker, updates_markdown

    keys = {c.key: i for i, c in enumerate(case.citations, 1)}
    hashes = "#" * level
    out: list[str] = []

    def section(key: str) -> None:
        out.append(f"\n{hashes} {section_title(key, lang, script)}\n")

    section("summary")
    out.append("\n\n".join(_t(case.summary, lang, script)))
    if case.practices:
        section("practices")
        out += [f"{i}. " + "  \n   ".join(_t(p, lang, script)) for i, p in enumerate(case.practices, 1)]
    if case.figures:
        section("figures")
        for f in case.figures:
            ref = f" [{keys[f.cite]}]" if f.cite in keys else ""
            mark = figure_marker(f, units or {}, lang, script)
            out.append(f"- ({f.year}) " + " / ".join(_t(f.text, lang, script)) + ref + mark)
    if case.lessons:
        section("lessons")
        out += [
            f"{i}. " + (f"**{p.action}** " if getattr(p, "action", "") else "") + "  \n   ".join(_t(p, lang, script))
            for i, p in enumerate(case.lessons, 1)
        ]
    out += updates_markdown(case, lang, script, hashes, keys)
    if case.citations:
        section("references")
        if references is None or len(references) != len(case.citations):
            from qdbench.cite import format_gbt7714

            references = [format_gbt7714(c) for c in case.citations]
        out += [f"[{i}] {r}  " for i, r in enumerate(references, 1)]
    return out


def case_markdown(
    case: Case,
    part_title: Sequence[str] | None,
    actions: list[dict[str, Any]],
    related: list[dict[str, Any]],
    similar: list[tuple[float, dict[str, Any]]],
    lang: str = "both",
    script: str = "hans",
    units: dict[str, str] | None = None,
    references: list[str] | None = None,
) -> str:
    """The full case as Markdown: the `show` view and its `md` format."""
    out: list[str] = ["# " + " / ".join(_t(case.title, lang, script))]
    place = ", ".join(label([x.zh, x.en], lang, script) for x in (case.city, case.country))
    part = f"part {case.part}" + (f" ({label(part_title, lang, script)})" if part_title else "")
    out.append(f"\n`{case.id}` · `{case.slug}` · {part} · {place}\n")
    if actions:
        out.append(f"\n## {section_title('actions', lang, script)}\n")
        out += [f"- **{a['id']}** {label(a['title'], lang, script)}" for a in actions]
    out += case_body_markdown(case, lang, script, level=2, units=units, references=references)
    if related:
        out.append(f"\n## {section_title('related', lang, script)}\n")
        out += [f"- `{e['id']}` {label(e['title'], lang, script)}" for e in related]
    if similar:
        out.append(f"\n## {section_title('similar', lang, script)}\n")
        out += [f"- `{e['id']}` {label(e['title'], lang, script)} ({score:.2f})" for score, e in similar]
    return "\n".join(out) + "\n"


_ITEM_MARK = re.compile(r"^(\s*)(\d+\. |- |\[\d+\] )")


def markdown_to_text(md: str, width: int | None = None) -> str:
    """The Markdown view as plain text: no markup characters; wrapped at ``width`` cells if given.

    Wrapping follows the CJK rules (:mod:`qdbench.linebreak`), with list items and references
    continued under their first word.
    """
    from qdbench.linebreak import text_width

    rule = min(78, width or 78)
    lines = []
    for line in md.splitlines():
        if line.startswith("# "):
            title = line[2:]
            lines += _wrapped(title, width, "")
            lines.append("=" * min(rule, max(text_width(x) for x in lines[-1:])))
        elif line.startswith("## "):
            title = line[3:]
            lines += _wrapped(title, width, "")
            lines.append("-" * min(rule, text_width(lines[-1])))
        else:
            plain_line = line.replace("**", "").replace("`", "").rstrip()
            m = _ITEM_MARK.match(plain_line)
            indent = " " * text_width(m.group(0)) if m else " " * (len(plain_line) - len(plain_line.lstrip(" ")))
            lines += _wrapped(plain_line, width, indent)
    return "\n".join(lines) + "\n"


def _wrapped(line: str, width: int | None, indent: str) -> list[str]:
    if not width:
        return [line]
    from qdbench.linebreak import wrap

    return wrap(line, width, indent)


CASE_RULE = "─" * 78
"""What separates cases when `show` prints several as text."""
