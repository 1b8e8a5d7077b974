"""The words around a figure: markers, ordinals, hotlines, recent periods, bare years, counted 一.

Made-up sentences in the shapes real reports of many kinds of unit use.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.numbers import extract, quantities

D = Decimal


def spans(text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.kind, m.reason) for m in extract(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # item numbers: 附件1, 指标1 with nothing after, 任务1:, 见表2
        ("附件1：绩效自评表", [("1", "marker", "item number (附件1, 指标2)")]),
        ("附件2 项目支出绩效自评表", [("2", "marker", "item number (附件1, 指标2)")]),
        ("指标1落实主体责任", [("1", "marker", "item number (附件1, 指标2)")]),
        ("\t指标12\n", [("12", "marker", "item number (附件1, 指标2)")]),
        ("任务1:完成阵地建设", [("1", "marker", "item number (附件1, 指标2)")]),
        ("详见表3。", [("3", "marker", "item number (附件1, 指标2)")]),
        # list markers in the middle of a line, and with a closing parenthesis
        ("存在问题。2.加强管理", [("2.", "marker", "list marker")]),
        (
            "主要做法：1、强化领导；2、压实责任",
            [("1、", "marker", "list marker"), ("2、", "marker", "list marker")],
        ),
        ("1).加强预算管理", [("1).", "marker", "list marker")]),
        ("2）落实制度", [("2）", "marker", "list marker")]),
        ("（3）完善机制", [("3", "marker", "list marker")]),
        ("第一条 为规范", [("一", "ordinal", "ordinal (第…)")]),
        # ordinals with measure words
        (
            "办案二处、三处",
            [
                ("二处", "ordinal", "internal division (二处, 三科)"),
                ("三处", "ordinal", "internal division (二处, 三科)"),
            ],
        ),
        ("一处处长", [("一处", "ordinal", "internal division (二处, 三科)")]),
        ("刑事检察三部", [("三部", "ordinal", "internal division (二处, 三科)")]),
        ("民事审判一庭", []),  # 庭 is no measure word: no number at all
        ("二期工程完工", [("二期", "ordinal", "phase (二期工程)")]),
        ("3期项目", [("3期", "ordinal", "phase (二期工程)")]),
        (
            "5号楼3楼会议室",
            [
                ("5号楼", "ordinal", "address or serial number (3号楼)"),
                ("3楼", "ordinal", "address or serial number (3号楼)"),
            ],
        ),
        # hotlines
        ("拨打12348热线", [("12348", "code", "hotline (12345, 110)")]),
        ("畅通12339举报渠道", [("12339", "code", "hotline (12345, 110)")]),
        ("拨打110、120", [("110", "code", "hotline (12345, 110)"), ("120", "code", "hotline (12345, 110)")]),
        ("119火警", [("119", "code", "hotline (12345, 110)")]),
        ("12119森林火警", [("12119", "code", "hotline (12345, 110)")]),
        (
            "开通12306、12110",
            [("12306", "code", "hotline (12345, 110)"), ("12110", "code", "hotline (12345, 110)")],
        ),
        ("从决策、过程、产出、效益四个方面设置指标", [("四个", "proper", "count of aspects (四个方面)")]),
        ("从3个维度评价", [("3个", "proper", "count of aspects (四个方面)")]),
        ("1\t城乡最低生活保障资金", [("1", "marker", "serial number (序号)")]),
        ("| 12 | 临时救助资金 |", [("12", "marker", "serial number (序号)")]),
        ("3  困境儿童保障资金", [("3", "marker", "serial number (序号)")]),
        ("318002-某某镇人民政府", [("318002", "code", "unit or budget code (318002-…)")]),
        ("单位：318002某某镇人民政府", [("318002", "code", "unit or budget code (318002-…)")]),
        ("2080505 机关事业单位基本养老保险缴费支出", [("2080505", "code", "budget subject code (2080505)")]),
        ("| 20101 | 人大事务 |", [("20101", "code", "budget subject code (2080505)")]),
        ("201\t一般公共服务支出", [("201", "code", "budget subject code (2080505)")]),
        # the recent past
        ("近两年来", [("近两年", "proper", "recent period (近三年)")]),
        ("近3年", [("近3年", "proper", "recent period (近三年)")]),
        ("最近三个月", [("三个月", "proper", "recent period (近三年)")]),
        ("近年来", []),
        # years without 年, periods without 年
        ("2019绩效评价报告", [("2019", "year", "year (no 年)")]),
        ("《2023预算》", [("2023", "year", "year (no 年)")]),
        ("2021-2025规划", [("2021-2025", "period", "plan period")]),
        # vague numbers stay vague, and articles stay articles
        ("吸引数十人参加", [("数十人", "proper", "vague number (数十, 几百)")]),
        ("建立一个机制", [("一个", "proper", "一 as an article (一个, 一批)")]),
        # 一次性 is a word (one-off), not 一次: after a counted label (人员) it is no count either
        ("发放一次性补贴", []),
        ("对退休人员一次性补助", []),
        ("进一步加强", []),
    ],
)
def test_not_a_quantity_by_context(text: str, want: list[tuple[str, str, str]]) -> None:
    assert spans(text) == want
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit"),
    [
        ("临聘人员一人", "一人", "1", "人"),  # 一 after the label of a counted thing counts
        ("编制：一名", "一名", "1", "名"),
        ("公务用车一辆", "一辆", "1", "辆"),
        ("编制数十四人", "十四人", "14", "人"),  # 数 ends 编制数: not 数十 (dozens)
        ("实有人数十二人", "十二人", "12", "人"),
        ("年末实有数十一人", "十一人", "11", "人"),
        ("设立三处服务站", "三处", "3", "处"),  # a count of places, not a division
        ("举办三期培训班", "三期", "3", "期"),  # sessions, not a phase
        ("完成任务3项", "3项", "3", "项"),  # a unit after 任务: a count
        ("附件2份", "2份", "2", "份"),
        ("受理12356件", "12356件", "12356", "件"),  # a hotline shape with a unit counts
        ("将近两年", "将近两年", "2", "年"),  # 将近 is "nearly": a hedge
        ("2000余人", "2000余人", "2000", "人"),  # a year shape with a hedge and unit is a count
        ("共建成2021套", "2021套", "2021", "套"),
        ("十四人", "十四人", "14", "人"),
        ("１４人", "１４人", "14", "人"),
    ],
)
def test_counts_stay_counts(text: str, want_span: str, value: str, unit: str) -> None:
    found = quantities(text)
    assert [text[m.start : m.end] for m in found] == [want_span]
    assert (found[0].value, found[0].unit) == (D(value), unit)


def test_rewrites_agree_in_base_units() -> None:
    """31万元 written 310000元, 十四人 written 14人: the same value in base units."""
    assert quantities("31万元")[0].value == quantities("310000元")[0].value == D(310000)
    assert quantities("十四人")[0].value == quantities("14人")[0].value == quantities("１４人")[0].value


def test_bare_year_keeps_its_year() -> None:
    (m,) = extract("2019绩效评价")
    assert m.years == (2019,)
    (p,) = extract("2021—2025发展")
    assert p.years == (2021, 2025)


def test_a_figure_cell_is_no_serial_number() -> None:
    text = "| 10 | 9.78 |\n\t10\n合计\t10212.16\t9890.34"
    assert len(quantities(text)) == 5


def test_figures_next_to_codes_stay_quantities() -> None:
    text = "2080505 机关事业单位基本养老保险缴费支出 | 201 | 人员 534.51万元\n共计318002元\n2021-2025年"
    assert [m.text for m in quantities(text)] == ["201 ", "534.51万元", "318002元"]


def test_a_bare_figure_in_a_cell_is_no_hotline() -> None:
    assert [m.text for m in quantities("| 12500 | 12388 |")] == ["12500 ", "12388 "]


def test_list_then_hotline_is_not_a_count() -> None:
    text = "分别为105、110、120人"
    assert all(m.is_quantity for m in extract(text))


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("一级指标", [("一级", "ordinal", "level (一级指标, 二级甲等)")]),
        ("二级甲等综合医院", [("二级", "ordinal", "level (一级指标, 二级甲等)")]),
        ("三级绩效指标", [("三级", "ordinal", "level (一级指标, 二级甲等)")]),
        ("三级公路", [("三级", "ordinal", "level (一级指标, 二级甲等)")]),
        ("三年级学生", [("三年级", "ordinal", "school grade (三年级)")]),
        ("6年级", [("6年级", "ordinal", "school grade (三年级)")]),
        ("学习十五大精神", [("十五大", "proper", "party congress (十五大)")]),
        ("一大批骨干", []),
        ("一地一策", []),
        ("七大文化进家庭", [("七大文化", "proper", "fixed phrases")]),  # the listed phrase as written
    ],
)
def test_levels_and_congresses_are_not_counts(text: str, want: list[tuple[str, str, str]]) -> None:
    assert spans(text) == want


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit"),
    [
        ("八大文化进家庭", "八大", "8", "大"),  # not the listed 七大文化: a number to check
        ("县乡村三级联动", "三级", "3", "级"),
        ("四级联动", "四级", "4", "级"),
        ("两地妇联", "两地", "2", "地"),
        ("三大攻坚战", "三大", "3", "大"),
    ],
)
def test_numerals_before_level_field_place_words_count(
    text: str, want_span: str, value: str, unit: str
) -> None:
    (m,) = quantities(text)
    assert (text[m.start : m.end], m.value, m.unit, m.family) == (want_span, D(value), unit, "phrase")


def test_a_user_phrase_shields_only_itself() -> None:
    assert quantities("县乡村三级联动", lexicon=["三级联动"]) == []
    assert [m.text for m in quantities("县乡村四级联动", lexicon=["三级联动"])] == ["四级"]


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit"),
    [
        ("全年「三公」經費支出4.82萬元", "4.82萬元", "48200", "万元"),
        ("內設3個科室", "3個", "3", "个"),
        ("提高2.5個百分點", "2.5個百分點", "2.5", "个百分点"),
        ("開展兩場", "兩場", "2", "场"),
        ("惠及1萬餘人", "1萬餘人", "10000", "人"),
    ],
)
def test_traditional_number_words(text: str, want_span: str, value: str, unit: str) -> None:
    (m,) = quantities(text)
    assert (text[m.start : m.end], m.value, m.unit) == (want_span, D(value), unit)


def test_traditional_furniture() -> None:
    assert spans("發佈日期：2024-05-20 聯繫電話：0731-8123456") == [
        ("2024-05-20", "code", "publication info (发布日期)"),
        ("0731-8123456", "code", "phone number (联系电话)"),
    ]


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit"),
    [
        ("立案查处违法用地案件17宗", "17宗", "17", "宗"),
        ("全年接警31起", "31起", "31", "起"),
        ("办理贷款贴息126笔", "126笔", "126", "笔"),
        ("发放物资2000箱", "2000箱", "2000", "箱"),  # a year's shape with a measure word is a count
        ("安装路灯120盏", "120盏", "120", "盏"),
        ("总建筑面积约1000㎡", "约1000㎡", "1000", "㎡"),
        ("装机容量2.5千瓦", "2.5千瓦", "2.5", "千瓦"),
        ("新增装机3万千瓦", "3万千瓦", "30000", "千瓦"),
        ("治理水土流失12.6平方公里", "12.6平方公里", "12.6", "平方公里"),
        ("孕产妇死亡率控制在15/10万以下", "15/10万以下", "15", "/10万"),
        ("孕产妇死亡率12.68/10万", "12.68/10万", "12.68", "/10万"),
    ],
)
def test_more_measure_words(text: str, want_span: str, value: str, unit: str) -> None:
    (m,) = quantities(text)
    assert (text[m.start : m.end], m.value, m.unit) == (want_span, D(value), unit)


def test_circled_numbers_are_markers_not_figures() -> None:
    assert extract("①加强管理；②落实责任；⑴完善") == []


def test_yi_qi_is_together() -> None:
    assert quantities("一起开展") == []


@pytest.mark.parametrize(
    "text",
    [
        "共发放问卷120份，收回118份注1。",
        "满意率97.5%注2，较上年提高。",
        "注3：满意率按满意户数除以回访户数计算。",
    ],
)
def test_a_footnote_mark_is_no_quantity(text: str) -> None:
    marks = [m for m in extract(text) if m.reason == "footnote mark (注1)"]
    assert len(marks) == 1 and text[marks[0].start - 1] == "注"
    assert all(q.text.rstrip() not in ("1", "2", "3") for q in quantities(text))


def test_a_figure_after_注_with_a_unit_stays_a_quantity() -> None:
    assert [q.text for q in quantities("吸引关注1万人次。")] == ["1万人次"]
