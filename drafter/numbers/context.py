"""What the words around a figure make of it: a marker, an ordinal, a hotline, a name, or a count.

A number's neighbours decide whether it measures anything. 附件1, 指标1, "任务1:" and a "2." after a
full stop number items; 办案二处 and 二期工程 name a division and a phase (二 before a measure word is
an ordinal: a count says 两); 12348 after 拨打 is a hotline; 近三年 is "the last three years", not a
hedged duration; "2019绩效评价" is a year without its 年. Each rule looks at a few characters either side
only, so the scanner stays one pass.
"""

from __future__ import annotations

import re

from drafter.numbers.vocabulary import INNER_HEDGES, SCALES, UNIT_RE, Kind

Rule = tuple[int, int, Kind, str]  # span to ignore (from the figure's start), kind, reason

_HAN = re.compile(r"[\u4e00-\u9fff]")

# heads that number an item rather than count it: 附件1, 指标2, 任务3, 表1
_ITEM_HEADS = re.compile(r"(?:附件|附表|附图|指标|任务|目标|序号|编号)[ \t]*$")
_FIGURE_HEADS = re.compile(r"(?:^|[\n见如下上附详 \t（(、，])[表图][ \t]*$")
# a "2." or "3、" after the end of a sentence starts the next item, like one at a line start
_ITEM_MARK = re.compile(r"\s*(?:[、.．](?!\d)|[)）]\s*[.．、]?)")

# hotlines: 12xxx before a word or mark is one; 110, 119, 120, 122 only with a word that says so
# 12xxx service numbers (12119 森林防火, 12306 …): outside a table cell, where a bare figure may be money
_HOTLINE_SHAPE = re.compile(r"12\d{3}(?=[^\s|｜\d])")
_HOTLINE_BEFORE = re.compile(
    r"(?:(?:拨打|热线|电话|专线|号码|呼叫|致电)[ \t“\"]*"
    r"|(?:12\d\d\d|11[09]|12[02])[”\"]?[、，,和与及/][“\"]?)$"  # the next in a list: 12345、110
)
_HOTLINE_AFTER = re.compile(
    r"[ \t”\"]*(?:热线|专线|平台|报警|急救|火警|服务热线|接警|指挥中心|工单|便民|政务服务|电话)"
)

# 二期工程, 3期项目: a phase, not a number of sessions
_PHASE_AFTER = re.compile(r"期(?:工程|项目|建设|改造|扩建|续建|用地|厂房|工地)")
# 公益二类事业单位, 一类地区, 三类水质: a class named by its number, not a number of kinds
_CLASS_AFTER = re.compile(r"(?:事业单位|地区|区域|县|城市|医院|学校|水质|水体|功能区|标准|资质|疫苗)")
# 从决策、过程、产出、效益四个方面: how a text is organised, not a figure of the data
_ASPECT_AFTER = re.compile(r"(?:方面|维度|环节|层面|领域|角度)")
# 3号楼, 5楼, 2栋, 12号: an address or a serial number
_ADDRESS_AFTER = re.compile(r"\s*(?:号楼|号院|楼|栋|幢|层|单元|号)")

# 办案二处, 一科科长, 一处、二处: a division named by its number
_DIVISION = "处所组科室股庭队站部"
# the last character of a division's name before its number: 办案二处, 刑事检察三部, 民事审判一庭
_ORGAN_ENDS = frozenset("察判案侦诉审务政控监")
_DIVISION_AFTER = re.compile(
    "([" + _DIVISION + r"])(?:\1?(?:长|主任|副)|[、和与及][一二三四五六七八九十]+[" + _DIVISION + "])"
)
_DIVISION_BEFORE = re.compile(r"[一二三四五六七八九十][" + _DIVISION + r"][、和与及]$")

# 近三年, 最近两年, 过去五年(来): the recent past, not a hedged duration
_RECENT_BEFORE = re.compile(r"(?<![将接])(?:最近|过去|近)\s*$")
_RECENT_UNITS = ("年", "个月")

# 编制数十四人: 数 ends the label, the numeral after it is a figure (not 数十, "dozens")
_SHU_WORDS = frozenset(
    "编制 人员 预算 决算 执行 年初 年末 调整 实际 批复 计划 指标 实有 核定 在职 在编 退休 离休 定员 控制 "
    "".split()
)
_SHU_HEADS = frozenset("人次户件总基倍分指场名个项位家篇份例株")  # 人数, 次数, 总数 …

