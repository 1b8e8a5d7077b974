"""The years of a report, and the other numbers that are no quantity (dates, codes, names).

A year must be the report year, one next to it, or a year the data lists; 截至 the year before the
report year is a stale date (not_a_quantity). The later pass (misdated): a year that dates the evaluated
year's own budget figures must be that year.

"截至2022年12月31日，全年实际支出5902.47万元" in the 2023 report: 2022 is a year next to the report
year (allowed on its own), but the figure it dates is the 2023 spending the data gives. A year whose
sentence goes straight on to a figure of the year's budget (预算, 执行, 执行率 …, proved by the data),
with no word of comparison between them (上年, 较, 同比 …), is the report year, or a copying mistake.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from drafter.check.causes import Cause
from drafter.check.index import NAME_IN_DATA
from drafter.check.layout import Doc
from drafter.check.result import Verdict
from drafter.facts.build import TITLE_AFTER_YEAR, FactBase
from drafter.numbers import Mention

# figures of the evaluated year's budget (not 上年数: that one belongs to the year before)
_THIS_YEARS = frozenset({"budget", "initial_budget", "received", "actual", "rate", "balance"})
_COMPARISON = re.compile(r"上年|去年|上一年|前年|较|比|同比|相比|以来|至今|累计|期间|规划")
_NEAR = 30  # characters between the year and the figure it dates
_AS_OF_BEFORE = re.compile(r"(?:截至|截止|截止到|截至到)\s*$")
_YEAR_END = re.compile(r"\s*年?\s*(?:12\s*月\s*31\s*日|底|末)")
_YEAR_IN = re.compile(r"(?:19|20)\d\d(?=\s*年)")
_TITLE_LINE = 60  # a cover or heading line is short and has no sentence marks
_PROSE_MARKS = re.compile(r"[。，；;！？]")
_OPENING_BEFORE = re.compile(r"现将[^。，；;\n]{0,20}$")  # 现将2022年度…自评情况报告如下


def not_a_quantity(facts: FactBase, doc: Doc, m: Mention) -> Verdict:
    """The verdict on a number that is no quantity: a year is checked, anything else ignored (its reason)."""
    text = doc.text
    sentence = text[doc.sentence_start(m.start) : doc.sentence_end(m.end)].strip()
    stale = _stale_as_of(facts, text, m, sentence) if m.kind == "year" else None
    if stale is not None:
        return stale
    titled = _title_year(facts, text, m, sentence) if m.kind == "year" else None
    if titled is not None:
        return titled
    if m.kind in ("year", "period"):
        wrong = [y for y in m.years if y not in facts.allowed_years]
        if wrong:
            allowed = "、".join(str(y) for y in sorted(facts.allowed_years))
            return Verdict(
                m,
                "mismatch",
                expected=str(facts.data.unit.year),
                reason=f"年份 {wrong[0]} 不在数据中（报告年度及相邻年份、数据所列年份：{allowed}）",
                sentence=sentence,
                cause=Cause.YEAR_NOT_IN_DATA,
            )
        return Verdict(m, "ok", reason="年份", sentence=sentence, cause=Cause.YEAR)
    cause = Cause.NAME_IN_DATA if m.reason == NAME_IN_DATA else Cause.NOT_A_QUANTITY
    return Verdict(m, "ignored", reason=m.reason, sentence=sentence, cause=cause)


def _stale_as_of(facts: FactBase, text: str, m: Mention, sentence: str) -> Verdict | None:
    """截至2022年12月31日 in a report on 2023: the figures it dates are the report year's.

    Only where the sentence names no other year (截至2022年底累计建成…，2023年新增… compares two).
    """
    year = facts.data.unit.year
    if m.kind != "year" or m.years != (year - 1,):
        return None
    if not (_AS_OF_BEFORE.search(text, max(0, m.start - 4), m.start) and _YEAR_END.match(text, m.end)):
        return None
    if len(set(_YEAR_IN.findall(sentence))) > 1:
        return None
    return Verdict(
        m,
        "mismatch",
        expected=str(year),
        reason=f"截至日期应为报告年度末（{year}年12月31日）：本报告是{year}年度的自评",
        sentence=sentence,
        cause=Cause.STALE_AS_OF,
    )


def _title_year(facts: FactBase, text: str, m: Mention, sentence: str) -> Verdict | None:
    """A year that names the report itself (its cover, a heading, 现将…报告如下) is the report year.

    "2020年度部门整体支出绩效自评报告" on the cover of a 2021 report is a stray year even though 2020 is
    next to the report year; prose about the year before (针对2020年度绩效自评发现的问题，…) is no title
    and stays a year like any other. The data may say why: a title year its own texts name is allowed.
    """
    year = facts.data.unit.year
    if len(m.years) != 1 or m.years[0] == year or m.years[0] in facts.title_years:
        return None
    if not TITLE_AFTER_YEAR.match(text, m.end):
        return None
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    line = text[start : len(text) if end < 0 else end].strip(" \t|　")
    heading = len(line) <= _TITLE_LINE and not _PROSE_MARKS.search(line)
    if not heading and not _OPENING_BEFORE.search(text, max(0, m.start - 24), m.start):
        return None
    return Verdict(
        m,
        "mismatch",
        expected=str(year),
        reason=f"报告名称中的年份应为报告年度（{year}）：本报告是{year}年度的自评",
        sentence=sentence,
        cause=Cause.TITLE_YEAR,
    )


def misdated(doc: Doc, verdicts: Sequence[Verdict], report_year: int) -> list[Verdict]:
    """The verdicts with every year that dates this year's budget figures but is another year flagged."""
    out = list(verdicts)
    for i, v in enumerate(verdicts):
        m = v.mention
        if v.verdict != "ok" or m.kind != "year" or len(m.years) != 1 or m.years[0] == report_year:
            continue
        if doc.tables().at(m.start) is not None:
            continue  # a table's year columns (2022 | 2023) date their own cells
        j = i + 1
        while j < len(verdicts) and not verdicts[j].mention.is_quantity:
            if verdicts[j].mention.kind == "year":
                break  # another year comes first and dates the figure
            j += 1
        if j == len(verdicts) or not verdicts[j].mention.is_quantity:
            continue
        figure = verdicts[j]
        if figure.verdict != "ok" or not _this_years(figure):
            continue
        between = doc.text[m.end : figure.mention.start]
        if len(between) > _NEAR or doc.sentence_end(m.start) < figure.mention.start:
            continue
        if _COMPARISON.search(between):
            continue
        out[i] = Verdict(
            m,
            "mismatch",
            expected=str(report_year),
            reason=f"年份 {m.years[0]} 与其后的数不符：{figure.fact_label or figure.fact_id}"
            f"是 {report_year} 年度（报告年度）的数",
            sentence=v.sentence,
            cause=Cause.MISDATED_YEAR,
            binding=v.binding,
        )
    return out


