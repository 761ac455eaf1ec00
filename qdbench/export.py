"""The handbook as one document (Markdown or self-contained HTML), and flat case records.

The document follows the handbook's order: a title page, a table of contents by part, then each
part with its action items (each listing the cases that serve it) and its cases in full, with
numbered GB/T 7714 references per case.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qdbench import export_bench as bench
from qdbench.analysis import to_script
from qdbench.catalog import Catalog
from qdbench.cite import format_gbt7714
from qdbench.html_links import linked as _linked
from qdbench.models import Case, Text, case_from
from qdbench.render import SECTION_TITLES, case_body_markdown

FORMATS = ("md", "html", "json", "csv")
TITLE = Text(zh="青岛“国际化+”行动计划对标案例", en="Benchmark cases for Qingdao's Internationalisation+ action plan")
CSV_COLUMNS = (
    "id", "slug", "part", "part_title_zh", "part_title_en", "title_zh", "title_en", "city_zh", "city_en",
    "country_zh", "country_en", "actions", "themes_zh", "themes_en", "related", "summary_zh", "summary_en",
    "practices", "figures", "lessons", "citations", "file",
)  # fmt: skip
# The case sections share their titles with `show`; these are the document's own.
HEADINGS = {
    **SECTION_TITLES,
    "contents": ("目录", "Contents"),
    "actions": ("工作条目", "Action items"),  # a part's items, not the ones a case serves
    "serves": ("对应条目", "Serves"),
    "no_case": ("暂无案例", "no case yet"),
}


@dataclass(frozen=True)
class Handbook:
    """What the document shows: parts with their action items and cases, in order."""

    parts: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    cases: list[Case]
    catalog: Catalog
    lang: str
    script: str
    # Contract v2: the Benchmarks chapter and Qingdao's context per action item.
    chapter: bench.Chapter | None = None

    def pick(self, zh: str, en: str) -> list[str]:
        zh = to_script(zh, self.script)
        if self.lang == "zh":
            return [zh or en]
        if self.lang == "en":
            return [en or zh]
        return [x for x in (zh, en) if x]

    def line(self, zh: str, en: str) -> str:
        return " / ".join(self.pick(zh, en))

    def text(self, t: Text) -> list[str]:
        return self.pick(t.zh, t.en)

    def heading(self, key: str) -> str:
        return self.line(*HEADINGS[key])

    def cases_of(self, part: int) -> list[Case]:
        return [c for c in self.cases if c.part == part]

    def actions_of(self, part: int) -> list[dict[str, Any]]:
        return [a for a in self.actions if a["part"] == part]

    def serving(self, action_id: str) -> list[Case]:
        return [c for c in self.cases if action_id in c.actions]


def load_handbook(catalog: Catalog, part: int | None, lang: str, script: str) -> Handbook:
    """The handbook (or one part of it) from an index catalog."""
    entries = [e for e in catalog.cases if part is None or e["part"] == part]
    cases = [case_from(catalog.record(e), e["path"]) for e in entries]
    parts = [p for p in catalog.parts if part is None or p["part"] == part]
    actions = [a for a in catalog.actions if part is None or a["part"] == part]
    chapter = bench.load_chapter(catalog, {c.id for c in cases})
    return Handbook(
        parts=parts, actions=actions, cases=cases, catalog=catalog, lang=lang, script=script, chapter=chapter
    )


# --- flat records ---------------------------------------------------------------------------


def case_row(case: Case, part_title: Sequence[str]) -> dict[str, Any]:
    """One flat, stable record per case for spreadsheets and scripts."""
    return {
        "id": case.id,
        "slug": case.slug,
        "part": case.part,
        "part_title_zh": part_title[0],
        "part_title_en": part_title[1],
        "title_zh": case.title.zh,
        "title_en": case.title.en,
        "city_zh": case.city.zh,
        "city_en": case.city.en,
        "country_zh": case.country.zh,
        "country_en": case.country.en,
        "actions": ";".join(case.actions),
        "themes_zh": ";".join(case.themes_zh),
        "themes_en": ";".join(case.themes_en),
        "related": ";".join(case.related),
        "summary_zh": case.summary.zh,
        "summary_en": case.summary.en,
        "practices": len(case.practices),
        "figures": len(case.figures),
        "lessons": len(case.lessons),
        "citations": len(case.citations),
        "file": case.path,
    }


def rows(hb: Handbook) -> list[dict[str, Any]]:
    titles = {p["part"]: p["title"] for p in hb.parts}
    out = []
    for c in hb.cases:
        row = case_row(c, titles.get(c.part, ["", ""]))
        for k in ("part_title_zh", "title_zh", "city_zh", "country_zh", "themes_zh", "summary_zh"):
            row[k] = to_script(row[k], hb.script)
        out.append(row)
    return out


def to_json(hb: Handbook) -> str:
    return json.dumps(rows(hb), ensure_ascii=False, indent=2) + "\n"


def to_csv(hb: Handbook) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows(hb))
    return buf.getvalue()


# --- Markdown -------------------------------------------------------------------------------


def _md_escape(value: Any) -> Any:
    """``value`` with raw HTML in every string escaped (``<b>`` shows as text, not markup)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if hasattr(value, "_make"):  # a record of qdbench.models (a NamedTuple)
        return value._make(_md_escape(v) for v in value)
    if isinstance(value, list | tuple):
        return type(value)(_md_escape(v) for v in value)
    if isinstance(value, dict):
        return {k: _md_escape(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value, **{f.name: _md_escape(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


def to_markdown(hb: Handbook, today: datetime.date | None = None) -> str:
    """The handbook as Markdown; case text cannot inject HTML (ids and anchors are the corpus's own)."""
    today = today or datetime.date.today()
    hb = dataclasses.replace(hb, parts=_md_escape(hb.parts), actions=_md_escape(hb.actions), cases=_md_escape(hb.cases))
    out = [f"# {hb.line(TITLE.zh, TITLE.en)}", ""]
    out.append(
        hb.line(
            f"{len(hb.cases)} 个案例，{len(hb.actions)} 个工作条目",
            f"{len(hb.cases)} case(s), {len(hb.actions)} action item(s)",
        )
    )
    out.append(f"\n{today.isoformat()} · qdbench\n")
    out.append(f"## {hb.heading('contents')}\n")
    for p in hb.parts:
        out.append(f"- [{p['part']}. {hb.line(*p['title'])}](#part-{p['part']})")
        for c in hb.cases_of(p["part"]):
            out.append(f"  - [{c.id} {hb.line(c.title.zh, c.title.en)}](#{c.id})")
    if hb.chapter is not None and hb.chapter.indicators:
        out.append(f"- [{hb.line(*bench.HEADINGS['benchmarks'])}](#benchmarks)")
    for p in hb.parts:
        out.append(f'\n<a id="part-{p["part"]}"></a>\n\n## {p["part"]}. {hb.line(*p["title"])}\n')
        for a in hb.actions_of(p["part"]):
            served = hb.serving(a["id"])
            links = ", ".join(f"[{c.id}](#{c.id})" for c in served) or hb.heading("no_case")
            out.append(f"- **{a['id']}** {hb.line(*a['title'])}: {links}")
            if hb.chapter is not None:
                out += bench.context_markdown(hb.chapter.qingdao, a["id"], hb.lang, hb.script)
        for c in hb.cases_of(p["part"]):
            out.append(_case_md(hb, c))
    if hb.chapter is not None:
        out += bench.chapter_markdown(hb.chapter, hb.lang, hb.script)
    return "\n".join(out) + "\n"


def _case_md(hb: Handbook, c: Case) -> str:
    out = [f'\n<a id="{c.id}"></a>\n\n### {c.id} {hb.line(c.title.zh, c.title.en)}\n']
    place = ", ".join(hb.line(x.zh, x.en) for x in (c.city, c.country))
    out.append(f"*{place} · {hb.heading('serves')}: {', '.join(c.actions)}*")
    out += case_body_markdown(c, hb.lang, hb.script, level=4, units=bench.units(hb.catalog))
    related = [hb.catalog.by_slug[s] for s in c.related if s in hb.catalog.by_slug]
    if related:
        out.append(
            f"\n{hb.heading('related')}: " + ", ".join(f"{e['id']} {hb.line(*_md_escape(e['title']))}" for e in related)
        )
    return "\n".join(out)


# --- HTML -----------------------------------------------------------------------------------

# Font stacks per script: the same character differs in form between mainland, Taiwan and Hong
# Kong fonts, so each script names its own region's fonts first. On Linux, printing needs a CJK
# font installed (Debian: fonts-noto-cjk), or Chinese prints as boxes.
FONTS = {
    "zh-Hans": '"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei"',
    "zh-Hant": '"Noto Sans CJK TC","Source Han Sans TC","PingFang TC","Microsoft JhengHei"',
    "zh-Hant-HK": '"Noto Sans CJK HK","Source Han Sans HK","PingFang HK","Microsoft JhengHei"',
}
CSS = (
    """
body{font-family:"""
    + FONTS["zh-Hans"]
    + """,system-ui,sans-serif;
 max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1a1a1a}
:lang(zh-Hant){font-family:"""
    + FONTS["zh-Hant"]
    + """,system-ui,sans-serif}
:lang(zh-Hant-HK){font-family:"""
    + FONTS["zh-Hant-HK"]
    + """,system-ui,sans-serif}
h1{font-size:1.9rem;margin-top:min(30vh,8rem)}h2{border-bottom:2px solid #1f4e79;padding-bottom:.2rem;margin-top:3rem}
h3{margin-top:2.5rem;color:#1f4e79}h4{margin:1.2rem 0 .3rem}.meta{color:#555;font-size:.92rem}
.refs{list-style:none;padding-left:0}.refs li{font-size:.9rem;overflow-wrap:anywhere;padding-left:2.2em;text-indent:-2.2em}
.refs .n{display:inline-block;width:2.2em;text-indent:0}.en{color:#333}.toc ul{list-style:none;padding-left:1rem}
table.actions{border-collapse:collapse;width:100%;font-size:.95rem}table.actions td{border-top:1px solid #ddd;padding:.3rem}
a{color:#1f4e79}.title-page{break-after:page}
@page{size:A4;margin:20mm 18mm 20mm 18mm;
 @bottom-center{content:counter(page);font-size:9pt;color:#555}}
@page :first{@bottom-center{content:none}}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt;line-height:1.55}
 h1{margin-top:60mm}h2{margin-top:0}section.part{break-before:page}
 h2,h3,h4{break-after:avoid}h3{margin-top:1.6rem}
 article>.meta{break-before:avoid}
 p,li{orphans:3;widows:3}
 .figures,table.actions tr,.refs li{break-inside:avoid}
 a{color:inherit;text-decoration:none}.refs a{text-decoration:underline;text-decoration-color:#999}}
"""
)


def _css_string(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _page_css(hb: Handbook) -> str:
    """A named page per part: its running header names the part (Chromium: margin boxes)."""
    rules = []
    for p in hb.parts:
        head = _css_string(f"{p['part']}. {hb.line(*p['title'])}")
        rules.append(
            f"@page part-{p['part']}{{@top-left{{content:{head};font-size:9pt;color:#555;"
            "border-bottom:.5pt solid #bbb;vertical-align:bottom;padding-bottom:2mm}}"
        )
        rules.append(f"section.part-{p['part']}{{page:part-{p['part']}}}")
    return "\n".join(rules)


def _e(s: object) -> str:
    return html.escape(str(s), quote=True)


def _paras(hb: Handbook, t: Text, refs: dict[int, str] | None = None) -> str:
    langs = ["zh", "en"] if hb.lang == "both" else [hb.lang]
    out = []
    for lang in langs:
        s = to_script(t.zh, hb.script) if lang == "zh" else t.en
        if s:
            out.append(f'<p lang="{_lang_tag(lang, hb.script)}" class="{lang}">{_linked(s, refs)}</p>')
    return "".join(out)


def _lang_tag(lang: str, script: str) -> str:
    if lang == "en":
        return "en"
    return {"hant": "zh-Hant", "hant-hk": "zh-Hant-HK"}.get(script, "zh-Hans")


def to_html(hb: Handbook, today: datetime.date | None = None) -> str:
    """One self-contained, printable HTML file: inline CSS, no scripts, nothing fetched."""
    today = today or datetime.date.today()
    main_lang = _lang_tag("en" if hb.lang == "en" else "zh", hb.script)
    out = [f'<!DOCTYPE html>\n<html lang="{main_lang}">\n<head>\n<meta charset="utf-8">']
    out.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    out.append(
        f"<title>{_e(hb.line(TITLE.zh, TITLE.en))}</title>\n<style>{CSS}{bench.CSS}{_page_css(hb)}</style>\n</head>\n<body>"
    )
    out.append(f'<section class="title-page"><h1>{_e(hb.line(TITLE.zh, TITLE.en))}</h1>')
    counts = hb.line(
        f"{len(hb.cases)} 个案例，{len(hb.actions)} 个工作条目",
        f"{len(hb.cases)} case(s), {len(hb.actions)} action item(s)",
    )
    out.append(f'<p class="meta">{_e(counts)}</p><p class="meta">{today.isoformat()} · qdbench</p></section>')
    out.append(f'<nav class="toc"><h2>{_e(hb.heading("contents"))}</h2><ul>')
    for p in hb.parts:
        out.append(f'<li><a href="#part-{p["part"]}">{p["part"]}. {_e(hb.line(*p["title"]))}</a><ul>')
        out += [
            f'<li><a href="#{c.id}">{c.id} {_e(hb.line(c.title.zh, c.title.en))}</a></li>'
            for c in hb.cases_of(p["part"])
        ]
        out.append("</ul></li>")
    if hb.chapter is not None and hb.chapter.indicators:
        out.append(f'<li><a href="#benchmarks">{_e(hb.line(*bench.HEADINGS["benchmarks"]))}</a></li>')
    out.append("</ul></nav>")
    for p in hb.parts:
        out.append(
            f'<section id="part-{p["part"]}" class="part part-{p["part"]}"><h2>{p["part"]}. {_e(hb.line(*p["title"]))}</h2>'
        )
        out.append(f'<h4>{_e(hb.heading("actions"))}</h4><table class="actions">')
        for a in hb.actions_of(p["part"]):
            served = hb.serving(a["id"])
            links = ", ".join(f'<a href="#{c.id}">{c.id}</a>' for c in served) or _e(hb.heading("no_case"))
            out.append(f"<tr><td><b>{_e(a['id'])}</b></td><td>{_e(hb.line(*a['title']))}</td><td>{links}</td></tr>")
            if hb.chapter is not None:
                out.append(bench.context_html(hb.chapter.qingdao, a["id"], hb.lang, hb.script))
        out.append("</table>")
        out += [_case_html(hb, c) for c in hb.cases_of(p["part"])]
        out.append("</section>")
    if hb.chapter is not None:
        out.append(bench.chapter_html(hb.chapter, hb.lang, hb.script, {c.id for c in hb.cases}))
    out.append("</body>\n</html>\n")
    return "\n".join(out)


def _case_html(hb: Handbook, c: Case) -> str:
    keys = {x.key: i for i, x in enumerate(c.citations, 1)}
    # Each reference is an anchor (case-034-ref-2); figures and any "[2]" in the text link to it.
    anchors = {i: f"{c.id}-ref-{i}" for i in range(1, len(c.citations) + 1)}
    h = lambda key: f"<h4>{_e(hb.heading(key))}</h4>"  # noqa: E731
    place = ", ".join(hb.line(x.zh, x.en) for x in (c.city, c.country))
    out = [f'<article id="{c.id}"><h3>{c.id} {_e(hb.line(c.title.zh, c.title.en))}</h3>']
    out.append(f'<p class="meta">{_e(place)} · {_e(hb.heading("serves"))}: {_e(", ".join(c.actions))}</p>')
    out.append(h("summary") + _paras(hb, c.summary, anchors))
    out.append(h("practices") + "<ol>" + "".join(f"<li>{_paras(hb, p, anchors)}</li>" for p in c.practices) + "</ol>")
    figs = "".join(
        f"<li>({f.year}) {_linked(' / '.join(hb.text(f.text)))}"
        + (f' <a href="#{anchors[keys[f.cite]]}">[{keys[f.cite]}]</a>' if f.cite in keys else "")
        + "</li>"
        for f in c.figures
    )
    # The figures stay on one page with their heading.
    out.append(f'<div class="figures">{h("figures")}<ul>{figs}</ul></div>')
    out.append(h("lessons") + "<ol>" + "".join(f"<li>{_paras(hb, p, anchors)}</li>" for p in c.lessons) + "</ol>")
    out.append(bench.updates_html(c, hb.lang, hb.script))
    refs = "".join(
        f'<li id="{anchors[i]}"><span class="n">[{i}]</span>{_linked(format_gbt7714(x))}</li>'
        for i, x in enumerate(c.citations, 1)
    )
    out.append(h("references") + f'<ol class="refs">{refs}</ol>')
    related = [hb.catalog.by_slug[s] for s in c.related if s in hb.catalog.by_slug]
    if related:
        here = {x.id for x in hb.cases}  # a one-part document links only to what it contains
        links = ", ".join(
            f'<a href="#{e["id"]}">{e["id"]} {_e(hb.line(*e["title"]))}</a>'
            if e["id"] in here
            else f"{e['id']} {_e(hb.line(*e['title']))}"
            for e in related
        )
        out.append(f'<p class="meta">{_e(hb.heading("related"))}: {links}</p>')
    out.append("</article>")
    return "\n".join(out)


def render(hb: Handbook, fmt: str) -> str:
    """The handbook in one of FORMATS."""
    return {"md": to_markdown, "html": to_html, "json": to_json, "csv": to_csv}[fmt](hb)
