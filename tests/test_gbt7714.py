"""GB/T 7714-2025 and 2015 reference-list entries against the example strings of each edition.

The expected strings are the ones quoted in shared/notes/gbt7714-2025.md: ZL's test outputs
(zepinglee/gbt7714-bibtex-style, tests/testfiles/2025-numeric.tlg, option-check-pinyin.tlg and
2015-numeric.tlg) with the TeX markup stripped. Each test names the clause and example number
(ZL's key, "8.3.2:4" = clause 8.3.2, example 4). Elements the corpus has no field for
(translators, CSTR identifiers, patents) are not tested.
"""

from __future__ import annotations

from typing import Any

import pytest

from qdbench import gbt7714
from qdbench.errors import UsageError
from qdbench.models import Citation
from qdbench.refparts import parse_name


def cit(**kw: Any) -> Citation:
    kw.setdefault("key", "k")
    kw.setdefault("year", None)
    return Citation(**kw)


def gbt(c: Citation, edition: str = "2025", **kw: Any) -> str:
    return gbt7714.format_entry(c, edition=edition, **kw)


# --- 2025 ----------------------------------------------------------------------------------

PEEBLES = cit(
    type="book",
    author=("Peebles, Peyton Z., Jr.",),
    title="Probability, random variables, and random signal principles",
    edition="4",
    place="New York",
    publisher="McGraw-Hill",
    year=2001,
    language="en",
)


def test_2025_8_2_2_book_with_suffix_and_edition() -> None:
    # 8.2.2:6. Full-width "，：" in an English entry too; the name suffix after "，".
    assert gbt(PEEBLES) == (
        "Peebles P Z，Jr. Probability，random variables，and random signal principles[M]. 4th ed. "
        "New York：McGraw-Hill，2001."
    )


WEINSTEIN = cit(
    type="chapter",
    author=("Weinstein, Louis", "Swartz, Morton N."),
    title="Pathogenic properties of invading microorganisms",
    editor=("Sodeman, William A., Jr.", "Sodeman, William A."),
    container="Pathologic physiology: mechanisms of disease",
    edition="5",
    place="Philadelphia",
    publisher="Saunders",
    year=1974,
    pages="457-472",
    language="en",
)


def test_2025_8_3_2_chapter_in_an_edited_book() -> None:
    # 8.3.2:4: "析出题名[M]//编者. 书名. 版本. 出版地：出版者，出版年：页码".
    assert gbt(WEINSTEIN) == (
        "Weinstein L，Swartz M N. Pathogenic properties of invading microorganisms[M]//Sodeman W A，Jr，"
        "Sodeman W A. Pathologic physiology：mechanisms of disease. 5th ed. Philadelphia：Saunders，"
        "1974：457-472."
    )


def test_2025_b_4_journal_online_has_no_access_date() -> None:
    # b.4:5: an online article takes URL and DOI but no [引用日期], even when one is known.
    chen = cit(
        type="article",
        author=("陈建军",),
        title="从数字地球到智慧地球",
        container="国土资源导刊",
        year=2010,
        volume="7",
        issue="10",
        pages="93",
        url="http://d.g.wanfangdata.com.cn/Periodical_hunandz201010038.aspx",
        doi="10.3969/j.issn.1672-5603.2010.10.038",
        language="zh",
    )
    assert gbt(chen, accessed="2013-03-20") == (
        "陈建军. 从数字地球到智慧地球[J/OL]. 国土资源导刊，2010，7（10）：93. "
        "http://d.g.wanfangdata.com.cn/Periodical_hunandz201010038.aspx. DOI:10.3969/j.issn.1672-5603.2010.10.038."
    )
    # b.4:16.
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
    assert gbt(frese, accessed="2013-03-19") == (
        "Frese K S，Katus H A，Meder B. Next-generation sequencing：from understanding biology to personalized "
        "medicine[J/OL]. Biology，2013，2（1）：378-398. http://www.mdpi.com/2079-7737/2/1/378. "
        "DOI:10.3390/biology2010378."
    )


