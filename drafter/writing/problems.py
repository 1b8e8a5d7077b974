"""存在的问题 and 改进措施 from what the data shows, before any general point.

Problems the data itself shows come first: the data audit's errors (named, not repeating a wrong
figure), indicators below full marks (one problem listing each, with its 偏差原因), 执行率 below 90% or
above 100%, 超编; then the staff's own notes. Each is a sentence whose figures are `Traced` to their
facts. Improvements: the staff's own measures, then one for each kind of problem found.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drafter.audit.rules import audit
from drafter.data.model import Money, ReportData
from drafter.facts.build import FactBase, build_facts
from drafter.writing.figures import ContextBuilder, money, pct, said, shown, trimmed
from drafter.writing.outline import Section
from drafter.writing.provenance import Traced, cat, figure, join, passage, rstrip

_ENDS = "。；;，, "  # a value cell's own end punctuation, dropped before the sentence goes on
LOW_RATE = Decimal(90)  # 执行率 below this needs a reason (domain.md)


@dataclass(frozen=True)
class Issue:
    """A problem the data shows, as a sentence with its figures and the facts they come from."""

    kind: str  # low_rate, over_budget, indicator, overstaffed, note
    text: Traced | str
    facts: tuple[str, ...] = ()


def issues(data: ReportData, facts: FactBase | None = None) -> list[Issue]:
    """Problems the data itself shows, most important first, then the staff's own notes."""
    facts = build_facts(data) if facts is None else facts
    out = _rate_issues(data) + _indicator_issues(data, facts)
    out = _merge_indicator_issues(out)
    out += _staff_issues(data)
    out += _data_issues(data, facts)
    out += _note_issues(data, facts)
    return out


def _money_lines(data: ReportData) -> list[tuple[str, str, Money | None]]:
    """The money lines whose 执行率 can be a problem: (fact path, default label, line)."""
    b = data.budget
    lines: list[tuple[str, str, Money | None]] = [
        ("budget.total", "部门整体支出", b.total),
        ("budget.spending", "支出合计", b.spending),
        ("budget.basic", "基本支出", b.basic),
        ("budget.personnel", "人员支出", b.personnel),
        ("budget.public", "公用支出", b.public),
        ("budget.projects_total", "项目支出", b.projects_total),
    ]
    lines += [(f"budget.sources[{i}]", s.label or "资金", s) for i, s in enumerate(b.sources)]
    lines += [(f"budget.projects[{i}]", p.label, p) for i, p in enumerate(b.projects)]
    return lines


def _rate_issues(data: ReportData) -> list[Issue]:
    """执行率 below 90% or above 100%, one problem per money line (a repeated line said once)."""
    out: list[Issue] = []
    seen: set[tuple[Decimal, Decimal]] = set()
    for path, default, line in _money_lines(data):
        if line is None or line.actual is None:
            continue
        key = (line.budget if line.budget is not None else line.initial_budget or Decimal(0), line.actual)
        if key in seen:  # a lone project repeats its total: say it once
            continue
        seen.add(key)
        issue = _rate_issue(path, line.label or default, line, data.budget.unit)
        if issue is not None:
            out.append(issue)
    return out


def _rate_issue(path: str, label: str, line: Money, unit: str) -> Issue | None:
    assert line.actual is not None
    budget = line.budget if line.budget is not None else line.initial_budget
    if not budget:
        return None
    rate = line.actual / budget * 100
    budget_id = f"{path}.budget" if line.budget is not None else f"{path}.initial_budget"
    figures = (
        figure(money(budget, unit), budget_id),
        figure(money(line.actual, unit), f"{path}.actual"),
        figure(pct(rate), f"{path}.rate~"),
    )
    ids = (budget_id, f"{path}.actual", f"{path}.rate~")
    if rate < LOW_RATE:
        return Issue(
            "low_rate",
            cat(
                f"{label}预算数",
                figures[0],
                "，实际执行",
                figures[1],
                "，执行率",
                figures[2],
                # no "低于90%": a threshold is not a figure of the data, and the checker
                # rightly reads "低于90%" next to 32.88% as a loose claim about the rate
                "，预算执行进度不够理想",
            ),
            ids,
        )
    if rate > 100:
        return Issue(
            "over_budget",
            cat(
                f"{label}预算数",
                figures[0],
                "，实际支出",
                figures[1],
                "，执行率",
                figures[2],
                "，超出年初预算，预算编制的准确性有待提高",
            ),
            ids,
        )
    return None


def _indicator_issues(data: ReportData, facts: FactBase) -> list[Issue]:
    """One problem per indicator below full marks, with its target, result and 偏差原因."""
    out: list[Issue] = []
    for i, ind in enumerate(data.indicators):
        if ind.weight is None or ind.score is None or ind.score >= ind.weight:
            continue
        at = f"indicators[{i}]"
        reason = (
            cat("，", rstrip(passage(ind.deviation, f"{at}.deviation", facts), "。")) if ind.deviation else ""
        )
        target = rstrip(passage(ind.target, f"{at}.target", facts), _ENDS) if ind.target else ""
        actual = rstrip(passage(ind.actual, f"{at}.actual", facts), _ENDS) if ind.actual else ""
        out.append(
            Issue(
                "indicator",
                cat(
                    "“",
                    passage(ind.name, f"{at}.name", facts),
                    "”指标",
                    cat("年度指标值为“", target, "”，") if target else "",
                    cat("实际完成“", actual, "”，") if actual else "",
                    "得分",
                    figure(f"{ind.score}", f"{at}.score"),
                    "分（分值",
                    figure(f"{ind.weight}", f"{at}.weight"),
                    "分）",
                    reason,
                ),
                (f"{at}.score",),
            )
        )
    return out


