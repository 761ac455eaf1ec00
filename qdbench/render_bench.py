"""Output of the benchmarking views: compare rows, updates, corpus stats and Qingdao's context.

Records and their JSON keys are built here, in one place, as ``render`` does for cases; rich is
imported only for tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from qdbench.analysis import to_script
from qdbench.models import Citation, Figure, citation_from
from qdbench.render import label, pair
from qdbench.units import format_value

if TYPE_CHECKING:  # `show` uses this module for a case's figures and updates: keep it light
    from qdbench.benchmark import Coverage, Value
    from qdbench.indicators import Indicator
    from qdbench.places import Gazetteer
    from qdbench.qingdao import QingdaoContext

COMPARE_COLUMNS = ("rank", "place", "value", "unit", "year", "case", "cite", "qingdao")
# Columns are only ever appended, so that scripts reading by position keep working.
INDICATOR_COLUMNS = ("id", "unit", "places", "values", "name_zh", "name_en", "cases", "applies_to")
UPDATE_COLUMNS = ("date", "case", "slug", "text_zh", "text_en", "cite")
QINGDAO_MARK = "★"


def _number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def short_source(source: dict[str, Any]) -> str:
    """A source in a few words for a table cell: its author or publisher and year."""
    if not source:
        return ""
    c = citation_from(source)
    who = c.author[0] if c.author else c.publisher
    return f"{who} ({c.year})" if c.year else who


def full_source(source: dict[str, Any]) -> str:
    """A source as a GB/T 7714 reference (what json rows carry)."""
    if not source:
        return ""
    from qdbench.cite import format_gbt7714

    return format_gbt7714(citation_from(source))


def value_text(v: float, unit: str, lang: str) -> str:
    return format_value(v, unit, lang)


def compare_record(rank: int, v: Value, ind: Indicator, gz: Gazetteer, script: str) -> dict[str, Any]:
    place = gz.places.get(v.place)
    return {
        "rank": rank,
        "indicator": ind.id,
        "place": v.place,
        "place_name": pair([place.name.zh, place.name.en] if place else [v.place, v.place], script),
        "country": place.country if place else "",
        "value": _number(v.value),
        "unit": ind.unit,
        "display": {
            "zh": to_script(format_value(v.value, ind.unit, "zh"), script),
            "en": format_value(v.value, ind.unit, "en"),
        },
        "year": v.year,
        "case": v.case or None,
        "qingdao": v.is_qingdao,
        "cite": v.cite,
        "source": full_source(v.source),
        "source_short": short_source(v.source),
        "url": v.source.get("url", "") if v.source else "",
        "text": pair(list(v.text), script),
    }


def coverage_record(c: Coverage, script: str) -> dict[str, Any]:
    return {
        "id": c.indicator.id,
        "name": pair([c.indicator.name.zh, c.indicator.name.en], script),
        "unit": c.indicator.unit,
        "places": c.places,
        "values": c.values,
        "years": list(c.years) if c.years else None,
        "higher_is_better": c.indicator.higher_is_better,
        "cases": c.filled,
        "applies_to": len(c.applies_to),
        "missing": list(c.missing),
    }


def update_record(row: dict[str, Any], script: str) -> dict[str, Any]:
    e, u = row["entry"], row["update"]
    source = e["sources"].get(u.get("cite"), {})
    return {
        "date": u["date"],
        "case": e["id"],
        "slug": e["slug"],
        "title": pair(e["title"], script),
        "text": pair([u.get("zh", ""), u.get("en", "")], script),
        "cite": u.get("cite", ""),
        "source": full_source(source),
        "url": source.get("url", ""),
    }


def context_record(c: QingdaoContext, cite: Citation | None, script: str) -> dict[str, Any]:
    from qdbench.cite import format_gbt7714

    return {
        "action": c.action,
        "level": c.level or None,
        "text": pair([c.text.zh, c.text.en], script),
        "cite": c.cite,
        "source": format_gbt7714(cite) if cite else "",
    }


def flat(rec: dict[str, Any], column: str) -> str:
    """A record's column for TSV/CSV: numbers as written, booleans as the column name or empty."""
    if column in rec:
        v = rec[column]
        if isinstance(v, bool):
            return column if v else ""
        if v is None:
            return ""
        return ",".join(map(str, v)) if isinstance(v, list) else str(v)
    name, _, lang = column.rpartition("_")
    v = rec.get(name, {})
    return str(v.get(lang, "")) if isinstance(v, dict) else ""


