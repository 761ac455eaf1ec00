"""Citation formats. GB/T 7714-2015 here (`gbt15`); the 2025 edition is in test_gbt7714.py.

The GB/T 7714-2015 expectations are entries printed in the standard itself. They were read in a
transcription of the standard's clauses 4 to 10 quoted in a journal's author guide, vendored as
`test.txt` in zepinglee/gbt7714-bibtex-style (commit 3ef5ef006eeb84dd1157a91fa46eccac7114bef5).
That transcription sets Chinese entries in full-width punctuation ("北京：中华书局，2000"); the
project writes every entry with ASCII ". ", ": ", ", " as the standard's Western examples do, so
the expected strings below are the printed entries with that punctuation and line-break spaces
inside URLs removed, and "DOI:" written without a space as ZL's 2015 output has it. Nothing
else is changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware

from qdbench import cite
from qdbench.errors import UsageError
from qdbench.models import Case, Citation, Text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cite"


def cit(**kw: Any) -> Citation:
    kw.setdefault("key", "k")
    kw.setdefault("year", None)
    return Citation(**kw)


def gbt15(c: Citation, accessed: str | None = None, lang: str = "zh") -> str:
    return cite.format_gbt7714(c, accessed=accessed, lang=lang, edition="2015")


def case(id_: str, *citations: Citation) -> Case:
    return Case(id=id_, slug=id_, part=1, title=Text(), city=Text(), country=Text(), citations=citations)


# --- GB/T 7714-2015: one test per type, against entries printed in the standard ----------------


def test_gbt_book_m() -> None:
    # 4.1 (monographs), example [5].
    book = cit(
        type="book", author=("徐光宪", "王祥云"), title="物质结构", place="北京", publisher="科学出版社", year=2010
    )
    assert gbt15(book) == "徐光宪, 王祥云. 物质结构[M]. 北京: 科学出版社, 2010."
    # 9 (the reference list), example [1]; an ISBN keeps a book [M] even with a URL known.
    baker = cit(
        type="book",
        author=("Baker, S. K.", "Jackson, M. E."),
        title="The future of resource sharing",
        place="New York",
        publisher="The Haworth Press",
        year=1995,
        isbn="978-1-56024-737-7",
        language="en",
    )
    assert gbt15(baker) == (
        "BAKER S K, JACKSON M E. The future of resource sharing[M]. New York: The Haworth Press, 1995."
    )
    # 4.1 example [14]: a name suffix and an edition (8.3: "4th ed.").
    peebles = cit(
        type="book",
        author=("Peebles, Peyton Z., Jr.",),
        title="Probability, random variable, and random signal principles",
        edition="4",
        place="New York",
        publisher="McGraw Hill",
        year=2001,
        language="en",
    )
    assert gbt15(peebles) == (
        "PEEBLES P Z, Jr. Probability, random variable, and random signal principles[M]. 4th ed. "
        "New York: McGraw Hill, 2001."
    )


def test_gbt_missing_place_and_publisher_follow_8_4() -> None:
    # 8.4 prints these imprint fragments: "[出版地不详]: 三户图书刊行社, 1990",
    # "[S.l.]: MacMillan, 1975", "哈尔滨: [出版者不详], 2013", "Salt Lake City: [s.n.], 1964".
    zh = cit(type="book", title="书", publisher="三户图书刊行社", year=1990, language="zh")
    en = cit(type="book", title="Book", publisher="MacMillan", year=1975, language="en")
    zh2 = cit(type="book", title="书", place="哈尔滨", year=2013, language="zh")
    en2 = cit(type="book", title="Book", place="Salt Lake City", year=1964, language="en")
    assert gbt15(zh) == "书[M]. [出版地不详]: 三户图书刊行社, 1990."
    assert gbt15(en) == "Book[M]. [S.l.]: MacMillan, 1975."
    assert gbt15(zh2) == "书[M]. 哈尔滨: [出版者不详], 2013."
    assert gbt15(en2) == "Book[M]. Salt Lake City: [s.n.], 1964."
    # "无出版地的电子资源可省略此项": an online report gets no placeholder.
    online = cit(type="report", title="Plan", publisher="RPA", year=2017, url="https://rpa.org/plan", language="en")
    assert gbt15(online) == "Plan[R/OL]. RPA, 2017. https://rpa.org/plan."


def test_gbt_journal_j() -> None:
    # 4.4 (articles in serials), example [6].
    kanamori = cit(
        type="article",
        author=("Kanamori, Hiroo",),
        title="Shaking without quaking",
        container="Science",
        year=1998,
        volume="279",
        issue="5359",
        pages="2063",
        language="en",
    )
    assert gbt15(kanamori) == "KANAMORI H. Shaking without quaking[J]. Science, 1998, 279(5359): 2063."
    # 4.4 example [8]: online, so [J/OL], access date, URL, then DOI.
    frese = cit(
        type="article",
        author=("Frese, Karen S.", "Katus, Hugo A.", "Meder, Benjamin"),
        title="Next-generation sequencing: from understanding biology to personalized medicine",
        container="Biology",
        year=2013,
        volume="2",
        issue="1",
        pages="378-398",
        url="http://www.mdpi.com/2079-7737/2/1/378",
        doi="10.3390/biology2010378",
        language="en",
    )
    assert gbt15(frese, accessed="2013-03-19") == (
        "FRESE K S, KATUS H A, MEDER B. Next-generation sequencing: from understanding biology to "
        "personalized medicine[J/OL]. Biology, 2013, 2(1): 378-398[2013-03-19]. "
        "http://www.mdpi.com/2079-7737/2/1/378. DOI:10.3390/biology2010378."
    )
    # 4.4 example [9]: more than three authors, volume without issue, the online date.
    myburg = cit(
        type="article",
        author=("Myburg, Alexander A.", "Grattapaglia, Dario", "Tuskan, Gerald A.", "Hellsten, Uffe"),
        title="The genome of Eucalyptus grandis",
        container="Nature",
        year=2014,
        volume="510",
        pages="356-362",
        date="2014-06-19",
        url="http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf",
        doi="10.1038/nature13308",
        language="en",
    )
    assert gbt15(myburg, accessed="2014-06-25") == (
        "MYBURG A A, GRATTAPAGLIA D, TUSKAN G A, et al. The genome of Eucalyptus grandis[J/OL]. "
        "Nature, 2014, 510: 356-362(2014-06-19)[2014-06-25]. "
        "http://www.nature.com/nature/journal/v510/n7505/pdf/nature13308.pdf. DOI:10.1038/nature13308."
    )
    # 8.5 example 5: the DOI is part of the URL, so 8.7 lets it be left out.
    dunbar = cit(
        type="article",
        author=("Dunbar, Kyle L.", "Mitchell, Douglas A."),
        title="Revealing nature’s synthetic potential through the study of ribosomal natural product biosynthesis",
        container="ACS chemical biology",
        year=2013,
        volume="8",
        pages="473-487",
        url="http://pubs.acs.org/doi/pdfplus/10.1021/cb3005325",
        doi="10.1021/cb3005325",
        language="en",
    )
    assert gbt15(dunbar, accessed="2013-10-06") == (
        "DUNBAR K L, MITCHELL D A. Revealing nature’s synthetic potential through the study of ribosomal "
        "natural product biosynthesis[J/OL]. ACS chemical biology, 2013, 8: 473-487[2013-10-06]. "
        "http://pubs.acs.org/doi/pdfplus/10.1021/cb3005325."
    )


def test_gbt_report_r() -> None:
    # 4.6 (electronic resources), example [1]: an online report with a date and no imprint.
    cnnic = cit(
        type="report",
        author=("中国互联网络信息中心",),
        title="第29次中国互联网络发展现状统计报告",
        year=2012,
        date="2012-01-16",
        url="http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf",
        language="zh",
    )
    assert gbt15(cnnic, accessed="2013-03-26") == (
        "中国互联网络信息中心. 第29次中国互联网络发展现状统计报告[R/OL]. (2012-01-16)[2013-03-26]. "
        "http://www.cnnic.net.cn/hlwfzyj/hlwxzbg/201201/P020120709345264469680.pdf."
    )
    # Without the caller's access date there is no bracket: the corpus records none.
    assert "[2013-03-26]" not in gbt15(cnnic)


def test_gbt_newspaper_n() -> None:
    # 4.4 example [2].
    yu = cit(
        type="news",
        author=("余建斌",),
        title="我们的科技一直在追赶: 访中国工程院院长周济",
        container="人民日报",
        year=2013,
        date="2013-01-12",
        pages="2",
        url="http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm",
        language="zh",
    )
    assert gbt15(yu, accessed="2013-03-20") == (
        "余建斌. 我们的科技一直在追赶: 访中国工程院院长周济[N/OL]. 人民日报, 2013-01-12(2)[2013-03-20]. "
        "http://paper.people.com.cn/rmrb/html/2013-01/12/nw.D110000renmrb_20130112_5-02.htm."
    )
    assert gbt15(yu._replace(url="")) == (
        "余建斌. 我们的科技一直在追赶: 访中国工程院院长周济[N]. 人民日报, 2013-01-12(2)."
    )


def test_gbt_thesis_d() -> None:
    # 4.1 example [10].
    yang = cit(
        type="thesis",
        author=("杨保军",),
        title="新闻道德论",
        place="北京",
        publisher="中国人民大学出版社",
        year=2010,
        url="http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20101104-BPO-889-1023&cult=CN",
        language="zh",
    )
    assert gbt15(yang, accessed="2012-11-01") == (
        "杨保军. 新闻道德论[D/OL]. 北京: 中国人民大学出版社, 2010[2012-11-01]. "
        "http://apabi.lib.pku.edu.cn/usp/pku/pub.mvc?pid=book.detail&metaid=m.20101104-BPO-889-1023&cult=CN."
    )


def test_gbt_web_eb_ol() -> None:
    # 4.6 examples [3], [4] and [5].
    bawden = cit(
        type="web",
        author=("Bawden, David",),
        title="Origins and concepts of digital literacy",
        year=2008,
        date="2008-05-04",
        url="http://www.soi.city.ac.uk/~dbawden/digital%20literacy%20chapter.pdf",
        language="en",
    )
    assert gbt15(bawden, accessed="2013-03-08") == (
        "BAWDEN D. Origins and concepts of digital literacy[EB/OL]. (2008-05-04)[2013-03-08]. "
        "http://www.soi.city.ac.uk/~dbawden/digital%20literacy%20chapter.pdf."
    )
    oclc = cit(
        type="web",
        author=("Online Computer Library Center, Inc.",),
        title="About OCLC: history of cooperation",
        url="http://www.oclc.org/about/cooperation.en.html",
        language="en",
    )
    assert gbt15(oclc, accessed="2012-03-27") == (
        "Online Computer Library Center, Inc. About OCLC: history of cooperation[EB/OL]. [2012-03-27]. "
        "http://www.oclc.org/about/cooperation.en.html."
    )
    hopkinson = cit(
        type="web",
        author=("Hopkinson, Alan",),
        title="UNIMARC and metadata: Dublin core",
        year=2009,
        date="2009-04-22",
        url="http://archive.ifla.org/IV/ifla64/138-161e.htm",
        language="en",
    )
    assert gbt15(hopkinson, accessed="2013-03-27") == (
        "HOPKINSON A. UNIMARC and metadata: Dublin core[EB/OL]. (2009-04-22)[2013-03-27]. "
        "http://archive.ifla.org/IV/ifla64/138-161e.htm."
    )
    # A law is an [EB/OL] too. With a publisher, 4.6's format "出版者, 出版年(更新或修改日期)" puts
    # the date after the year, never straight after the comma; the year comes from the date.
    law = cit(
        type="law", author=("国务院",), title="条例", publisher="中国政府网", date="2020-01-02", url="http://x.cn/a"
    )
    assert gbt15(law) == "国务院. 条例[EB/OL]. 中国政府网, 2020(2020-01-02). http://x.cn/a."
    # 8.4.2: of several publishers only the first is recorded.
    two = cit(type="web", title="T", publisher="EY; France Créative", year=2013, url="http://x.fr/a", language="fr")
    assert gbt15(two) == "T[EB/OL]. EY, 2013. http://x.fr/a."


def test_gbt_standard_s() -> None:
    # 4.1 example [4].
    std = cit(
        type="standard",
        author=("全国信息与文献标准化技术委员会",),
        title="信息与文献 都柏林核心元数据元素集: GB/T 25100—2010",
        place="北京",
        publisher="中国标准出版社",
        year=2010,
        pages="2-3",
        language="zh",
    )
    assert gbt15(std) == (
        "全国信息与文献标准化技术委员会. 信息与文献 都柏林核心元数据元素集: GB/T 25100—2010[S]. "
        "北京: 中国标准出版社, 2010: 2-3."
    )


def test_gbt_conference_c() -> None:
    # 4.1 example [15].
    yufin = cit(
        type="conference",
        author=("Yufin, S. A.",),
        title="Geoecology and computers: proceedings of the Third International Conference on Advances of "
        "Computer Methods in Geotechnical and Geoenvironmental Engineering, Moscow, Russia, February 1-4, 2000",
        place="Rotterdam",
        publisher="A. A. Balkema",
        year=2000,
        language="en",
    )
    assert gbt15(yufin) == (
        "YUFIN S A. Geoecology and computers: proceedings of the Third International Conference on Advances of "
        "Computer Methods in Geotechnical and Geoenvironmental Engineering, Moscow, Russia, February 1-4, "
        "2000[C]. Rotterdam: A. A. Balkema, 2000."
    )


def test_gbt_dataset_and_edition() -> None:
    data = cit(type="dataset", author=("Statistics Bureau",), title="Census", year=2020, url="https://e.jp/c")
    assert gbt15(data, lang="en") == "Statistics Bureau. Census[DS/OL]. (2020). https://e.jp/c."
    # 8.3: the first edition is not recorded; later ones as "2版" or "2nd ed.".
    zh = cit(type="book", title="书", place="北京", publisher="社", year=2008, edition="2", language="zh")
    en = cit(type="book", title="Book", place="New York", publisher="P", year=2001, edition="4", language="en")
    first = cit(type="book", title="Book", place="NY", publisher="P", year=2001, edition="1", language="en")
    assert gbt15(zh) == "书[M]. 2版. 北京: 社, 2008."
    assert gbt15(en) == "Book[M]. 4th ed. New York: P, 2001."
    assert gbt15(first) == "Book[M]. NY: P, 2001."


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # 8.1.1 examples 7, 8 and 9.
        ("Einstein, Albert", "EINSTEIN A"),
        ("Williams-Ellis, Amabel", "WILLIAMS-ELLIS A"),
        ("De Morgan, Augustus", "DE MORGAN A"),
        ("Saxenian, AnnaLee", "SAXENIAN A"),
        ("Smith, John Ronald", "SMITH J R"),
        ("Smith, J. R.", "SMITH J R"),
        ("Peebles, Peyton Z., Jr.", "PEEBLES P Z, Jr"),  # the entry adds the full stop
        ("Sen Gupta, Alex", "SEN GUPTA A"),
        ("钱学森", "钱学森"),
        ("王 某某", "王某某"),
        ("磯達雄", "磯達雄"),
        ("Regional Plan Association", "Regional Plan Association"),
        ("Department for Digital, Culture, Media and Sport", "Department for Digital, Culture, Media and Sport"),
        (
            "Monetary Authority of Singapore, Economics Department",
            "Monetary Authority of Singapore, Economics Department",
        ),
    ],
)
def test_gbt_names(raw: str, expected: str) -> None:
    assert cite.gbt_name(cite.parse_name(raw)) == expected


def test_more_than_three_authors_by_language() -> None:
    # 8.1.2 examples 3 and 4: "印森林, 吴胜和, 李俊飞, 等" and "FORDHAM E W, ALI A, TURNER D A, et al".
    zh = cit(type="article", title="T", author=("印森林", "吴胜和", "李俊飞", "冯文杰"), language="zh")
    en = cit(
        type="article",
        title="T",
        author=("Fordham, Evenst W.", "Ali, Amiad", "Turner, David A.", "Charters, John R."),
        language="en",
    )
    assert gbt15(zh).startswith("印森林, 吴胜和, 李俊飞, 等. T[J]")
    assert gbt15(en).startswith("FORDHAM E W, ALI A, TURNER D A, et al. T[J]")
    # The marker follows the reference's language, not the script of the names; `lang` fills in.
    ja = cit(type="article", title="T", author=en.author, language="ja")
    assert ", 等. T" in gbt15(ja)
    unknown = cit(type="article", title="T", author=zh.author)
    assert ", 等. T" in gbt15(unknown, lang="zh")
    assert ", et al. T" in gbt15(unknown, lang="en")
    three = cit(type="article", title="T", author=en.author[:3], language="en")
    assert gbt15(three).startswith("FORDHAM E W, ALI A, TURNER D A. T[J]")


# --- BibTeX ---------------------------------------------------------------------------------

SPECIAL = "R&D: 100% of $5, #1 snake_case {braces} ~tilde back\\slash"


def refs_for_formats() -> list[cite.Reference]:
    report = cit(
        key="rpa",
        type="report",
        author=("Saxenian, AnnaLee", "Smith, John Ronald", "McKinsey & Company", "王某某"),
        title=SPECIAL,
        year=2017,
        date="2017-11-30",
        publisher="Regional Plan Association",
        place="New York",
        url="https://example.org/a_b%20c?x=1&y=2#frag",
        language="en",
        note="50% done",
    )
    article = cit(
        key="frese",
        type="article",
        author=("Frese, Karen S.",),
        title="Next-generation sequencing",
        container="Biology",
        year=2013,
        volume="2",
        issue="1",
        pages="378-398",
        doi="10.3390/biology2010378",
        language="de",
    )
    book = cit(
        key="rpa",  # the same key in another case file: made unique
        type="book",
        author=("徐光宪",),
        title="物质结构",
        place="北京",
        publisher="科学出版社",
        year=2010,
        isbn="978-7-03-027530-0",
        language="zh",
    )
    news = cit(key="n", type="news", title="Bay", container="Bay Crossings", year=2006, url="http://b.org/1")
    web = cit(key="w", type="web", title="Page", publisher="RPA", year=2017, url="http://r.org/p", language="xx")
    return cite.collect([case("case-001", report, article), case("case-002", book, news, web)])


def test_bibtex_parses_and_round_trips() -> None:
    text = cite.render(refs_for_formats(), "bibtex", accessed="2025-05-01")
    raw = bibtexparser.parse_string(text)
    assert not raw.failed_blocks
    entries = {e.key: e for e in raw.entries}
    assert list(entries) == ["rpa", "frese", "rpa-2", "n", "w"]
    # The news item is unsigned: biblatex's @article requires an author, so it is @online.
    assert [e.entry_type for e in raw.entries] == ["report", "article", "book", "online", "online"]

    rpa = entries["rpa"].fields_dict
    assert rpa["author"].value == r"Saxenian, AnnaLee and Smith, John Ronald and {McKinsey \& Company} and {王某某}"
    assert rpa["title"].value == (
        r"R\&D: 100\% of \$5, \#1 snake\_case \{braces\} \textasciitilde{}tilde back\textbackslash{}slash"
    )
    assert "year" not in rpa  # date alone: biber's data model warns on both
    assert rpa["date"].value == "2017-11-30"
    assert rpa["type"].value == "report"  # required for @report
    assert rpa["institution"].value == "Regional Plan Association"
    assert rpa["location"].value == "New York"
    assert rpa["url"].value == "https://example.org/a_b%20c?x=1&y=2#frag"  # verbatim field
    assert rpa["urldate"].value == "2025-05-01"
    assert rpa["langid"].value == "english"
    assert rpa["note"].value == r"50\% done"

    frese = entries["frese"].fields_dict
    assert frese["journaltitle"].value == "Biology"
    assert (frese["volume"].value, frese["number"].value, frese["pages"].value) == ("2", "1", "378--398")
    assert frese["doi"].value == "10.3390/biology2010378"
    assert frese["langid"].value == "german"
    assert "urldate" not in frese  # nothing was visited at a URL

    book = entries["rpa-2"].fields_dict
    assert book["isbn"].value == "978-7-03-027530-0"
    assert book["langid"].value == "chinese"
    assert book["publisher"].value == "科学出版社"
    assert entries["n"].fields_dict["entrysubtype"].value == "newspaper"
    assert entries["n"].fields_dict["organization"].value == "Bay Crossings"
    assert entries["w"].fields_dict["organization"].value == "RPA"  # @online has no publisher
    assert entries["w"].fields_dict["langid"].value == "xx"  # unknown codes pass through

    # Decoded as LaTeX, the escaped title is the original text again.
    decoded = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert decoded.entries[0].fields_dict["title"].value == SPECIAL


def test_bibtex_escapes_the_caret() -> None:
    assert cite.bibtex_escape("x^2 ~ y") == r"x\textasciicircum{}2 \textasciitilde{} y"


# --- CSL-JSON -------------------------------------------------------------------------------


def test_csl_json_validates_against_the_official_schema_and_round_trips() -> None:
    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    items = json.loads(cite.render(refs_for_formats(), "csl-json", accessed="2025-05-01"))
    jsonschema.validate(items, schema, cls=jsonschema.Draft7Validator)
    by_id = {i["id"]: i for i in items}
    assert [i["type"] for i in items] == ["report", "article-journal", "book", "article-newspaper", "webpage"]

    rpa = by_id["rpa"]
    assert rpa["title"] == SPECIAL
    assert rpa["author"] == [
        {"family": "Saxenian", "given": "AnnaLee"},
        {"family": "Smith", "given": "John Ronald"},
        {"literal": "McKinsey & Company"},
        {"literal": "王某某"},
    ]
    assert rpa["issued"] == {"date-parts": [[2017, 11, 30]]}
    assert rpa["accessed"] == {"date-parts": [[2025, 5, 1]]}
    assert (rpa["publisher"], rpa["publisher-place"]) == ("Regional Plan Association", "New York")
    assert rpa["URL"] == "https://example.org/a_b%20c?x=1&y=2#frag"
    assert rpa["language"] == "en"

    frese = by_id["frese"]
    assert frese["issued"] == {"date-parts": [[2013]]}
    assert (frese["container-title"], frese["volume"], frese["issue"], frese["page"]) == (
        "Biology",
        "2",
        "1",
        "378-398",
    )
    assert frese["DOI"] == "10.3390/biology2010378"
    assert "accessed" not in frese
    assert by_id["rpa-2"]["ISBN"] == "978-7-03-027530-0"


def test_csl_json_types_are_in_the_schema() -> None:
    schema = json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))
    allowed = set(schema["items"]["properties"]["type"]["enum"])
    kinds = ("report", "book", "article", "web", "news", "law", "dataset", "thesis", "standard", "conference")
    items = [cite.csl_item(cit(type=t, title="T", year=2000), t) for t in kinds]
    jsonschema.validate(items, schema, cls=jsonschema.Draft7Validator)
    assert {i["type"] for i in items} <= allowed


# --- RIS ------------------------------------------------------------------------------------


def test_ris_parses_and_round_trips() -> None:
    text = cite.render(refs_for_formats(), "ris", accessed="2025-05-01")
    records = text.split("\n\n")
    assert all(r.rstrip("\n").endswith("ER  - ") for r in records)
    assert all(line[2:6] == "  - " for line in text.splitlines() if line)

    parsed = rispy.loads(text)
    assert [r["type_of_reference"] for r in parsed] == ["RPRT", "JOUR", "BOOK", "NEWS", "ELEC"]
    rpa, frese, book, _news, _web = parsed
    assert rpa["id"] == "rpa"
    assert rpa["authors"] == ["Saxenian, AnnaLee", "Smith, John Ronald", "McKinsey & Company", "王某某"]
    assert rpa["title"] == SPECIAL
    assert (rpa["year"], rpa["date"]) == ("2017", "2017/11/30")
    assert (rpa["publisher"], rpa["place_published"]) == ("Regional Plan Association", "New York")
    assert rpa["urls"] == ["https://example.org/a_b%20c?x=1&y=2#frag"]
    assert rpa["access_date"] == "2025/05/01"
    assert rpa["language"] == "en"
    assert frese["secondary_title"] == "Biology"
    assert (frese["volume"], frese["number"], frese["start_page"], frese["end_page"]) == ("2", "1", "378", "398")
    assert frese["doi"] == "10.3390/biology2010378"
    assert book["id"] == "rpa-2"
    assert book["issn"] == "978-7-03-027530-0"  # rispy names SN "issn"; it holds ISBNs too


def test_ris_types() -> None:
    kinds = {"law": "STAT", "web": "ELEC", "dataset": "DATA", "thesis": "THES", "news": "NEWS"}
    for kind, ty in kinds.items():
        assert cite.ris_record(cit(type=kind, title="T"), "k").startswith(f"TY  - {ty}\n")


# --- collecting -----------------------------------------------------------------------------


def test_collect_merges_shared_sources_and_numbers_in_order() -> None:
    a1 = cit(key="plan", type="report", title="Plan", year=2017, url="https://www.RPA.org/plan/")
    a2 = cit(key="paper", type="article", title="Paper", year=2013, doi="10.1000/ABC")
    a3 = cit(key="isbn-book", type="book", title="Book", year=2001, isbn="978-7-03-027530-0")
    b1 = cit(key="other-paper", type="article", title="Paper (preprint)", year=2012, doi="10.1000/abc")
    b2 = cit(key="rpa-plan", type="report", title="The plan", year=2017, url="http://www.rpa.org/plan")
    b3 = cit(key="new", type="web", title="New", year=2020, url="https://new.org")
    b4 = cit(key="isbn", type="book", title="Book, 2nd printing", year=2001, isbn="9787030275300")
    c1 = cit(key="same-title", type="news", title="FORTY YEARS", year=2006)
    c2 = cit(key="same-title-2", type="news", title="Forty Years", year=2006)
    c3 = cit(key="other-year", type="news", title="Forty Years", year=2007)
    refs = cite.collect([case("case-001", a1, a2, a3, c1), case("case-002", b1, b2, b3, b4, c2, c3)])
    assert [(r.citation.key, r.cases) for r in refs] == [
        ("plan", ("case-001", "case-002")),
        ("paper", ("case-001", "case-002")),
        ("isbn-book", ("case-001", "case-002")),
        ("same-title", ("case-001", "case-002")),
        ("new", ("case-002",)),
        ("other-year", ("case-002",)),
    ]
    lines = cite.render(refs, "gbt7714-2015", lang="en").splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["[1]", "[2]", "[3]", "[4]", "[5]", "[6]"]
    assert lines[0] == "[1] Plan[R/OL]. 2017. https://www.RPA.org/plan/."


def test_different_identifiers_are_different_sources() -> None:
    # Two DOIs differ, so the shared landing page does not make them one source.
    a = cit(key="a", type="article", title="A", doi="10.1/a", url="https://j.org/")
    b = cit(key="b", type="article", title="A", doi="10.1/b", url="https://j.org/")
    assert len(cite.collect([case("case-001", a), case("case-002", b)])) == 2
    # A case citing the same source twice is listed once.
    assert cite.collect([case("case-001", a, a)])[0].cases == ("case-001",)


def test_render_rejects_an_unknown_style() -> None:
    with pytest.raises(UsageError, match="unknown citation style 'apa'"):
        cite.render([], "apa")
    assert cite.STYLES == ("gbt7714", "gbt7714-2015", "bibtex", "csl-json", "ris")
    assert cite.render([], "csl-json") == "[]\n"
    assert cite.render([], "gbt7714") == ""


def test_an_unsigned_report_is_its_issuing_body_s_in_bibtex() -> None:
    # biblatex requires an author for @report: the issuing body stands in, as one unit.
    c = cit(type="report", title="Regional report", publisher="いよぎん地域経済研究センター", year=2000)
    entry = cite.bibtex_entry(c, "k")
    assert entry.startswith("@report{k,")
    assert (
        "author = {{いよぎん地域経済研究センター}}" in entry and "institution = {いよぎん地域経済研究センター}" in entry
    )
    signed = cite.bibtex_entry(cit(type="report", title="R", author=["Smith, Jane"], publisher="Body", year=2001), "k")
    assert "author = {Smith, Jane}" in signed