def _staff_issues(data: ReportData) -> list[Issue]:
    """超编: more staff than 编制."""
    s = data.staff
    if s.authorized is None or s.actual is None or s.actual <= s.authorized:
        return []
    return [
        Issue(
            "overstaffed",
            cat(
                "核定编制",
                figure(f"{s.authorized}", "staff.authorized"),
                "人，实有人数",
                figure(f"{s.actual}", "staff.actual"),
                "人，超出编制",
                figure(f"{s.actual - s.authorized}", "staff.over~"),
                "人",
            ),
            ("staff.authorized", "staff.actual"),
        )
    ]


def _note_issues(data: ReportData, facts: FactBase) -> list[Issue]:
    """The staff's own problems, after the ones the data shows."""
    return [
        Issue("note", rstrip(passage(note, f"problems[{i}]", facts), "。"))
        for i, note in enumerate(data.problems)
        if note.strip() not in ("", "无", "无。")
    ]


def _merge_indicator_issues(found: list[Issue]) -> list[Issue]:
    """Several indicators below full marks are one problem listing each, not one 一是 per indicator."""
    rows = [i for i in found if i.kind == "indicator"]
    if not rows:
        return found
    lead = "部分绩效指标未达到满分：" if len(rows) > 1 else "绩效指标未达到满分："
    merged = Issue(
        "indicator", cat(lead, join("，", [i.text for i in rows])), tuple(f for i in rows for f in i.facts)
    )
    at = found.index(rows[0])
    rest = [i for i in found if i.kind != "indicator"]
    return [*rest[:at], merged, *rest[at:]]


_FINDING_NAMES = {"self_evaluation.grade": "自评等级", "self_evaluation.score": "自评得分"}


def _data_issues(data: ReportData, facts: FactBase) -> list[Issue]:
    """The data audit's errors as one problem: figures that disagree with their own parts or rates.

    Written by name, without the figures (a wrong figure is not repeated as if it were right); the
    audit in draft.json and `drafter facts` gives the arithmetic.
    """
    names: list[str] = []
    for finding in audit(data, facts):
        if finding.severity != "error" or finding.kind in ("missing", "hedge") or finding.fact_id is None:
            continue
        fact = facts.get(finding.fact_id)
        name = fact.label if fact else _FINDING_NAMES.get(finding.fact_id, "")
        name = name.replace("（表列）", "")
        if not name:
            continue
        if not any(c.isdigit() for c in name) and name not in names:
            names.append(name)
    if not names:
        return []
    listed = "、".join(f"“{n}”" for n in names[:4]) + ("等" if len(names) > 4 else "")
    return [
        Issue(
            "data_error",
            f"基础数据填报的准确性有待提高，{listed}与相关明细或计算结果不一致，财务数据审核把关不够严格",
        )
    ]


_IMPROVEMENTS = {
    "data_error": "加强财务数据审核，报送前对合计数、执行率等逐项复核，确保数据真实准确、前后一致",
    "low_rate": "加快预算执行进度，按月分析执行情况，对执行缓慢的项目及时督办，确保资金及时发挥效益",
    "over_budget": "提高预算编制的科学性和准确性，严格按预算执行，确需追加的按程序报批",
    "indicator": "对未完成的绩效指标逐项分析原因，细化措施、明确责任，确保在下年度按期完成",
    "overstaffed": "严格执行机构编制管理规定，逐步消化超编人员",
}


def improvements(data: ReportData, found: list[Issue], facts: FactBase | None = None) -> list[str]:
    """The staff's own measures first, then one measure for each kind of problem the data shows."""
    facts = build_facts(data) if facts is None else facts
    out: list[str] = [
        trimmed(m, f"improvements[{i}]", facts, "。") for i, m in enumerate(data.improvements) if said(m)
    ]
    for kind in dict.fromkeys(i.kind for i in found):
        if kind in _IMPROVEMENTS and _IMPROVEMENTS[kind] not in out:
            out.append(_IMPROVEMENTS[kind])
    return out


def problems_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """存在的问题: the problems found, and the facts their figures state."""
    found = issues(data, facts)
    ctx["issues"] = [i.text for i in found]
    if not found:  # the data shows no problem and the unit named none: asked for, never made up
        ctx["gaps"].append("本单位查找的存在问题及原因（数据自身未显示执行率偏低、指标未完成等问题）")
    ctx["facts"] = [
        {"id": f, "label": facts[f].label, "value": shown(facts[f])}
        for i in found
        for f in i.facts
        if facts.get(f)
    ]


def improvements_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """改进措施: the measures, and the problems they answer."""
    found = issues(data, facts)
    ctx["measures"] = improvements(data, found, facts)
    ctx["issues"] = [i.text for i in found]
    if not ctx["measures"]:
        ctx["gaps"].append("本单位的下一步改进措施")


BUILDERS: dict[str, ContextBuilder] = {
    "problems": problems_context,
    "improvements": improvements_context,
}