def tsv(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    return "".join("\t".join(" ".join(flat(r, c).split()) for c in columns) + "\n" for r in records)


def csv_text(records: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[flat(r, c) for c in columns] for r in records])
    return buf.getvalue()


def plain(records: list[dict[str, Any]], fmt: str, columns: Sequence[str]) -> str:
    from qdbench import render

    if fmt == "csv":
        return csv_text(records, columns)
    if fmt == "tsv":
        return tsv(records, columns)
    if fmt == "ids":
        seen = dict.fromkeys(r["case"] for r in records if r.get("case"))
        return "".join(f"{k}\n" for k in seen)
    return render.plain(records, fmt, columns)


def bar(value: float, top: float, width: int = 24) -> str:
    """A horizontal bar of eighth-blocks, ``value`` against ``top``."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(value / top * width * 8)
    full, rest = divmod(max(eighths, 1), 8)
    return "█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else "")


# --- rich tables ----------------------------------------------------------------------------


def compare_table(records: list[dict[str, Any]], ind: Indicator, lang: str, script: str, series: bool) -> Any:
    from rich.table import Table

    title = f"{ind.id}: {label([ind.name.zh, ind.name.en], lang, script)} ({ind.unit})"
    has_qd = any(r["qingdao"] for r in records)
    caption = f"{QINGDAO_MARK} Qingdao's own figure (data/qingdao.yaml)" if has_qd else None
    t = Table(title=title, header_style="bold", caption=caption)
    t.add_column("#", justify="right")
    t.add_column("Place", min_width=8)
    t.add_column("Value", justify="right", min_width=10)
    t.add_column("", no_wrap=True, max_width=24)
    t.add_column("Year", justify="right", no_wrap=True)
    t.add_column("Case", no_wrap=True)
    t.add_column("Source", min_width=10)
    top = max((r["value"] for r in records), default=0)
    for r in records:
        qd = r["qingdao"]
        place = label([r["place_name"]["zh"], r["place_name"]["en"]], lang, script)
        shown = r["display"]["zh"] if lang == "zh" else r["display"]["en"] if lang == "en" else None
        shown = shown or f"{r['display']['zh']} / {r['display']['en']}"
        t.add_row(
            str(r["rank"]),
            f"{QINGDAO_MARK} {place}" if qd else place,
            shown,
            bar(r["value"], top),
            str(r["year"] or ""),
            r["case"] or "qingdao.yaml",
            r["source_short"],
            style="bold" if qd else None,
            end_section=False,
        )
    return t


def coverage_table(records: list[dict[str, Any]], lang: str, script: str) -> Any:
    from rich.table import Table

    t = Table(header_style="bold", title="Indicators")
    for col in ("Indicator", "Name", "Unit", "Places", "Values", "Years", "Cases"):
        t.add_column(col, justify="right" if col in ("Places", "Values", "Cases") else "left")
    for r in records:
        years = "–".join(str(y) for y in dict.fromkeys(r["years"])) if r["years"] else ""
        t.add_row(
            r["id"],
            label([r["name"]["zh"], r["name"]["en"]], lang, script),
            r["unit"],
            str(r["places"]),
            str(r["values"]),
            years,
            f"{r['cases']}/{r['applies_to']}" if r["applies_to"] else "",
        )
    return t


def updates_table(records: list[dict[str, Any]], lang: str, script: str) -> Any:
    from rich.table import Table

    t = Table(header_style="bold", show_lines=True, title="Since the handbook")
    t.add_column("Date", no_wrap=True, min_width=10)
    t.add_column("Case", no_wrap=True)
    t.add_column("Development", ratio=3)
    t.add_column("Source", ratio=2)
    for r in records:
        text = label([r["text"]["zh"], r["text"]["en"]], lang, script)
        t.add_row(r["date"], r["case"], text, r["source"])
    return t


def context_panel(action: dict[str, Any], contexts: list[dict[str, Any]], lang: str, script: str) -> Any:
    """Qingdao's context for one action item, as a panel above the cases that serve it."""
    from rich.panel import Panel
    from rich.text import Text as RText

    title = RText(f"{action['id']} {label(action['title'], lang, script)}")
    if not contexts:
        return Panel(
            RText("Qingdao: no context recorded for this item (data/qingdao.yaml)"), title=title, title_align="left"
        )
    body = RText()
    for i, c in enumerate(contexts):
        level = f" ({c['level']})" if c.get("level") else ""
        if i:
            body.append("\n")
        body.append(f"Qingdao{level}: ", style="bold")
        body.append(label([c["text"]["zh"], c["text"]["en"]], lang, script))
        if c["source"]:
            body.append(f"\n  {c['source']}", style="dim")
    return Panel(body, title=title, title_align="left")