def _this_years(v: Verdict) -> bool:
    fid = v.fact_id or ""
    if not fid.startswith("budget.") or "last_year" in fid or "yoy" in fid:
        return False
    measure = fid.rsplit(".", 1)[-1].rstrip("~")
    return measure in _THIS_YEARS or measure.startswith("rate")


_DAY_AFTER = re.compile(r"\s*(\d{1,2})\s*[日号]")
_MONTH_BEFORE = re.compile(r"(\d{1,2})\s*月\s*$")
_PERIOD_BOUNDS = frozenset({(1, 1), (12, 31), (1, None), (12, None)})  # the year's own first and last day


def unheld_dates(doc: Doc, verdicts: Sequence[Verdict], facts: FactBase) -> list[Verdict]:
    """In a drafted text, a 月/日 date is a claim: one no text of the data holds is unsupported.

    "于2021年10月15日召开全区妇女代表大会" written by a model, with no such date in the data, is an
    invented fact like a figure. Only drafts are judged so (check(drafted=True)): a published report
    dates what it likes, and the data's bullets carry their dates, so a draft copying them passes.
    """
    text = doc.text
    out = list(verdicts)
    for i, v in enumerate(verdicts):
        m = v.mention
        if m.kind != "date" or m.reason not in ("month", "day"):
            continue
        digits = re.match(r"\d{1,2}", m.text)
        if digits is None:
            continue
        if m.reason == "month":
            month = int(digits.group())
            day_m = _DAY_AFTER.match(text, m.end)
            day = int(day_m.group(1)) if day_m else None
        else:
            month_m = _MONTH_BEFORE.search(text, max(0, m.start - 8), m.start)
            if month_m is None:
                continue
            month, day = int(month_m.group(1)), int(digits.group())
        if (month, day) in facts.dates or (month, day) in _PERIOD_BOUNDS:
            continue
        said = f"{month}月{day}日" if day is not None else f"{month}月"
        out[i] = Verdict(
            m,
            "unsupported",
            reason=f"日期 {said} 不在数据中：草稿中的日期也是需要数据支持的事实",
            sentence=v.sentence,
            cause=Cause.DATE_NOT_IN_DATA,
        )
    return out