# 临聘人员一人, 公务用车一辆: 一 right after the label of a counted thing counts
_COUNT_LABEL_END = frozenset("员数制额岗车职聘编：:")


def _unit_or_scale_follows(norm: str, i: int, blanks: bool = True) -> bool:
    while blanks and i < len(norm) and norm[i] in " \t\u3000":
        i += 1
    return bool(UNIT_RE.match(norm, i)) or norm[i : i + 1] in SCALES or norm[i : i + 1] in INNER_HEDGES


def _unit_after_item(norm: str, i: int) -> bool:
    """指标 3 个, 任务3项: a count; 附件2 项目支出表: a number and a word (项目), not 2 项."""
    if _unit_or_scale_follows(norm, i, blanks=False):
        return True
    j = i
    while j < len(norm) and norm[j] in " \t\u3000":
        j += 1
    unit = UNIT_RE.match(norm, j) if j > i else None
    return unit is not None and not _HAN.match(norm, unit.end())


def arabic_rule(
    norm: str, start: int, end: int, number_len: int, decimals: int, at_line_start: bool
) -> Rule | None:
    """A whole-number figure that is not a quantity because of its neighbours, or None.

    Each rule is guarded by a one-character test first: most figures meet none of them.
    """
    if decimals:
        return None
    p = start - 1
    while p >= 0 and norm[p] in " \t\u3000":
        p -= 1
    prev = norm[p] if p >= 0 else "\n"
    nxt = norm[end : end + 1]
    before = norm[max(0, start - 8) : start] if prev in _GUARD_BEFORE or nxt in _GUARD_AFTER else ""
    item = _item_rule(norm, start, end, number_len, at_line_start, p, prev, nxt, before)
    if item is not None:
        return item
    if number_len >= 3 and (code := _code(norm, start, end, number_len, nxt, p)):
        return code
    if number_len <= 3 and nxt in _CELL_FIRST and _first_cell(norm, p) and _SERIAL_AFTER.match(norm, end):
        return (start, end, "marker", "serial number (序号)")
    if 3 <= number_len <= 5 and norm[start] == "1" and not _unit_or_scale_follows(norm, end):
        if (number_len == 5 and _HOTLINE_SHAPE.match(norm, start)) or (
            _HOTLINE_BEFORE.search(before) or _HOTLINE_AFTER.match(norm, end)
        ):
            return (start, end, "code", "hotline (12345, 110)")
    return _word_rule(norm, start, end, nxt, before)


def _item_rule(
    norm: str,
    start: int,
    end: int,
    number_len: int,
    at_line_start: bool,
    p: int,
    prev: str,
    nxt: str,
    before: str,
) -> Rule | None:
    """A figure that numbers a note or an item: 注1, 附件1, 指标2, "…的问题。2.加强"."""
    # a footnote mark glued to what it annotates (收回287份注1。) or opening its note (注2：满意度…)
    if prev == "注" and p == start - 1 and number_len <= 2 and (not nxt or nxt in _FOOTNOTE_AFTER):
        return (start, end, "marker", "footnote mark (注1)")
    # items: 附件1, 指标2 落实, 任务1:, 见表3, 表 1-1 (its sub-number too); but in a flattened
    # 自评表 row (达成预期指标 8 8 时效指标) a blank-separated pair of figures is 分值 and 得分, not 指标8
    if prev in _ITEM_LAST and (_ITEM_HEADS.search(before) or _FIGURE_HEADS.search(before)):
        cells = p < start - 1 and _CELL_PAIR_AFTER.match(norm, end)
        if (
            not cells
            and not _unit_after_item(norm, end)
            and (nxt not in ".．" or not norm[end + 1 : end + 2].isdigit())
        ):
            sub = _SUB_NUMBER.match(norm, end)
            counted = (
                sub and _unit_or_scale_follows(norm, sub.end()) and not norm.startswith("所示", sub.end())
            )
            stop = sub.end() if sub and not counted else end
            return (start, stop, "marker", "item number (附件1, 指标2)")
    # "…的问题。2.加强" and "1)." start an item like a line-start "2."
    if number_len <= 2 and nxt in _MARK_FIRST and (at_line_start or prev in _SENTENCE_END):
        mark = _ITEM_MARK.match(norm, end)
        if mark:
            return (start, mark.end(), "marker", "list marker")
    return None