# --- a case's updates and indicator figures, as Markdown (show and the handbook export) --------


def figure_marker(f: Figure, units: dict[str, str], lang: str, script: str) -> str:
    """What a figure feeds: `→ port-container-throughput = 870万标箱 / 8.7 million TEU`.

    ``units``: each indicator's unit by id (from the catalog, without building Indicator models).
    """
    if not f.indicator or f.value is None:
        return ""
    unit = units.get(f.indicator)
    shown = to_script(format_value(f.value, unit, lang), script) if unit is not None else f"{_number(f.value)}"
    where = f" @ {f.place}" if f.place else ""
    return f" → `{f.indicator}`{where} = {shown}"


# --- corpus stats -----------------------------------------------------------------------------


def stats_rows(s: dict[str, Any]) -> list[tuple[str, str, int]]:
    """``stats`` as (group, name, count) rows: totals, then by part, country, indicator (places)."""
    rows: list[tuple[str, str, int]] = [
        ("total", k, s[k]) for k in ("cases", "actions", "cities", "places", "countries", "regions")
    ]
    rows.append(("total", "updated_recently", s["updated_recently"]["cases"]))
    rows += [("part", str(p["part"]), p["cases"]) for p in s["by_part"]]
    rows += [("country", c["name"][1] or c["code"], c["cases"]) for c in s["by_country"]]
    rows += [("indicator", i["id"], i["places"]) for i in s["indicators"]]
    return rows


def stats_headline(s: dict[str, Any]) -> str:
    u = s["updated_recently"]
    lines = [
        f"{s['cases']} cases, {s['actions']} action items",
        f"{s['cities']} cities ({s['places']} places) in {s['countries']} countries and {s['regions']} region(s)",
        f"{u['cases']} case(s) ({u['share']:.0%}) with an update in the last {u['years']} years",
    ]
    if s["cases_without_places"]:
        lines.append(f"{s['cases_without_places']} case(s) without places (run qdbench check)")
    return "\n".join(lines) + "\n"


SINCE = ("2018年以来", "Since the handbook")


def updates_markdown(case: Any, lang: str, script: str, hashes: str, refs: dict[str, int]) -> list[str]:
    """A case's updates under "Since the handbook", oldest first as stored, with reference numbers."""
    if not case.updates:
        return []
    zh, en = SINCE
    title = to_script({"zh": zh, "en": en}.get(lang, f"{zh} / {en}"), script)
    out = [f"\n{hashes} {title}\n"]
    for u in case.updates:
        text = [to_script(u.text.zh, script), u.text.en]
        shown = text[0] if lang == "zh" else text[1] if lang == "en" else " / ".join(x for x in text if x)
        ref = f" [{refs[u.cite]}]" if u.cite in refs else ""
        out.append(f"- **{u.date}** {shown}{ref}")
    return out


def indicator_units(indicators: dict[str, Any]) -> dict[str, str]:
    """Each indicator's unit by id, from the indicators.yaml mapping (or its catalog copy)."""
    items = indicators.get("indicators") if isinstance(indicators, dict) else None
    return {str(d["id"]): str(d.get("unit") or "") for d in items or [] if isinstance(d, dict) and d.get("id")}
