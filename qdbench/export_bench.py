"""The handbook's benchmarking content: the Benchmarks chapter, Qingdao's context per action item,
and each case's updates, in Markdown and HTML (inline SVG charts; no scripts, nothing fetched)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from qdbench import benchmark
from qdbench.analysis import to_script
from qdbench.benchmark import Value
from qdbench.catalog import Catalog
from qdbench.cite import format_gbt7714
from qdbench.html_links import linked
from qdbench.indicators import Indicator, format_value
from qdbench.models import Case
from qdbench.places import Gazetteer, gazetteer_from
from qdbench.qingdao import Qingdao, qingdao_from
from qdbench.render_bench import SINCE, short_source

HEADINGS = {
    "benchmarks": ("对标指标", "Benchmarks"),
    "qingdao_today": ("青岛现状", "Qingdao today"),
    "definition": ("定义", "Definition"),
    "comparability": ("可比性", "Comparability"),
    "since": SINCE,
    "place": ("地点", "Place"),
    "value": ("数值", "Value"),
    "year": ("年份", "Year"),
    "case": ("案例", "Case"),
    "source": ("来源", "Source"),
}
COLUMNS = ("place", "value", "year", "case", "source")
LEVEL_NAMES = {
    "municipal": ("市级", "municipal"),
    "provincial": ("省级", "provincial"),
    "national": ("国家级", "national"),
}
BAR = "#1f4e79"
QINGDAO_BAR = "#c0392b"


@dataclass(frozen=True)
class Chapter:
    """What the Benchmarks chapter shows: each indicator with its values, best first."""

    indicators: list[tuple[Indicator, list[Value]]]
    gazetteer: Gazetteer
    qingdao: Qingdao


def load_chapter(catalog: Catalog, case_ids: set[str]) -> Chapter:
    """The indicators with values from these cases (and Qingdao's own), newest value per place."""
    rows = []
    for ind in benchmark.indicator_list(catalog):
        vals = benchmark.compare(catalog, ind, cases=case_ids)
        if any(v.case for v in vals):
            rows.append((ind, vals))
    return Chapter(indicators=rows, gazetteer=gazetteer_from(catalog.gazetteer), qingdao=qingdao_from(catalog.qingdao))


def _pick(lang: str, script: str, zh: str, en: str) -> str:
    zh = to_script(zh, script)
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return " / ".join(x for x in (zh, en) if x)


def _value(v: float, unit: str, lang: str, script: str) -> str:
    return to_script(format_value(v, unit, "both" if lang == "both" else lang), script)


def _level(level: str, lang: str, script: str) -> str:
    return _pick(lang, script, *LEVEL_NAMES[level]) if level in LEVEL_NAMES else ""


# --- Markdown -------------------------------------------------------------------------------


def chapter_markdown(ch: Chapter, lang: str, script: str) -> list[str]:
    if not ch.indicators:
        return []
    h = lambda key: _pick(lang, script, *HEADINGS[key])  # noqa: E731
    out = [f'\n<a id="benchmarks"></a>\n\n## {h("benchmarks")}\n']
    for ind, vals in ch.indicators:
        out.append(f'\n<a id="ind-{ind.id}"></a>\n\n### {_pick(lang, script, ind.name.zh, ind.name.en)} ({ind.unit})\n')
        out.append(f"*{h('definition')}:* {_pick(lang, script, ind.definition.zh, ind.definition.en)}  ")
        out.append(f"*{h('comparability')}:* {_pick(lang, script, ind.comparability.zh, ind.comparability.en)}\n")
        head = [h(k) for k in COLUMNS]
        out.append(f"| # | {head[0]} | {head[1]} | | {head[2]} | {head[3]} · {head[4]} |\n|---:|---|---:|---|---:|---|")
        top = max(v.value for v in vals)
        from qdbench.render_bench import bar

        for i, v in enumerate(vals, 1):
            name = _pick(lang, script, *_place_names(ch.gazetteer, v.place))
            name = f"**★ {name}**" if v.is_qingdao else name
            case = f"[{v.case}](#{v.case})" if v.case else "qingdao.yaml"
            cells = [
                str(i),
                name,
                _value(v.value, ind.unit, lang, script),
                bar(v.value, top, 16),
                str(v.year or ""),
                f"{case} · {short_source(v.source)}",
            ]
            out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return out


def _place_names(gz: Gazetteer, pid: str) -> tuple[str, str]:
    p = gz.places.get(pid)
    return (p.name.zh, p.name.en) if p else (pid, pid)


def context_markdown(qd: Qingdao, action_id: str, lang: str, script: str) -> list[str]:
    """Qingdao's context for one action item, as indented bullets under the item."""
    out = []
    for c in qd.context_for(action_id):
        label = _pick(lang, script, *HEADINGS["qingdao_today"])
        level = _level(c.level, lang, script)
        cite = qd.citation(c.cite)
        src = f" ({format_gbt7714(cite)})" if cite else ""
        out.append(f"  - *{label}{f' · {level}' if level else ''}:* {_pick(lang, script, c.text.zh, c.text.en)}{src}")
    return out


# --- HTML -----------------------------------------------------------------------------------

CSS = """
.bench-ind{margin-top:2rem}.bench-note{color:#555;font-size:.9rem;margin:.2rem 0}
table.bench{border-collapse:collapse;width:100%;font-size:.92rem;margin-top:.5rem}
table.bench td,table.bench th{border-top:1px solid #ddd;padding:.25rem .4rem;text-align:left}
table.bench td.num{text-align:right;white-space:nowrap}table.bench td.nw{white-space:nowrap}table.bench tr.qingdao td{font-weight:bold;background:#fbeee6}
svg.bars{display:block;max-width:100%;height:auto;margin:.6rem 0}
.qd-context{font-size:.92rem;color:#333;background:#f4f7fb;border-left:3px solid #c0392b;padding:.2rem .5rem}
.updates li{margin:.2rem 0}
@media print{.bench-ind{break-inside:avoid}}
"""


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def svg_bars(ind: Indicator, vals: list[Value], gz: Gazetteer, lang: str, script: str) -> str:
    """An inline SVG horizontal bar chart: one bar per place, Qingdao's in its own colour."""
    row, label_w, bar_w, value_w = 26, 170, 330, 190
    width = label_w + bar_w + value_w
    height = row * len(vals) + 8
    top = max(v.value for v in vals) or 1
    name = _pick(lang, script, ind.name.zh, ind.name.en)
    out = [
        f'<svg class="bars" role="img" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-size="13"><title>{_e(name)} ({_e(ind.unit)})</title>'
    ]
    for i, v in enumerate(vals):
        y = 4 + i * row
        w = max(1.0, v.value / top * bar_w) if v.value > 0 else 0
        colour = QINGDAO_BAR if v.is_qingdao else BAR
        place = _pick("en" if lang == "en" else "zh", script, *_place_names(gz, v.place))
        place = f"★ {place}" if v.is_qingdao else place
        weight = ' font-weight="bold"' if v.is_qingdao else ""
        out.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end"{weight}>{_e(place)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{colour}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + 17}"{weight}>'
            f"{_e(_value(v.value, ind.unit, 'en' if lang == 'en' else 'zh', script))} ({v.year or ''})</text>"
        )
    out.append("</svg>")
    return "".join(out)