def test_2025_8_5_3_online_first_article_and_newspapers() -> None:
    # 8.5.3:4: published online first, the date replaces year, volume and issue.
    zhang = cit(
        type="article",
        author=("张群", "程志宝", "石志飞"),
        title="惯性增强动力吸振器-浮置板轨道低频减振性能研究",
        container="铁道学报",
        year=2024,
        date="2024-05-09",
        url="https://kns.cnki.net/kcms/detail/11.2104.u.20240507.1737.002.html",
        language="zh",
    )
    assert gbt(zhang) == (
        "张群，程志宝，石志飞. 惯性增强动力吸振器-浮置板轨道低频减振性能研究[J/OL]. 铁道学报，2024-05-09. "
        "https://kns.cnki.net/kcms/detail/11.2104.u.20240507.1737.002.html."
    )
    # 8.5.3:1 and b.4:6: "报纸名，出版日期（版次）".
    ding = cit(
        type="news",
        author=("丁文详",),
        title="数字革命与竞争国际化",
        container="中国青年报",
        date="2000-11-20",
        pages="15",
        language="zh",
    )
    assert gbt(ding) == "丁文详. 数字革命与竞争国际化[N]. 中国青年报，2000-11-20（15）."
    chen = cit(
        type="news",
        author=("陈缮真",),
        title="探索微观世界的无穷奥秘（科技大观）",
        container="人民日报",
        date="2022-08-16",
        pages="17",
        url="http://paper.people.com.cn/rmrb/html/2022-08/16/nw.D110000renmrb_20220816_3-17.htm",
        language="zh",
    )
    assert gbt(chen, accessed="2022-08-20") == (
        "陈缮真. 探索微观世界的无穷奥秘（科技大观）[N/OL]. 人民日报，2022-08-16（17）. "
        "http://paper.people.com.cn/rmrb/html/2022-08/16/nw.D110000renmrb_20220816_3-17.htm."
    )


def test_2025_8_8_3_report_number_and_date() -> None:
    # 8.8.3:1: "题名：报告编号[R/OL]. 发布日期"; more than three authors end in "，等".
    tang = cit(
        type="report",
        author=("汤万金", "杨跃翔", "刘文", "刘丽"),
        title="人体安全重要技术标准研制最终报告",
        number="7178999X-2006BAK04A10/10.2013",
        year=2013,
        date="2013-09-30",
        url="http://www.nstrs.cn/xiangxiBG.aspx?id=41707",
        language="zh",
    )
    assert gbt(tang, accessed="2014-06-24") == (
        "汤万金，杨跃翔，刘文，等. 人体安全重要技术标准研制最终报告：7178999X-2006BAK04A10/10.2013[R/OL]. "
        "2013-09-30. http://www.nstrs.cn/xiangxiBG.aspx?id=41707."
    )


def test_2025_8_9_2_standards() -> None:
    # 8.9.2:1 and 8.9.2:4: "标准编号　标准名称[S]": no responsible party, no imprint.
    zh = cit(
        type="standard",
        author=("全国信息与文献标准化技术委员会",),
        number="GB/T 3792—2021",
        title="信息与文献\u3000资源描述",
        publisher="中国标准出版社",
        year=2021,
        language="zh",
    )
    assert gbt(zh) == "GB/T 3792—2021\u3000信息与文献\u3000资源描述[S]."
    en = cit(type="standard", number="ISO 21378:2019", title="Audit data collection", year=2019, language="en")
    assert gbt(en) == "ISO 21378:2019 Audit data collection[S]."


def test_2025_8_11_web_pages_and_sites() -> None:
    # b.10:2: "（创建或修改日期）[引用日期]"; 8.11.2.2:2: no date, the access date alone.
    luxun = cit(
        type="web",
        author=("北京鲁迅博物馆",),
        title="北京鲁迅博物馆志愿服务章程",
        year=2021,
        date="2021-04-21",
        url="http://www.luxunmuseum.com.cn/html/202104/a11310.htm",
        language="zh",
    )
    assert gbt(luxun, accessed="2023-05-02") == (
        "北京鲁迅博物馆. 北京鲁迅博物馆志愿服务章程[EB/OL]. （2021-04-21）[2023-05-02]. "
        "http://www.luxunmuseum.com.cn/html/202104/a11310.htm."
    )
    loc = cit(type="web", title="Library of Congress", url="https://www.loc.gov/", language="en")
    assert gbt(loc, accessed="2020-06-12") == "Library of Congress[EB/OL]. [2020-06-12]. https://www.loc.gov/."
    # The web page format has no publisher element: "上海市人民政府, (2021)" is gone.
    sh = cit(
        type="web", author=("上海市人民政府",), publisher="上海市人民政府", title="通知", year=2021, url="http://x.cn/a"
    )
    assert gbt(sh) == "上海市人民政府. 通知[EB/OL]. （2021）. http://x.cn/a."