def _word_rule(norm: str, start: int, end: int, nxt: str, before: str) -> Rule | None:
    """A figure the word after it makes a name: 四个方面, 三年级, 二期工程, 3号楼."""
    if nxt == "个" and _ASPECT_AFTER.match(norm, end + 1):
        return (start, end + 1, "proper", "count of aspects (四个方面)")
    if nxt == "年" and norm.startswith("年级", end):
        return (start, end + 2, "ordinal", "school grade (三年级)")
    if nxt == "期" and _PHASE_AFTER.match(norm, end):
        return (start, end + 1, "ordinal", "phase (二期工程)")
    if nxt in _ADDRESS_FIRST or nxt == " ":
        addr = _ADDRESS_AFTER.match(norm, end)
        if addr and not re.search(r"月\s*$", before):
            return (start, addr.end(), "ordinal", "address or serial number (3号楼)")
    return None


# 318002-某某镇人民政府, 2080505 机关事业单位基本养老保险缴费支出: a unit or budget-subject code before
# its name. A code joined by a dash, or a long code right before a name, or a subject code (2xx, 2xxxx,
# 2xxxxxx) opening a row.
_CODE_JOIN = re.compile(r"[-—_－][ \t]*[\u4e00-\u9fff]")
_CELL_NAME = re.compile(r"[ \t\u3000|｜]+[\u4e00-\u9fff]")


def _code(norm: str, start: int, end: int, number_len: int, nxt: str, p: int) -> Rule | None:
    digits = norm[start:end]
    if number_len == 4 and digits[:2] in ("19", "20"):
        return None  # a year: 2021-2025
    if nxt in "-—_－" and _CODE_JOIN.match(norm, end):
        return (start, end, "code", "unit or budget code (318002-…)")
    if number_len >= 6 and _HAN.match(nxt) and not _unit_or_scale_follows(norm, end):
        return (start, end, "code", "unit or budget code (318002-…)")
    if (
        number_len in (3, 5, 7)
        and digits[0] == "2"
        and nxt in _CELL_FIRST
        and _first_cell(norm, p)
        and _CELL_NAME.match(norm, end)
        and not _unit_or_scale_follows(norm, end)
    ):
        return (start, end, "code", "budget subject code (2080505)")
    if number_len >= 6 and nxt in _CELL_FIRST and _first_cell(norm, p) and _CELL_NAME.match(norm, end):
        if not _unit_or_scale_follows(norm, end):
            return (start, end, "code", "unit or budget code (318002-…)")
    return None


def _first_cell(norm: str, p: int) -> bool:
    """Is position p (the last non-blank before a figure) a line start or a row's opening bar?"""
    if p >= 0 and norm[p] in "|｜":
        p -= 1
        while p >= 0 and norm[p] in " \t\u3000":
            p -= 1
    return p < 0 or norm[p] == "\n"


# "1\t城乡最低生活保障资金\t4980.00", "| 3 | 临时救助资金 |": a row's number, before its label
_SERIAL_AFTER = re.compile(r"(?:[ \u3000]*\t|[ \t\u3000]*[|｜]| {2,})[ \t\u3000|｜]*[\u4e00-\u9fff]")
_CELL_FIRST = frozenset(" \t|｜\u3000")
_ITEM_LAST = frozenset("件表图标务号")  # last characters of the item heads
# 表1-1, 表 1－2, 附件2-3: the sub-number belongs to the item's number, it counts nothing
_SUB_NUMBER = re.compile(r"(?:[ \t]*[-－—–][ \t]*\d{1,2}(?![\d.%]))+")
# a blank, a figure, then a blank or the line's end: the next cell of a row, not an item's text
_CELL_PAIR_AFTER = re.compile(r"[ \t\u3000]+\d+(?:\.\d+)?[%％]?(?=[ \t\u3000]|$)", re.M)
_SENTENCE_END = frozenset("。；;！？!?：:")
_MARK_FIRST = frozenset("、.．)） \t")
_ADDRESS_FIRST = frozenset("号楼栋幢层单")
_GUARD_BEFORE = _ITEM_LAST | frozenset('打线话号叫电”"、，,和与及/注')
_FOOTNOTE_AFTER = frozenset("。，,；;：:）)、\n \t")
_GUARD_AFTER = _ADDRESS_FIRST | frozenset(" ")


