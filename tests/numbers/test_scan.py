"""drafter.numbers: every number in report text, with its span, value, unit, hedge, and kind.

Spans are checked exactly (`text[m.start:m.end]`), values as Decimal in base units (元, percent, count).
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import pytest

from drafter.numbers import (
    Mention,
    builtin_lexicon,
    extract,
    format_value,
    lexicon_terms,
    parse_chinese,
    quantities,
)

try:  # optional: without hypothesis only the property tests are skipped
    from hypothesis import given, settings
    from hypothesis import strategies as st

    HAVE_HYPOTHESIS = True
except ImportError:  # pragma: no cover
    HAVE_HYPOTHESIS = False

D = Decimal
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*/report.txt"))


def span(text: str, m: Mention) -> str:
    return text[m.start : m.end]


def only(text: str, **kw: object) -> Mention:
    """The one mention `text` holds (fails if there are more or none)."""
    found = extract(text, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, [(span(text, m), m.kind) for m in found]
    return found[0]


def one_quantity(text: str) -> Mention:
    found = quantities(text)
    assert len(found) == 1, [(span(text, m), m.kind) for m in found]
    return found[0]


def check_quantity(text: str, want_span: str, value: str, unit: str, dim: str) -> Mention:
    m = one_quantity(text)
    assert span(text, m) == want_span
    assert m.text == want_span
    assert m.kind == "quantity" and m.is_quantity
    assert m.value == D(value)
    assert isinstance(m.value, Decimal)
    assert m.unit == unit
    assert m.dim == dim
    assert m.reason == ""
    return m


# ---------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit", "dim"),
    [
        # Arabic, decimals, full-width, thousands separators
        ("2023年基本支出534.51万元，其中", "534.51万元", "5345100", "万元", "money"),
        ("基本支出５３４．５１万元", "５３４．５１万元", "5345100", "万元", "money"),
        ("执行率１００％", "１００％", "100", "%", "percent"),
        ("覆盖1,234人", "1,234人", "1234", "人", "count"),
        ("筹集1,000,000元", "1,000,000元", "1000000", "元", "money"),
        ("合计1,234.56万元", "1,234.56万元", "12345600", "万元", "money"),
        ("筹集善款96769.85元。", "96769.85元", "96769.85", "元", "money"),
        ("三公经费0.00万元", "0.00万元", "0", "万元", "money"),
        ("项目支出65.3万元。", "65.3万元", "653000", "万元", "money"),
        # spaces between number and unit
        ("预算资金 97.43 万元,实际", "97.43 万元", "974300", "万元", "money"),
        ("创建美丽庭院 3785 户，", "3785 户", "3785", "户", "count"),
        ("宣讲活动 20 场次，", "20 场次", "20", "场次", "count"),
        # scales 万 亿 千
        ("获理赔108.5万，有效", "108.5万", "1085000", "", "number"),
        ("总投资3亿元", "3亿元", "300000000", "亿元", "money"),
        ("受到15.5万人关注", "15.5万人", "155000", "人", "count"),
        ("培训1.2万人次", "1.2万人次", "12000", "人次", "count"),
        ("共5千人", "5千人", "5000", "人", "count"),
        ("步行5千米", "5千米", "5", "千米", "count"),  # 千米 is a unit, not 千 + 米
        # percent, permille, points, score
        ("基本支出比例83.6%;", "83.6%", "83.6", "%", "percent"),
        ("执行率为 80%。", "80%", "80", "%", "percent"),
        ("出生缺陷率5‰", "5‰", "5", "‰", "permille"),
        ("提高2个百分点", "2个百分点", "2", "个百分点", "points"),
        ("下降1.5百分点", "1.5百分点", "1.5", "百分点", "points"),
        ("自评得分为98分.", "98分", "98", "分", "score"),
        # a four-digit count is not a year
        ("服务2000人", "2000人", "2000", "人", "count"),
        ("表彰2023名", "2023名", "2023", "名", "count"),
        ("一般支出1999元", "1999元", "1999", "元", "money"),
        # Chinese numerals
        ("筹资一百二十三万元", "一百二十三万元", "1230000", "万元", "money"),
        ("完成率百分之九十四点零九", "百分之九十四点零九", "94.09", "%", "percent"),
        ("工作培训四期，", "四期", "4", "期", "count"),
        ("发布的八个优秀典型", "八个", "8", "个", "count"),
        ("参加十人", "十人", "10", "人", "count"),
        ("共一百零五人", "一百零五人", "105", "人", "count"),
        ("共两千三百人", "两千三百人", "2300", "人", "count"),
        ("共一万二千人", "一万二千人", "12000", "人", "count"),
        ("共三亿五千万元", "三亿五千万元", "350000000", "亿元", "money"),
        ("覆盖一点五万人", "一点五万人", "15000", "人", "count"),
        ("两个示范点", "两个", "2", "个", "count"),
        ("三分之二", "三分之二", "66.66666666666666666666666667", "%", "percent"),
        ("持续一年", "一年", "1", "年", "duration"),
    ],
)
def test_quantity(text: str, want_span: str, value: str, unit: str, dim: str) -> None:
    check_quantity(text, want_span, value, unit, dim)


@pytest.mark.parametrize(
    "unit",
    ["元", "人", "人次", "场", "场次", "次", "户", "个", "家", "名", "篇", "份", "株", "期", "件", "位", "例",
     "条", "项", "所", "支", "台", "套", "亩", "吨", "倍", "课时", "小时", "天", "个月"],
)  # fmt: skip
def test_every_unit_word(unit: str) -> None:
    text = f"全年共37{unit}，"
    m = one_quantity(text)
    assert span(text, m) == f"37{unit}"
    assert m.value == 37 and m.unit == unit
    assert m.dim == {"元": "money", "课时": "duration", "小时": "duration", "天": "duration",
                     "个月": "duration"}.get(unit, "count")  # fmt: skip


@pytest.mark.parametrize(
    ("text", "family"),
    [("10人", "person"), ("10名", "person"), ("10人次", "person_time"), ("10场", "event"),
     ("10户", "household"), ("10个", "generic"), ("10家", "organisation"), ("10篇", "document"),
     ("10株", "plant"), ("10元", "money")],
)  # fmt: skip
def test_unit_family(text: str, family: str) -> None:
    assert one_quantity(text).family == family


def test_fields_of_a_scaled_figure() -> None:
    text = "新增注册人数1.58万余人，"
    m = check_quantity(text, "1.58万余人", "15800", "人", "count")
    assert m.number == D("1.58")
    assert m.scale == 10_000
    assert m.decimals == 2
    assert (m.hedge, m.hedge_kind) == ("余", "above")
    assert text[m.num_start : m.num_end] == "1.58"
    assert not m.chinese


def test_fields_of_a_chinese_figure() -> None:
    text = "受益两万余人"
    m = check_quantity(text, "两万余人", "20000", "人", "count")
    assert m.chinese
    assert text[m.num_start : m.num_end] == "两万"
    # written to the 万 like 2万: same number and scale, so the checker sees the same figure
    assert (m.number, m.scale, m.decimals) == (D(2), D(10_000), 0)


def test_money_keeps_its_scale_in_unit() -> None:
    assert one_quantity("10万元").unit == "万元"
    assert one_quantity("10亿元").unit == "亿元"
    assert one_quantity("10元").unit == "元"
    assert one_quantity("十万元").unit == "万元"


def test_fullwidth_spans_point_into_the_original_text() -> None:
    text = "合计：５３４．５１万元，占８３．６％"
    found = quantities(text)
    assert [span(text, m) for m in found] == ["５３４．５１万元", "８３．６％"]
    assert [m.value for m in found] == [D("5345100"), D("83.6")]
    assert found[1].decimals == 1


def test_several_quantities_in_order() -> None:
    text = "我单位编制数24人，2023年末实有在编人数22人，其中行政编制人员21人，工勤人员1人。"
    found = extract(text)
    assert [(span(text, m), m.kind) for m in found] == [
        ("24人", "quantity"), ("2023年", "year"), ("22人", "quantity"), ("21人", "quantity"),
        ("1人", "quantity"),
    ]  # fmt: skip
    assert [m.value for m in quantities(text)] == [24, 22, 21, 1]


# ---------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("text", "want_span", "value", "unit", "hedge", "hedge_kind"),
    [
        # inner hedges, before or after the scale
        ("宣讲进基层440余场，", "440余场", "440", "场", "余", "above"),
        ("培育50多名", "50多名", "50", "名", "多", "above"),
        ("新增注册人数1.58万余人", "1.58万余人", "15800", "人", "余", "above"),
        ("种植各类绿植20余万株。", "20余万株", "200000", "株", "余", "above"),
        ("受益人数达5万余人次。", "5万余人次", "50000", "人次", "余", "above"),
        ("专项救助金 10 万余元。", "10 万余元", "100000", "万元", "余", "above"),
        ("引领带动 200 余名妇女", "200 余名", "200", "名", "余", "above"),
        ("消费50余万元", "50余万元", "500000", "万元", "余", "above"),
        ("受益两万余人", "两万余人", "20000", "人", "余", "above"),
        ("种植二十余万株", "二十余万株", "200000", "株", "余", "above"),
        ("筹集五十多万元", "五十多万元", "500000", "万元", "多", "above"),
        ("举办十余场", "十余场", "10", "场", "余", "above"),
        ("服务百余人", "百余人", "100", "人", "余", "above"),
        ("参加十几人", "十几人", "10", "人", "几", "above"),
        ("参加二十几名", "二十几名", "20", "名", "几", "above"),
        # prefix hedges
        ("免费筛查近百人。", "近百人", "100", "人", "近", "below"),
        ("近万名女性达成", "近万名", "10000", "名", "近", "below"),
        ("组织发动近2万人参与", "近2万人", "20000", "人", "近", "below"),
        ("将近100人", "将近100人", "100", "人", "将近", "below"),
        ("接近100人", "接近100人", "100", "人", "接近", "below"),
        ("约200人", "约200人", "200", "人", "约", "about"),
        ("大约200人", "大约200人", "200", "人", "大约", "about"),
        ("满意度约为85%", "约为85%", "85", "%", "约为", "about"),
        ("超过100人", "超过100人", "100", "人", "超过", "at_least"),
        ("超100人", "超100人", "100", "人", "超", "at_least"),
        ("逾千人", "逾千人", "1000", "人", "逾", "at_least"),
        ("逾100人", "逾100人", "100", "人", "逾", "at_least"),
        ("不足10人", "不足10人", "10", "人", "不足", "under"),
        ("不到10人", "不到10人", "10", "人", "不到", "under"),
        # negated comparisons: 不少于 is at least, not 少于; 不超过 is at most, not 超过
        ("审结案件不少于8500件", "不少于8500件", "8500", "件", "不少于", "at_least"),
        ("不低于95%", "不低于95%", "95", "%", "不低于", "at_least"),
        ("不超过100人", "不超过100人", "100", "人", "不超过", "under"),
        ("不高于5%", "不高于5%", "5", "%", "不高于", "under"),
        ("将近一年", "将近一年", "1", "年", "将近", "below"),
        # suffix hedges
        ("200人左右", "200人左右", "200", "人", "左右", "about"),
        ("50人上下", "50人上下", "50", "人", "上下", "about"),
        ("覆盖人数20000人以上。", "20000人以上", "20000", "人", "以上", "at_least"),
        ("10人以下", "10人以下", "10", "人", "以下", "under"),
        ("5人以内", "5人以内", "5", "人", "以内", "under"),
        ("达100人之多", "100人之多", "100", "人", "之多", "at_least"),
    ],
)
def test_hedge(text: str, want_span: str, value: str, unit: str, hedge: str, hedge_kind: str) -> None:
    m = one_quantity(text)
    assert span(text, m) == want_span
    assert m.value == D(value)
    assert m.unit == unit
    assert (m.hedge, m.hedge_kind) == (hedge, hedge_kind)
    assert not m.hedge_conflict


@pytest.mark.parametrize(
    ("text", "want_span", "hedge"),
    [
        ("线下参与近1万余人。", "近1万余人", "近…余"),
        ("不足100余人", "不足100余人", "不足…余"),
        ("近100人以上", "近100人以上", "近…以上"),
        ("100余人以下", "100余人以下", "余…以下"),
    ],
)
def test_contradictory_hedges(text: str, want_span: str, hedge: str) -> None:
    m = one_quantity(text)
    assert span(text, m) == want_span
    assert m.hedge == hedge
    assert m.hedge_conflict


@pytest.mark.parametrize(
    ("text", "hedge", "hedge_kind"),
    [
        ("超过100余人", "超过…余", "at_least"),  # both say "more than"
        ("100余人以上", "余…以上", "at_least"),
        ("约200余人", "约…余", "about"),
        ("近100人左右", "近…左右", "about"),
        ("超过100人以上", "超过…以上", "at_least"),
    ],
)
def test_agreeing_hedges_are_no_conflict(text: str, hedge: str, hedge_kind: str) -> None:
    m = one_quantity(text)
    assert (m.hedge, m.hedge_kind, m.hedge_conflict) == (hedge, hedge_kind, False)


@pytest.mark.parametrize(
    ("text", "want_span"),
    [
        ("推动多元化发展，引导1万多元化", "1万"),  # 多 starts 多元化: no hedge
        ("5个多样化项目", "5个"),
        ("开展3场多种形式的活动", "3场"),
        ("几乎5人", "5人"),
    ],
)
def test_not_a_hedge(text: str, want_span: str) -> None:
    m = one_quantity(text)
    assert span(text, m) == want_span
    assert m.hedge is None and m.hedge_kind is None


def test_duo_word_alone_is_no_number() -> None:
    assert extract("推动多元化发展，多措并举") == []


# ---------------------------------------------------------------- ranges and periods


@pytest.mark.parametrize(
    ("text", "want_span", "years"),
    [
        ("实施 2021-2030 年妇女儿童发展纲要", "2021-2030 年", (2021, 2030)),
        ("发展纲要（2021-2030年）和", "2021-2030年", (2021, 2030)),
        ("发展规划（2021—2025年）》", "2021—2025年", (2021, 2025)),
        ("2021至2025年", "2021至2025年", (2021, 2025)),
        ("2021~2025年", "2021~2025年", (2021, 2025)),
    ],
)
def test_period(text: str, want_span: str, years: tuple[int, ...]) -> None:
    m = only(text)
    assert span(text, m) == want_span
    assert (m.kind, m.reason, m.years) == ("period", "plan period", years)
    assert not m.is_quantity
    assert m.value is None


@pytest.mark.parametrize(
    ("text", "want_span", "value", "upper", "unit"),
    [
        ("每组3-5人", "3-5人", "3", "5", "人"),
        ("开展10至20场", "10至20场", "10", "20", "场"),
        ("资助10-20万元", "10-20万元", "100000", "200000", "万元"),
        ("1.5~2.5万人", "1.5~2.5万人", "15000", "25000", "人"),
        ("每组三五人", "三五人", "3", "5", "人"),
        ("建一两个示范点", "一两个", "1", "2", "个"),
        ("三四十人", "三四十人", "30", "40", "人"),
        ("十七八岁", "十七八岁", "17", "18", "岁"),
        ("两三万人", "两三万人", "20000", "30000", "人"),
    ],
)
def test_range(text: str, want_span: str, value: str, upper: str, unit: str) -> None:
    m = one_quantity(text)
    assert span(text, m) == want_span
    assert (m.value, m.upper, m.unit) == (D(value), D(upper), unit)
    assert m.interval() == (D(value), D(upper), True, True)


@pytest.mark.parametrize("text", ["执行数 1,250.00    —     96.40%", "执行数 1,250.00\t—\t96.40%"])
def test_a_dash_between_cell_borders_is_an_empty_cell_not_a_range(text: str) -> None:
    found = [m for m in extract(text) if m.is_quantity]
    assert [m.text.strip() for m in found] == ["1,250.00", "96.40%"]
    assert all(m.upper is None for m in found)


def test_dash_without_unit_is_no_range() -> None:
    text = "得分3-5"
    found = extract(text)
    assert [span(text, m) for m in found] == ["3", "5"]
    assert all(m.upper is None for m in found)


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    ("text", "spans", "kind", "reason"),
    [
        # years and dates
        ("2023年，在衡阳", ["2023年"], "year", "year"),
        ("本部门 2023 年度申请", ["2023 年"], "year", "year"),
        ("2024年初，对我单位", ["2024年"], "year", "year"),
        ("二〇二三年工作", ["二〇二三年"], "year", "year"),
        ("3月底前全面完成", ["3月"], "date", "month"),
        ("2月底成书", ["2月"], "date", "month"),
        ("12月4日", ["12月", "4日"], "date", None),
        ("6·26国际禁毒日", ["6·26"], "date", "named day (月·日)"),
        ("“11·25国际消除", ["11·25"], "date", "named day (月·日)"),
        ("“12·4国家宪法日", ["12·4"], "date", "named day (月·日)"),
        # list markers
        ("基本情况\n（一）机构、人员情况", ["一"], "marker", "list marker"),
        ("(一)针对本", ["一"], "marker", "list marker"),
        ("（2） 项目支出情况", ["2"], "marker", "list marker"),
        ("（十二）其他", ["十二"], "marker", "list marker"),
        ("职责是：\n1、负责组织", ["1、"], "marker", "list marker"),
        ("说明的情况\n10、 无", ["10、"], "marker", "list marker"),
        ("职责概述\n\n1.组织引导", ["1."], "marker", "list marker"),
        ("万元\n2. 结合", ["2."], "marker", "list marker"),
        ("\n一、单位基本情况", ["一、"], "marker", "list marker"),
        ("自评报告\n\n二、一般公共预算", ["二、"], "marker", "list marker"),
        ("一是强化认识", ["一是"], "marker", "list marker (一是…)"),
        ("考核内容；二是加强", ["二是"], "marker", "list marker (一是…)"),
        ("\t指标1：落实主体责任", ["1"], "marker", "indicator number"),
        ("指标2、", ["2"], "marker", "indicator number"),
        # ordinals
        ("决赛乡镇组第三名。", ["三名"], "ordinal", "ordinal (第…)"),
        ("湖南省第四届巾帼创新", ["四届"], "ordinal", "ordinal (第…)"),
        ("获得育婴员第3名", ["3名"], "ordinal", "ordinal (第…)"),
        ("中国妇女第十三次代表大会", ["十三次"], "ordinal", "ordinal (第…)"),
        ("深入推进第二批主题教育", ["二批"], "ordinal", "ordinal (第…)"),
        ("排名第一", ["一"], "ordinal", "ordinal (第…)"),
        # specials
        ("00后妇联主席", ["00后"], "proper", "generation (00后)"),
        ("为庆祝建党100周年，", ["100周年"], "proper", "anniversary"),
        ("通知(乐财预[2024]2 号)文件", ["[2024]2 号"], "code", "document number"),
        ("湘财绩〔2023〕5号", ["〔2023〕5号"], "code", "document number"),
        ("湘财预〔2024〕第12号", ["〔2024〕第12号"], "code", "document number"),
        ("（2023）湘0102民初1234号判决", ["（2023）湘0102民初1234号"], "code", "document number"),
        # vague numerals
        ("吸引数十人参加", ["数十人"], "proper", "vague number (数十, 几百)"),
        ("几十人", ["几十人"], "proper", "vague number (数十, 几百)"),
        ("惠及数万人", ["数万人"], "proper", "vague number (数十, 几百)"),
    ],
)
def test_not_a_quantity(text: str, spans: list[str], kind: str, reason: str | None) -> None:
    found = extract(text)
    assert [span(text, m) for m in found] == spans
    for m in found:
        assert m.kind == kind
        assert not m.is_quantity
        assert m.value is None
        assert m.reason == reason if reason is not None else m.reason
    assert quantities(text) == []


def test_date_parts() -> None:
    text = "2023年12月31日"
    assert [(span(text, m), m.kind, m.reason) for m in extract(text)] == [
        ("2023年", "year", "year"), ("12月", "date", "month"), ("31日", "date", "day"),
    ]  # fmt: skip


def test_years_carry_their_year() -> None:
    assert only("2023年").years == (2023,)
    assert only("2023 年度").years == (2023,)
    assert only("二〇二三年").years == (2023,)
    assert only("2021-2030年").years == (2021, 2030)


def test_marker_then_year_at_line_start() -> None:
    text = "结转下年0万元\n\n1.2021年资阳区妇联基本支出82.67万元"
    found = extract(text)
    assert [(span(text, m), m.kind) for m in found] == [
        ("0万元", "quantity"), ("1.", "marker"), ("2021年", "year"), ("82.67万元", "quantity"),
    ]  # fmt: skip
    assert found[2].years == (2021,)


def test_numbers_mid_line_are_not_markers() -> None:
    text = "签到1、2号"
    assert all(m.kind != "marker" for m in extract(text))
    text = "共计1.5万元"
    assert [m.kind for m in extract(text)] == ["quantity"]


def test_ordinal_digit_span() -> None:
    text = "第3名"
    m = only(text)
    assert text[m.num_start : m.num_end] == "3"
    text = "第十三次"
    m = only(text)
    assert text[m.num_start : m.num_end] == "十三"


@pytest.mark.parametrize(
    ("text", "spans", "reason"),
    [
        ("宣传贯彻党的二十大精神", ["二十大"], "congress and plenary sessions"),
        ("编制“十四五”妇女发展规划", ["十四五"], "plan periods"),
        ("评选三八红旗手30个", ["三八红旗手", "30个"], "festivals and named days"),
        ("“六一”期间", ["六一"], "festivals and named days"),
        ("“12338维权热线", ["12338"], "hotlines"),
        ("农村适龄妇女“两癌”免费检查", ["两癌"], "fixed phrases"),
        ("家庭教育“一法一条例”执法检查", ["一法一条例"], "fixed phrases"),
        ("认真落实“四下基层”制度", ["四下基层"], "fixed phrases"),
        ("未成年人保护“五防”教育宣讲200余场", ["五防", "200余场"], "fixed phrases"),
        ("十九届五中全会精神", ["十九届", "五中全会"], "congress and plenary sessions"),
        ("万事达生态农业", ["万事达"], "company and place names"),
        ("走进千家万户", ["千家万户"], "fixed phrases"),
        ("十分重视", ["十分"], "fixed phrases"),
        ("“三·八”维权周", ["三·八"], "festivals and named days"),
    ],
)
def test_proper_nouns(text: str, spans: list[str], reason: str) -> None:
    found = extract(text)
    assert [span(text, m) for m in found] == spans
    assert (found[0].kind, found[0].reason) == ("proper", reason)
    names = dict(builtin_lexicon())
    for m in found:
        assert m.kind == ("proper" if span(text, m) in names else "quantity")


@pytest.mark.parametrize(
    "text",
    ["服务百姓", "走进万家", "统一部署", "统一批复", "进一步加强", "唯一一个", "百花齐放", "万元",
     "一起", "一定", "大小不一", "同一", "一点也不"],
)  # fmt: skip
def test_numerals_inside_words_are_no_numbers(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("text", "want_span"),
    [("成立一个小组", "一个"), ("开展一次", "一次"), ("举办一场活动", "一场"), ("民族团结一家亲", "一家")],
)
def test_yi_with_a_measure_word_is_an_article(text: str, want_span: str) -> None:
    m = only(text)
    assert span(text, m) == want_span
    assert (m.kind, m.reason) == ("proper", "一 as an article (一个, 一批)")
    assert m.chinese


def test_yi_pi_is_a_fixed_phrase() -> None:
    text = "等一批网络短视频"
    m = only(text)
    assert (span(text, m), m.kind, m.reason) == ("一批", "proper", "fixed phrases")


def test_yi_counts_with_a_hedge_or_scale() -> None:
    assert one_quantity("一万人").value == 10_000
    assert one_quantity("近一万人").hedge == "近"


# ---------------------------------------------------------------- lexicon


def test_builtin_lexicon_loads() -> None:
    pairs = dict(builtin_lexicon())
    assert pairs["二十大"] == "congress and plenary sessions"
    assert pairs["12338"] == "hotlines"  # a YAML number is read as text
    assert builtin_lexicon() is builtin_lexicon()  # loaded once


def test_lexicon_terms_forms() -> None:
    assert lexicon_terms(None) == ()
    assert lexicon_terms([]) == ()
    assert lexicon_terms(["五个一"]) == (("五个一", "user lexicon"),)
    assert lexicon_terms({"projects": ["五个一", 520]}) == (("五个一", "projects"), ("520", "projects"))


def test_user_lexicon_list() -> None:
    text = "推进五个一工程"
    assert [(span(text, m), m.kind) for m in extract(text)] == [("五个", "quantity")]
    m = only(text, lexicon=["五个一"])
    assert (span(text, m), m.kind, m.reason) == ("五个一", "proper", "user lexicon")


def test_user_lexicon_mapping() -> None:
    text = "开展“春蕾2号”行动"
    m = only(text, lexicon={"project names": ["春蕾2号"]})
    assert (span(text, m), m.kind, m.reason) == ("春蕾2号", "proper", "project names")


def test_user_lexicon_extends_builtin() -> None:
    text = "学习二十大精神，推进五个一工程"
    found = extract(text, lexicon=["五个一"])
    assert [(span(text, m), m.reason) for m in found] == [
        ("二十大", "congress and plenary sessions"), ("五个一", "user lexicon"),
    ]  # fmt: skip


def test_user_lexicon_may_rename_a_builtin_reason() -> None:
    assert only("二十大", lexicon={"party congress": ["二十大"]}).reason == "party congress"


def test_user_lexicon_without_numerals_is_ignored() -> None:
    assert extract("妇联组织", lexicon=["妇联"]) == []


def test_digit_terms_do_not_match_inside_longer_numbers() -> None:
    text = "共123456人"  # holds the hotline 12345
    m = only(text)
    assert (span(text, m), m.kind, m.value) == ("123456人", "quantity", D(123456))
    text = "服务5200人，开展520活动"
    found = extract(text, lexicon=["520"])
    assert [(span(text, m), m.kind) for m in found] == [("5200人", "quantity"), ("520", "proper")]


def test_user_name_holding_a_document_number_wins() -> None:
    text = "通知(乐财预[2024]2 号)文件"
    m = only(text, lexicon=["乐财预[2024]2 号"])
    assert (span(text, m), m.kind, m.reason) == ("乐财预[2024]2 号", "proper", "user lexicon")


def test_user_name_holding_a_named_day_wins() -> None:
    text = "“6·26国际禁毒日”"
    m = only(text, lexicon={"named days": ["6·26国际禁毒日"]})
    assert (span(text, m), m.reason) == ("6·26国际禁毒日", "named days")
    m = only(text, lexicon=["6·26"])  # the same span: the built-in reason stays
    assert m.reason == "named day (月·日)"


def test_fullwidth_user_term() -> None:
    text = "开展“春蕾２号”行动"
    for term in ("春蕾２号", "春蕾2号"):  # matched on normalised text, either way it is written
        m = only(text, lexicon={"project names": [term]})
        assert (span(text, m), m.reason) == ("春蕾２号", "project names")


def test_a_name_beats_a_range_reaching_into_it() -> None:
    text = "3-12338人"
    found = extract(text)
    assert [(span(text, m), m.kind) for m in found] == [("12338", "proper")]


# ---------------------------------------------------------------- intervals


def interval_of(text: str) -> tuple[Decimal, Decimal, bool, bool]:
    return one_quantity(text).interval()


@pytest.mark.parametrize(
    ("text", "low", "high", "low_closed", "high_closed"),
    [
        # unhedged: the rounding interval, 四舍五入
        ("534.5", "534.45", "534.55", True, False),
        ("534.51万元", "5345050", "5345150", True, False),  # base units: 万元 x 10000
        ("83.6%", "83.55", "83.65", True, False),  # percent stays percent
        ("440场", "439.5", "440.5", True, False),
        ("2万人", "15000", "25000", True, False),
        ("两万人", "15000", "25000", True, False),  # Chinese written to the 万, as 2万
        ("一百二十三万元", "1225000", "1235000", True, False),
        # 余 / 多: (v, v + one unit of the last written digit)
        ("440余场", "440", "450", False, False),
        ("100余人", "100", "200", False, False),
        ("20余万株", "200000", "300000", False, False),
        ("1.58万余人", "15800", "15900", False, False),
        ("5万余人次", "50000", "60000", False, False),
        ("10 万余元", "100000", "110000", False, False),  # 余 after 万: 10万 and some
        ("十万余元", "100000", "110000", False, False),
        ("十余场", "10", "20", False, False),
        ("十几人", "10", "20", False, False),
        # 近: [0.8 v, v)
        ("近万名", "8000", "10000", True, False),
        ("近3000人", "2400", "3000", True, False),
        # 不足 / 以下
        ("不足10人", "0", "10", True, False),
        ("10人以下", "0", "10", True, True),
        ("5人以内", "0", "5", True, True),
        # 以上 / 超过 / 逾
        ("100人以上", "100", "Infinity", True, False),
        ("超过100人", "100", "Infinity", True, False),
        ("逾千人", "1000", "Infinity", True, False),
        # 约 / 左右: [0.9 v, 1.1 v]
        ("约200人", "180", "220", True, True),
        ("200人左右", "180", "220", True, True),
        # ranges
        ("3-5人", "3", "5", True, True),
    ],
)
def test_interval(text: str, low: str, high: str, low_closed: bool, high_closed: bool) -> None:
    assert interval_of(text) == (D(low), D(high), low_closed, high_closed)


@pytest.mark.parametrize(
    ("text", "step"),
    [("534.51万元", "100"), ("534.5", "0.1"), ("97.43 万元", "100"), ("83.6%", "0.1"), ("3亿元", "100000000"),
     ("96769.85元", "0.01"), ("440场", "1"), ("两万人", "10000"), ("一万二千人", "1000")],
)  # fmt: skip
def test_step(text: str, step: str) -> None:
    assert one_quantity(text).step == D(step)


@pytest.mark.parametrize(
    ("text", "step"),
    [("440余场", "10"), ("100余人", "100"), ("1.58万余人", "100"), ("20余万株", "100000"),
     ("5万余人次", "10000"), ("10 万余元", "10000"), ("10余万元", "100000"), ("1万余份", "10000"),
     ("0余人", "1"), ("两万余人", "10000"), ("二十余万株", "100000")],
)  # fmt: skip
def test_hedge_step(text: str, step: str) -> None:
    assert one_quantity(text).hedge_step() == D(step)


def test_values_are_in_base_units() -> None:
    assert one_quantity("97.43 万元").value == D("974300")
    assert one_quantity("3亿元").value == D("300000000")
    assert one_quantity("1.58万余人").value == D("15800")
    assert one_quantity("83.6%").value == D("83.6")
    assert one_quantity("2个百分点").value == D("2")


# ---------------------------------------------------------------- parse_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", "10"), ("十五", "15"), ("二十", "20"), ("一百", "100"), ("一百零五", "105"),
        ("一百二十三", "123"),
        ("两千三百", "2300"), ("一千零二", "1002"), ("一万二千", "12000"), ("一万零五", "10005"),
        ("三亿五千万", "350000000"), ("一百二十三万", "1230000"), ("十万", "100000"), ("一千万", "10000000"),
        ("万", "10000"), ("百", "100"), ("亿", "100000000"), ("两万", "20000"), ("零", "0"), ("〇", "0"),
        # spoken short forms: the digit is one place below the unit
        ("一万二", "12000"), ("一千二", "1200"), ("一百二", "120"), ("三千五", "3500"), ("十万二", "102000"),
        ("一亿二", "120000000"), ("一万亿", "1000000000000"), ("万亿", "1000000000000"),
        # digit by digit (years, codes)
        ("二〇二三", "2023"), ("二〇二一", "2021"),
        # fractions
        ("九十四点零九", "94.09"), ("零点五", "0.5"), ("三点一四", "3.14"),
    ],
)  # fmt: skip
def test_parse_chinese(text: str, value: str) -> None:
    assert parse_chinese(text) == D(value)


@pytest.mark.parametrize(
    "text",
    ["", "十四五", "百百", "十十", "千百千", "万万", "一两", "一点", "点五", "九十四点十", "abc", "十x"],
)
def test_parse_chinese_malformed(text: str) -> None:
    assert parse_chinese(text) is None


# ---------------------------------------------------------------- format_value


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "shown"),
    [
        ("5345100", "万元", 2, "534.51万元"),
        ("5345150", "万元", 2, "534.52万元"),  # half up, not half even
        ("5345250", "万元", 2, "534.53万元"),
        ("5345149", "万元", 2, "534.51万元"),
        ("100000", "万元", 2, "10.00万元"),
        ("100000", "万元", None, "10万元"),
        ("974300.00", "万元", None, "97.43万元"),
        ("653000.0", "万元", None, "65.3万元"),
        ("0", "万元", 2, "0.00万元"),
        ("300000000", "亿元", None, "3亿元"),
        ("12345", "千元", 1, "12.3千元"),
        ("96769.85", "元", None, "96769.85元"),
        ("1E+5", "元", None, "100000元"),
        ("83.6", "%", 2, "83.60%"),
        ("0.125", "%", 2, "0.13%"),
        ("94.085", "%", 2, "94.09%"),
        ("2.5", "人", 0, "3人"),
        ("83.60", "%", None, "83.6%"),
    ],
)
def test_format_value(value: str, unit: str, decimals: int | None, shown: str) -> None:
    assert format_value(D(value), unit, decimals) == shown


def test_format_value_round_trips_through_extract() -> None:
    for text in ["534.51万元", "97.43万元", "83.6%", "96769.85元", "3亿元"]:
        m = one_quantity(text)
        assert m.value is not None
        assert format_value(m.value, m.unit, m.decimals) == text


# ---------------------------------------------------------------- the example reports


# what a figure with a unit looks like; each one must be read as a quantity
_FIGURE = re.compile(
    r"(?<![\d.第])\d+(?:\.\d+)?\s*(?:万余|余万|万|余|多)?\s*"
    r"(?:万元|元|%|人次|场次|人|场|次|户|个|家|名|篇|份|株|期|件|位|例|条|分)"
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_example_report_smoke(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = extract(text)
    qs = [m for m in found if m.is_quantity]
    assert len(qs) >= 20
    last_end = 0
    for m in found:
        assert last_end <= m.start < m.end <= len(text)
        assert m.start <= m.num_start <= m.num_end <= m.end
        assert m.text == text[m.start : m.end]
        last_end = m.end
        if not m.is_quantity:
            assert m.reason, m
            continue
        assert m.value is not None and m.value >= 0, m
        assert m.upper is None or m.upper > m.value
        assert m.reason == ""
        if m.dim == "money":
            assert m.value < 10**9, m  # a 妇联 spends less than 10亿
        if m.dim == "percent":
            assert m.value <= 200, m
        low, high, _, _ = m.interval()
        assert low <= m.value <= high
    covered = {i for m in qs for i in range(m.start, m.end)}
    missed = [f.group() for f in _FIGURE.finditer(text) if f.start() not in covered]
    assert missed == []


@pytest.mark.parametrize(
    ("name", "want_span", "value", "hedge", "conflict"),
    [
        ("hengyang-2023", "440余场", "440", "余", False),
        ("hengyang-2023", "近1万余人", "10000", "近…余", True),
        ("hengyang-2023", "20余万株", "200000", "余", False),
        ("hengyang-2023", "近万名", "10000", "近", False),
        ("hengyang-2023", "四期", "4", None, False),
        ("yuelu-2021", "96769.85元", "96769.85", None, False),
        ("yuelu-2021", "106.87%", "106.87", None, False),
        ("laoting-2023", "97.43 万元", "974300", None, False),
        ("laoting-2023", "10 万余元", "100000", "余", False),
        ("laoting-2023", "20.00 元", "20.00", None, False),
        ("ziyang-2021", "20000人以上", "20000", "以上", False),
        ("ziyang-2021", "98分", "98", None, False),
    ],
)
def test_example_report_figures(
    name: str, want_span: str, value: str, hedge: str | None, conflict: bool
) -> None:
    text = (EXAMPLES[0].parent.parent / name / "report.txt").read_text(encoding="utf-8")
    hits = [m for m in quantities(text) if span(text, m) == want_span]
    assert hits, want_span
    for m in hits:
        assert (m.value, m.hedge, m.hedge_conflict) == (D(value), hedge, conflict)


def test_example_report_non_quantities() -> None:
    text = (EXAMPLES[0].parent.parent / "ziyang-2021" / "report.txt").read_text(encoding="utf-8")
    kinds = {span(text, m): m.kind for m in extract(text) if not m.is_quantity}
    assert kinds["2021-2030年"] == "period"
    assert kinds["十四五"] == "proper"
    assert kinds["6·26"] == "date"
    assert kinds["3名"] == "ordinal"
    assert kinds["1."] == "marker"


def test_extract_is_fast() -> None:
    text = max(EXAMPLES, key=lambda p: p.stat().st_size).read_text(encoding="utf-8")
    extract(text)  # lexicon loaded, regexes compiled
    best = min(_timed(text) for _ in range(5))
    assert best < 0.020, f"extract took {best * 1000:.1f} ms"


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    extract(text)
    return time.perf_counter() - t0


# ---------------------------------------------------------------- properties

# characters that make numbers, units, hedges, markers and names collide
_ALPHABET = (
    "0123456789０１２３４５６７８９.．,%％‰-—~·[]〔〕()（）、：:\n \t"
    "零〇一二两三四五六七八九十百千万亿点分之第是年月日号余多几近约超逾不足以上下左右内"
    "元人次场户个家名篇份株期件位批届后周数统唯大会全中八癌"
)


def _check_spans(text: str, found: list[Mention]) -> None:
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end, (text, [(span(text, x), x.kind) for x in found])
        assert m.text == text[m.start : m.end]
        assert m.start <= m.num_start <= m.num_end <= m.end
        assert (m.value is not None) == m.is_quantity
        if m.is_quantity:
            m.interval()
        last_end = m.end


if not HAVE_HYPOTHESIS:

    def test_properties_need_hypothesis() -> None:
        pytest.skip("hypothesis is not installed: property tests skipped")

else:

    @given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=2))
    def test_wan_yuan_round_trip(n: int, places: int) -> None:
        v = D(n).scaleb(-places)
        for text in (f"{v:f}万元", f"支出{v:f}万元，", f"合计 {v:f} 万元。"):
            m = one_quantity(text)
            assert m.value == v * 10_000
            assert m.unit == "万元" and m.dim == "money"
            assert m.decimals == places
            assert m.step == D(1).scaleb(-places) * 10_000
            assert span(text, m).strip(" 支出合计，。") == text.strip(" 支出合计，。")

    @settings(max_examples=300)
    @given(st.text())
    def test_extract_never_raises_on_any_text(text: str) -> None:
        _check_spans(text, extract(text))

    @settings(max_examples=1500)
    @given(st.text(alphabet=_ALPHABET, max_size=40))
    def test_extract_spans_are_ordered_and_disjoint(text: str) -> None:
        _check_spans(text, extract(text))

    @settings(max_examples=300)
    @given(
        st.text(alphabet=_ALPHABET, max_size=30),
        st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=6)),
    )
    def test_extract_with_user_lexicon(text: str, terms: list[str]) -> None:
        _check_spans(text, extract(text, lexicon=terms))

    @given(st.text(alphabet="零〇一二两三四五六七八九十百千万亿点", max_size=12))
    def test_parse_chinese_never_raises(text: str) -> None:
        value = parse_chinese(text)
        assert value is None or value >= 0


@pytest.mark.parametrize(
    ("text", "closed"), [("不超过100人", True), ("100人以下", True), ("不足100人", False)]
)
def test_at_most_includes_its_figure_less_than_does_not(text: str, closed: bool) -> None:
    low, high, _, high_closed = one_quantity(text).interval()
    assert (low, high, high_closed) == (D(0), D(100), closed)