def test_2025_8_14_datasets() -> None:
    # 8.14.3:1 and b.13:7: "版本. 发布平台（发布或修改日期）[引用日期]. URL. PID".
    zhou = cit(
        type="dataset",
        author=("周壮", "李盛阳", "吴薇", "邵雨阳"),
        title="天宫二号遥感图像自然景物分类数据集",
        edition="V1.0",
        publisher="国家基础学科公共科学数据中心",
        date="2023-09-10",
        url="https://www.nbsdc.cn/general/dataLinks/CSTR:16666.11.nbsdc.tfpbwtqf",
        language="zh",
    )
    assert gbt(zhou, accessed="2025-07-15") == (
        "周壮，李盛阳，吴薇，等. 天宫二号遥感图像自然景物分类数据集[DS/OL]. V1.0. "
        "国家基础学科公共科学数据中心（2023-09-10）[2025-07-15]. "
        "https://www.nbsdc.cn/general/dataLinks/CSTR:16666.11.nbsdc.tfpbwtqf."
    )
    sugarman = cit(
        type="dataset",
        author=("Sugarman, Leonie", "Markham, S."),
        title="Students in a selective high school: some vocationally oriented data",
        publisher="UK Data Service",
        year=1980,
        url="https://beta.ukdataservice.ac.uk/datacatalogue/studies/study?id=996",
        doi="10.5255/UKDA-SN-996-1",
        language="en",
    )
    assert gbt(sugarman, accessed="2025-07-10") == (
        "Sugarman L，Markham S. Students in a selective high school：some vocationally oriented data[DS/OL]. "
        "UK Data Service（1980）[2025-07-10]. https://beta.ukdataservice.ac.uk/datacatalogue/studies/study?id=996. "
        "DOI:10.5255/UKDA-SN-996-1."
    )


def test_2025_8_15_preprint() -> None:
    # 8.15.2:3: "[PP/OL]. 版本. 出版平台（创建或修改日期）[引用日期]"; the DOI is in the URL.
    jenkins = cit(
        type="preprint",
        author=("Jenkins, Stewart D.", "Ruostekoski, Janne"),
        title="Controlled manipulation of light by cooperative response of atoms in an optical lattice",
        edition="V2",
        publisher="arXiv",
        date="2012-03-18",
        url="https://doi.org/10.48550/arXiv.1112.6136",
        doi="10.48550/arXiv.1112.6136",
        language="en",
    )
    assert gbt(jenkins, accessed="2020-06-24") == (
        "Jenkins S D，Ruostekoski J. Controlled manipulation of light by cooperative response of atoms in an "
        "optical lattice[PP/OL]. V2. arXiv（2012-03-18）[2020-06-24]. https://doi.org/10.48550/arXiv.1112.6136."
    )
    # 2015 had no PP: the preprint is an electronic posting, [EB/OL], with its access date.
    assert gbt(jenkins, "2015", accessed="2020-06-24").startswith(
        "JENKINS S D, RUOSTEKOSKI J. Controlled manipulation of light by cooperative response of atoms in an "
        "optical lattice[EB/OL]. arXiv, 2012(2012-03-18)[2020-06-24]."
    )


def test_2025_8_7_2_theses() -> None:
    # 8.7.2:1 and 8.7.2:4: "出版地：学位授予单位，年：页码".
    wang = cit(
        type="thesis",
        author=("王琦",),
        title="融合星载GNSS-R和SAR数据的高时空分辨率土壤湿度反演方法研究",
        place="武汉",
        publisher="武汉大学",
        year=2022,
        pages="87",
        language="zh",
    )
    assert gbt(wang) == "王琦. 融合星载GNSS-R和SAR数据的高时空分辨率土壤湿度反演方法研究[D]. 武汉：武汉大学，2022：87."
    cairns = cit(
        type="thesis",
        author=("Cairns, Bruce R.",),
        title="Infrared spectroscopic studies on solid oxygen",
        place="Berkeley",
        publisher="University of California, Berkeley",
        year=1965,
        pages="15",
        language="en",
    )
    assert gbt(cairns) == (
        "Cairns B R. Infrared spectroscopic studies on solid oxygen[D]. Berkeley：University of California，"
        "Berkeley，1965：15."
    )


