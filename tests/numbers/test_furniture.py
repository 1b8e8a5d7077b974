"""Page furniture and metadata (publication lines, 索引号, phones, URLs, codes) are never quantities.

Sentences are made up in the shapes real published pages have; each must come back `ignored` with
a reason, and a real figure next to the furniture must still be a quantity.
"""

from __future__ import annotations

import itertools

import pytest

from drafter.numbers import extract, quantities
from drafter.numbers.furniture import find_furniture


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.kind, m.reason) for m in extract(text)]


@pytest.mark.parametrize(
    ("text", "want", "reason"),
    [
        # publication lines, with and without a label
        ("发布日期: 2025-04-29", "2025-04-29", "publication info (发布日期)"),
        ("发布时间:2023-05-16 09:30", "2023-05-16 09:30", "publication info (发布时间)"),
        ("发布时间：2024年4月8日  来源：某某局", "2024年4月8日", "publication info (发布时间)"),
        ("浏览次数：1234", "1234", "publication info (浏览次数)"),
        ("更新于 2024/3/5 10:12:30", "2024/3/5 10:12:30", "date-time (2025-04-29)"),
        ("导出 2024-03-01T08:00:00+08:00", "2024-03-01T08:00:00+08:00", "date-time (2025-04-29)"),
        ("2023.06.30 印发", "2023.06.30", "date-time (2025-04-29)"),
        ("时间：2024-05-20", "2024-05-20", "publication info (时间)"),
        ("点击率：[ 1234 ]", "[ 1234 ]", "publication info (点击率)"),
        ("索 引 号：430100/2024-00012", "430100/2024-00012", "index number (索引号)"),
        # index numbers and codes
        ("索引号：abc/2025-00001", "abc/2025-00001", "index number (索引号)"),
        ("索引号: 11430100MB1234567X/2024-00012", "11430100MB1234567X/2024-00012", "index number (索引号)"),
        ("信息 430100/2024-00012 主题", "430100/2024-00012", "index number (索引号)"),
        ("统一社会信用代码：11430100MB1234567X", "11430100MB1234567X", "index number (统一社会信用代码)"),
        ("预算编码：318002", "318002", "index number (预算编码)"),
        ("文　　号：湘财预〔2024〕12号", "湘财预〔2024〕12号", "index number (文号)"),
        ("邮编410000", "410000", "contact details (邮编)"),
        ("QQ群123456789", "123456789", "contact details (QQ群)"),
        ("—1—\n正文", "—1—", "page number"),
        # phone numbers
        ("联系电话：0731-8123456", "0731-8123456", "phone number (联系电话)"),
        ("咨询请拨0731-88123456转801。", "0731-88123456转801", "phone number"),
        ("（0745）2712345", "（0745）2712345", "phone number"),
        ("联系人张某13812345678", "13812345678", "phone number"),
        ("手机号 138-1234-5678", "138-1234-5678", "phone number"),
        ("服务热线400-123-4567", "400-123-4567", "phone number"),
        ("拨打 8008208820 咨询", "8008208820", "phone number"),
        # accounts, URLs, file properties, pages
        ("公众号: xy1234", "xy1234", "contact details (公众号)"),
        ("关注公众号: xy1234", "xy1234", "contact details (公众号)"),
        ("监督索引号：53302700800205000", "53302700800205000", "index number (索引号)"),
        (
            "详见http://www.hn.gov.cn/a/2024/0512/123.html。",
            "http://www.hn.gov.cn/a/2024/0512/123.html",
            "web address",
        ),
        ("网站www.example.gov.cn/2024/1.htm", "www.example.gov.cn/2024/1.htm", "web address"),
        ("邮箱fl2024@163.com", "fl2024@163.com", "email address"),
        (
            "{3F2504E0-4F89-11D3-9A0C-0305E82C3301}",
            "3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            "identifier (letters and digits)",
        ),
        ("修订号：12", "12", "file properties (修订号)"),
        ("字数：4567", "4567", "file properties (字数)"),
        ("附件：自评表(4页)", "(4页)", "page count (4页)"),
        ("第2页 共10页", "第2页 共10页", "page count (4页)"),
        ("正文\n- 3 -\n下页", "- 3 -", "page number"),
        # a PDF page's footer, indented towards the right margin
        ("正文。\n                                — 4 —\n\n下页", "— 4 —", "page number"),
    ],
)
def test_furniture_is_ignored_with_a_reason(text: str, want: str, reason: str) -> None:
    found = extract(text)
    assert [(text[m.start : m.end], m.reason) for m in found] == [(want, reason)]
    assert not any(m.is_quantity for m in found)
    assert all(m.value is None for m in found)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("资金来源：财政拨款534.51万元", "534.51万元"),  # 来源 inside a word is no publication label
        ("经费来源：上级补助20万元", "20万元"),
        ("完成时间：12月底前完成3项", "3项"),  # 时间 inside a word is no label
        ("（一）来源：财政拨款534.51万元", "534.51万元"),  # a label's value holding money is prose
        ("联系电话：0731-8123456，全年接待来访200人", "200人"),  # the label's value ends at the comma
        ("新建道路5km", "5"),  # a Latin unit: a figure, not an identifier
        ("筹集13812345678元", "13812345678元"),  # a phone shape with a unit is money
    ],
)
def test_real_figures_next_to_furniture_stay_quantities(text: str, want: str) -> None:
    assert [text[m.start : m.end] for m in quantities(text)] == [want]