def year_without_nian(norm: str, end: int) -> bool:
    """2019绩效评价, 2023预算: a year straight before a word, where a count would need its measure word."""
    nxt = norm[end : end + 1]
    if not nxt or not _HAN.match(nxt) or nxt in "年月日号后至到及和与或":
        return False
    if norm.startswith(_WORDS_NOT_UNITS, end):  # 2021部门整体绩效自评报告: 部门 is a word, not 2021部
        return True
    return not _unit_or_scale_follows(norm, end)


# words that begin with a measure word's character but are no measure word after a year
_WORDS_NOT_UNITS = ("部门",)


def chinese_rule(norm: str, start: int, end: int, raw: str, unit: str) -> Rule | None:
    """A Chinese numeral with a measure word that names rather than counts (二处, 二期工程, 近三年)."""
    if unit == "年" and norm.startswith("年级", end):
        return (start, end + 2, "ordinal", "school grade (三年级)")
    if _PHASE_AFTER.match(norm, end):
        return (start, end + 1, "ordinal", "phase (二期工程)")
    if unit == "类" and (norm[max(0, start - 2) : start] == "公益" or _CLASS_AFTER.match(norm, end + 1)):
        return (start, end + 1, "ordinal", "class (公益二类, 三类地区)")
    if unit == "个" and _ASPECT_AFTER.match(norm, end + 1):
        return (start, end + 1, "proper", "count of aspects (四个方面)")
    if len(raw) == 1 and unit and unit in _DIVISION:
        if (
            raw == "二"
            or norm[start - 1 : start] in _ORGAN_ENDS
            or _DIVISION_AFTER.match(norm, end)
            or _DIVISION_BEFORE.search(norm, max(0, start - 3), start)
        ):
            return (start, end + len(unit), "ordinal", "internal division (二处, 三科)")
    return None


def recent_period(norm: str, start: int, unit: str) -> bool:
    """近三年, 最近两个月: the span of time a report looks back on."""
    return unit in _RECENT_UNITS and bool(_RECENT_BEFORE.search(norm, max(0, start - 3), start))


def shu_is_label(norm: str, shu: int) -> bool:
    """Does the 数 at `shu` end a label (编制数, 人数) rather than start 数十 (dozens)?"""
    return norm[max(0, shu - 2) : shu] in _SHU_WORDS or norm[shu - 1 : shu] in _SHU_HEADS


def counted_label_before(norm: str, start: int) -> bool:
    """临聘人员一人, 编制：一名: 一 after the label of a counted thing is a count, not an article."""
    i = start
    while i > 0 and norm[i - 1] in " \t\u3000":
        i -= 1
    return i > 0 and norm[i - 1] in _COUNT_LABEL_END


# 三级联动, 七大文化, 两地: a numeral before 级/大/地 counts levels, fields, places. Unless the whole phrase
# is in the lexicon it is a number to check (八大文化 for 七大文化 must not pass as a name). 一级/二级 and
# 三级指标 name a level; 十五大 a party congress; 一大批, 一地一策 hold no number.
_LEVEL_AFTER = re.compile(
    r"\s*(?:(?:绩效)?指标|甲等|乙等|丙等|机构|预算单位|单位|医院|学科|响应|资质|人民法院|法院|公路|综合|"
    r"风险|预警|保护|文物|教师|职称|岗位|专业|标准|等级|应急)"
)
_CONGRESS_AFTER = re.compile(r"(?:精神|报告|代表|以来|召开|胜利|党章)")
SLOGAN_WORDS = "大级地"


def slogan_rule(norm: str, start: int, end: int, raw: str) -> Rule | bool | None:
    """For a numeral before 级/大/地: a Rule to ignore it, True to count it, None if it holds no number."""
    word = norm[end : end + 1]
    if word == "级":
        if raw in ("一", "二") or _LEVEL_AFTER.match(norm, end + 1):
            return (start, end + 1, "ordinal", "level (一级指标, 二级甲等)")
        return True
    if raw == "一":
        return None
    if word == "大" and (
        (len(raw) >= 2 and raw[0] in "十二" and "十" in raw)
        or _CONGRESS_AFTER.match(norm, end + 1)
        or norm[max(0, start - 2) : start] == "党的"
    ):
        return (start, end + 1, "proper", "party congress (十五大)")
    return True