def test_2025_8_6_conference_papers() -> None:
    # 8.6.1:2: in proceedings published as a book.
    wang = cit(
        type="conference",
        author=("汪学军",),
        title="中国农业转基因生物研发进展与安全管理",
        editor=("国家环境保护总局生物安全管理办公室",),
        container="中国国家生物安全框架实施国际合作项目研讨会论文集",
        place="北京",
        publisher="中国环境科学出版社",
        year=2005,
        pages="22-25",
        language="zh",
    )
    assert gbt(wang) == (
        "汪学军. 中国农业转基因生物研发进展与安全管理[C]//国家环境保护总局生物安全管理办公室. "
        "中国国家生物安全框架实施国际合作项目研讨会论文集. 北京：中国环境科学出版社，2005：22-25."
    )
    # 8.6.3:1: not published as a book: "[C]//会议名称，会议年份：引文页码".
    li = cit(
        type="conference",
        author=("李妍", "王莹"),
        title="医疗机构保洁人员“一前五后”手卫生干预效果研究",
        container="中华预防医学会医院感染控制分会第31次全国医院感染学术年会",
        year=2022,
        pages="2",
        language="zh",
    )
    assert gbt(li) == (
        "李妍，王莹. 医疗机构保洁人员“一前五后”手卫生干预效果研究[C]//"
        "中华预防医学会医院感染控制分会第31次全国医院感染学术年会，2022：2."
    )
    # 8.6.3:2 (ZL with the pinyin check on): a pinyin name in full, [C/OL], URL and DOI.
    wss = cit(
        type="conference",
        author=("Wang, Shanshan",),
        title="Application of improved SOM neural network in intelligent auditing of hospital financial vouchers",
        container="2022 6th Asian Conference on Artificial Intelligence Technology",
        year=2022,
        pages="2",
        url="https://ieeexplore.ieee.org/document/10137867",
        doi="10.1109/ACAIT56212.2022.10137867",
        language="en",
    )
    assert gbt(wss) == (
        "Wang Shanshan. Application of improved SOM neural network in intelligent auditing of hospital financial "
        "vouchers[C/OL]//2022 6th Asian Conference on Artificial Intelligence Technology，2022：2. "
        "https://ieeexplore.ieee.org/document/10137867. DOI:10.1109/ACAIT56212.2022.10137867."
    )


@pytest.mark.parametrize(
    ("raw", "full", "initials"),
    [
        # 7.1.1:8, 7.1.1:11 and b.4:15 ([ZL-25]); 7.1.1 pinyin "Li Jiangning" ([ZL-25py]).
        ("Williams-Ellis, Amabel", "Williams-Ellis A", "Williams-Ellis A"),
        ("Godard, Jean-Luc", "Godard J-L", "Godard J-L"),
        ("Park, Jae-Ryong", "Park J-R", "Park J-R"),
        ("De Morgan, Augustus", "De Morgan A", "De Morgan A"),
        ("Li, Jiangning", "Li Jiangning", "Li J N"),
        ("Wang, Shanshan", "Wang Shanshan", "Wang S S"),
        # Japanese names read as pinyin syllables too, but their surnames are not one syllable.
        ("Furukawa, Keita", "Furukawa K", "Furukawa K"),
        ("钱学森", "钱学森", "钱学森"),
        (
            "Online Computer Library Center, Inc.",
            "Online Computer Library Center, Inc.",
            "Online Computer Library Center, Inc.",
        ),
    ],
)
def test_2025_7_1_1_names(raw: str, full: str, initials: str) -> None:
    assert gbt7714.name_2025(parse_name(raw)) == full
    assert gbt7714.name_2025(parse_name(raw), pinyin="initials") == initials


def test_2025_7_1_2_more_than_three_pinyin_authors() -> None:
    # [ZL-25py]: "Yu Yang，Pan Erting，Wang Xinya，et al."
    c = cit(
        type="article",
        title="T",
        author=("Yu, Yang", "Pan, Erting", "Wang, Xinya", "Zhang, San"),
        container="J",
        year=2020,
        language="en",
    )
    assert gbt(c).startswith("Yu Yang，Pan Erting，Wang Xinya，et al. T[J]")
    assert gbt(c, pinyin="initials").startswith("Yu Y，Pan E T，Wang X Y，et al. T[J]")