@pytest.mark.parametrize(
    "line",
    [
        "Administrator\tWPS_1628049371\t2\t2023-08-01T02:15:00Z\t2023-08-09T07:40:00Z\t4\t1820\t10375\t86",
        "Normal 0 7.8 磅 0 2 false false false EN-US ZH-CN X-NONE MicrosoftInternetExplorer4",
        "/* Style Definitions */ table.MsoNormalTable {mso-style-name:普通表格; mso-tstyle-rowband-size:0;}",
    ],
)
def test_pasted_document_junk_is_one_furniture_span(line: str) -> None:
    text = "报告\n" + line + "\n全年支出534.51万元"
    found = extract(text)
    assert (text[found[0].start : found[0].end], found[0].reason) == (line, "pasted document properties")
    assert [text[m.start : m.end] for m in quantities(text)] == ["534.51万元"]


def test_a_table_row_of_figures_is_no_junk() -> None:
    text = "| 年度资金总额 | 320.00 | 356.00 | 10 | 97.96% |"
    assert len(quantities(text)) == 4


def test_a_publication_line_with_several_labels() -> None:
    text = "发布时间:2023-05-16 09:30 来源：某某局 浏览次数：123\n一、部门基本情况"
    assert spans(text) == [
        ("2023-05-16 09:30", "code", "publication info (发布时间)"),
        ("123", "code", "publication info (浏览次数)"),
        ("一、", "marker", "list marker"),
    ]


def test_hotline_inside_a_phone_number_is_the_phone() -> None:
    text = "电话0731-12345678"
    assert spans(text) == [("0731-12345678", "code", "phone number (电话)")]


def test_identifiers_mix_letters_and_digits() -> None:
    for text, want in [
        ("公众号xy1234推送", "xy1234"),
        ("PM2.5浓度", "PM2.5"),
        ("防控COVID-19疫情", "COVID-19"),
    ]:
        assert spans(text) == [(want, "code", "identifier (letters and digits)")]


def test_furniture_spans_are_sorted_and_disjoint() -> None:
    text = "索引号：abc/2025-00001 发布日期：2025-04-29 电话：0731-8123456 http://a.cn/1 xy12"
    found = find_furniture(text)
    assert [f.start for f in found] == sorted(f.start for f in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert len(found) == 5


def test_fullwidth_furniture() -> None:
    text = "发布日期：２０２５－０４－２９"
    assert spans(text) == [("２０２５－０４－２９", "code", "publication info (发布日期)")]


def test_dashes_around_a_figure_inside_a_line_are_no_page_number() -> None:
    assert [m.text.strip() for m in extract("增长 — 3 —\n") if m.is_quantity] == ["3"]


def test_furniture_carries_the_shape_that_gave_it_away() -> None:
    from drafter.numbers.furniture import Shape

    text = "索引号：abc/2025-00001 发布日期：2025-04-29 电话：0731-8123456 http://a.cn/1 xy12"
    assert [f.shape for f in find_furniture(text)] == [Shape.LABEL] * 3 + [Shape.URL, Shape.IDENT]