def chapter_html(ch: Chapter, lang: str, script: str, case_ids: set[str]) -> str:
    if not ch.indicators:
        return ""
    h = lambda key: _e(_pick(lang, script, *HEADINGS[key]))  # noqa: E731
    out = [f'<section id="benchmarks"><h2>{h("benchmarks")}</h2>']
    for ind, vals in ch.indicators:
        out.append(f'<div class="bench-ind" id="ind-{_e(ind.id)}">')
        out.append(f"<h3>{_e(_pick(lang, script, ind.name.zh, ind.name.en))} ({_e(ind.unit)})</h3>")
        out.append(
            f'<p class="bench-note"><b>{h("definition")}:</b> {_e(_pick(lang, script, ind.definition.zh, ind.definition.en))}</p>'
        )
        out.append(
            f'<p class="bench-note"><b>{h("comparability")}:</b> '
            f"{_e(_pick(lang, script, ind.comparability.zh, ind.comparability.en))}</p>"
        )
        out.append(svg_bars(ind, vals, ch.gazetteer, lang, script))
        out.append('<table class="bench"><tr><th>#</th>' + "".join(f"<th>{h(k)}</th>" for k in COLUMNS) + "</tr>")
        for i, v in enumerate(vals, 1):
            place = _pick(lang, script, *_place_names(ch.gazetteer, v.place))
            if v.case and v.case in case_ids:
                case = f'<a href="#{_e(v.case)}">{_e(v.case)}</a>'
            else:
                case = _e(v.case or "qingdao.yaml")
            cls = ' class="qingdao"' if v.is_qingdao else ""
            out.append(
                f'<tr{cls}><td class="num">{i}</td><td>{"★ " if v.is_qingdao else ""}{_e(place)}</td>'
                f'<td class="num">{_e(_value(v.value, ind.unit, lang, script))}</td><td class="num">{_e(v.year or "")}</td>'
                f'<td class="nw">{case}</td><td>{_e(short_source(v.source))}</td></tr>'
            )
        out.append("</table></div>")
    out.append("</section>")
    return "\n".join(out)


def context_html(qd: Qingdao, action_id: str, lang: str, script: str) -> str:
    """Qingdao's context for one action item, as a table row under the item."""
    rows = []
    for c in qd.context_for(action_id):
        level = _level(c.level, lang, script)
        cite = qd.citation(c.cite)
        src = f' <span class="bench-note">{linked(format_gbt7714(cite))}</span>' if cite else ""
        label = _pick(lang, script, *HEADINGS["qingdao_today"]) + (f" · {level}" if level else "")
        rows.append(
            f'<tr><td></td><td colspan="2" class="qd-context"><b>{_e(label)}:</b> '
            f"{_e(_pick(lang, script, c.text.zh, c.text.en))}{src}</td></tr>"
        )
    return "".join(rows)


def updates_html(case: Case, lang: str, script: str) -> str:
    """A case's updates under "Since the handbook", with links to its numbered references."""
    if not case.updates:
        return ""
    keys = {x.key: i for i, x in enumerate(case.citations, 1)}
    items = []
    for u in case.updates:
        ref = f' <a href="#{case.id}-ref-{keys[u.cite]}">[{keys[u.cite]}]</a>' if u.cite in keys else ""
        items.append(f"<li><b>{_e(u.date)}</b> {_e(_pick(lang, script, u.text.zh, u.text.en))}{ref}</li>")
    title = _e(_pick(lang, script, *SINCE))
    return f'<h4>{title}</h4><ul class="updates">{"".join(items)}</ul>'


def units(catalog: Catalog) -> dict[str, str]:
    from qdbench.render_bench import indicator_units

    return indicator_units(catalog.indicators)