def test_2025_b_1_online_book_has_no_access_date_and_no_placeholder() -> None:
    # b.1:14 (2025) against 4.1.2:11 (2015): the same book, with and without [引用日期].
    zhao = cit(
        type="book",
        author=("赵学功",),
        title="当代美国外交",
        place="北京",
        publisher="社会科学文献出版社",
        year=2001,
        url="http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1",
        language="zh",
    )
    assert gbt(zhao, accessed="2014-06-11") == (
        "赵学功. 当代美国外交[M/OL]. 北京：社会科学文献出版社，2001. http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1."
    )
    assert gbt(zhao, "2015", accessed="2014-06-11") == (
        "赵学功. 当代美国外交[M/OL]. 北京: 社会科学文献出版社, 2001[2014-06-11]. "
        "http://www.cadal.zju.edu.cn/book/trySinglePage/33023884/1."
    )
    # 7.5.2-7.5.3: 2025 may leave an unknown place and publisher out; 2015 had to say so.
    bare = cit(type="book", title="书", year=1990, language="zh")
    assert gbt(bare) == "书[M]. 1990."
    assert gbt(bare, "2015") == "书[M]. [出版地不详]: [出版者不详], 1990."


# --- 2015 (examples not covered in test_cite.py) ---------------------------------------------


def test_2015_4_2_chapters() -> None:
    # 4.2.2:2 and 4.2.2:6 ([ZL-15]).
    cheng = cit(
        type="chapter",
        author=("程根伟",),
        title="1998 年长江洪水的成因与减灾对策",
        editor=("许厚泽", "赵其国"),
        container="长江流域洪涝灾害与科技对策",
        place="北京",
        publisher="科学出版社",
        year=1999,
        pages="32-36",
        language="zh",
    )
    assert gbt(cheng, "2015") == (
        "程根伟. 1998 年长江洪水的成因与减灾对策[M]//许厚泽, 赵其国. 长江流域洪涝灾害与科技对策. "
        "北京: 科学出版社, 1999: 32-36."
    )
    # The 2015 example has no edition ("5th ed."): the same chapter without it.
    assert gbt(WEINSTEIN._replace(edition=""), "2015") == (
        "WEINSTEIN L, SWARTZ M N. Pathogenic properties of invading microorganisms[M]//SODEMAN W A, Jr, "
        "SODEMAN W A. Pathologic physiology: mechanisms of disease. Philadelphia: Saunders, 1974: 457-472."
    )


def test_2015_8_1_1_pinyin_names_are_initials_per_syllable() -> None:
    # 8.1.1:11: "LI J N" for Li Jiangning.
    assert gbt7714.name_2015(parse_name("Li, Jiangning")) == "LI J N"
    assert gbt7714.name_2015(parse_name("Park, Jae-Ryong")) == "PARK J R"  # A.8:9


def test_2015_4_2_entry_and_2025() -> None:
    # A dictionary entry is cited as a part of the book, in both editions.
    adb = cit(
        type="entry",
        author=("Murphy, Greg",),
        title="Weston, Thomas Charles (1866–1935)",
        container="Australian Dictionary of Biography",
        publisher="Australian National University, National Centre of Biography",
        year=1990,
        url="https://adb.anu.edu.au/biography/weston-thomas-charles-9054",
        language="en",
    )
    assert gbt(adb, "2015") == (
        "MURPHY G. Weston, Thomas Charles (1866–1935)[M/OL]//Australian Dictionary of Biography. "
        "Australian National University, National Centre of Biography, 1990. "
        "https://adb.anu.edu.au/biography/weston-thomas-charles-9054."
    )
    assert gbt(adb).startswith(
        "Murphy G. Weston，Thomas Charles（1866–1935）[M/OL]//Australian Dictionary of Biography. "
    )


def test_unknown_edition_and_pinyin_form() -> None:
    with pytest.raises(UsageError, match="edition '2005'"):
        gbt(PEEBLES, "2005")
    with pytest.raises(UsageError, match="pinyin form"):
        gbt(PEEBLES, pinyin="abbrev")
