"""Contexts of the sections other provinces' outlines add: 摘要, 部门预算及执行情况, “三公”经费及财务管理,
绩效目标, 评价思路和过程, 绩效分析 (指标完成情况), 主要经验做法, and the 自评表 itself.

Each kind's context builder is registered in `BUILDERS` (drafter.writing.sections joins the registries).
Like drafter.writing.sections, every figure is a `Traced` string naming its fact, and a template writes a
sentence only when its figures exist (no "执行数，执行率，" slots). Statements the unit wrote
(`statements:` with a topic) are used verbatim where their topic fits the section.
"""

from __future__ import annotations

from typing import Any

from drafter.data.model import FUND_LISTS, ReportData
from drafter.facts.details import BUILDING_MEASURES
from drafter.facts.factbase import FactBase
from drafter.facts.finance import THREE_PUBLIC_LINES
from drafter.writing.figures import ContextBuilder, money, money_line, pct, plain
from drafter.writing.outline import Section
from drafter.writing.provenance import cat, figure, passage, rstrip

FUND_NAMES = {
    "gov_fund": "政府性基金预算支出",
    "state_capital": "国有资本经营预算支出",
    "social_insurance": "社会保险基金预算支出",
}
_ENDS = "。；;，, "  # a value cell's own end punctuation (全年开展12场。), dropped before ，得分
# statement topics by the section they belong to
_EVALUATION_WORDS = ("评价", "自评", "组织", "依据", "方法", "过程", "范围")
_EXPERIENCE_WORDS = ("经验", "做法")
_ANALYSIS_WORDS = ("投入", "过程", "产出", "效益", "效果", "决策", "管理", "满意度", "预算执行")


def _topic(topic: str, words: tuple[str, ...]) -> bool:
    return any(w in topic for w in words)


def _statements(
    data: ReportData, facts: FactBase, words: tuple[str, ...], but: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """The unit's own statements whose topic fits, verbatim (numbers traced to their facts)."""
    return [
        {"topic": st.topic, "text": rstrip(passage(st.text, f"statements[{i}]", facts), " \n")}
        for i, st in enumerate(data.statements)
        if _topic(st.topic, words) and not _topic(st.topic, but)
    ]


def _rate_of(section: Section) -> Any:
    """The outline's 执行率 rule for this section (see drafter.writing.figures.money_line)."""
    return section.extra.get("rate_of", "adjusted")


def money_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """摘要, 部门预算及执行情况: every money line the data gives, the funds, the score and grade."""
    b = data.budget
    rate_of = _rate_of(section)
    spending = b.spending if b.spending is not None else b.total
    ctx["total"] = money_line(b.total, "年度资金总额", "budget.total", rate_of, b.unit)
    ctx["spending"] = money_line(
        spending, "支出合计", "budget.spending" if b.spending else "budget.total", rate_of, b.unit
    )
    ctx["basic"] = money_line(b.basic, "基本支出", "budget.basic", rate_of, b.unit)
    ctx["personnel"] = money_line(b.personnel, "人员支出", "budget.personnel", rate_of, b.unit)
    ctx["public"] = money_line(b.public, "公用支出", "budget.public", rate_of, b.unit)
    ctx["projects_total"] = money_line(b.projects_total, "项目支出", "budget.projects_total", rate_of, b.unit)
    ctx["sources"] = [
        {**(money_line(x, x.label or "资金", f"budget.sources[{i}]", rate_of, b.unit) or {})}
        for i, x in enumerate(b.sources)
    ]
    ctx["income"] = money_line(b.income, "本年收入", "budget.income", rate_of, b.unit)
    ctx["income_parts"] = [
        money_line(x, x.label or "收入", f"budget.income_parts[{i}]", rate_of, b.unit)
        for i, x in enumerate(b.income_parts)
    ]
    ctx["carryover_out"] = money_line(b.carryover_out, "结转结余", "budget.carryover_out", rate_of, b.unit)
    ctx["funds"] = [
        {"name": FUND_NAMES[name], "lines": [
            money_line(x, x.label or FUND_NAMES[name], f"budget.{name}[{i}]", rate_of, b.unit)
            for i, x in enumerate(getattr(b, name))
        ]}
        for name in FUND_LISTS
        if getattr(b, name)
    ]  # fmt: skip
    ctx["funds_none"] = [FUND_NAMES[name] for name in b.none]
    ev = data.self_evaluation
    ctx["score"] = figure(f"{ev.score}", "self_evaluation.score") if ev.score is not None else ""
    grade = data.scoring.grade(ev.score) if ev.score is not None else (ev.grade or "")
    ctx["grade"] = grade[:1] if grade[:1] in ("优", "良", "中", "差") else grade


def self_eval_table_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """The 自评表: the money context, then its rows."""
    money_context(section, data, facts, ctx)
    _table(data, facts, ctx)


def finance_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """“三公”经费及财务管理, and 楼堂馆所控制情况."""
    ctx.update(_finance(data, _rate_of(section)))
    ctx["buildings"] = _buildings(data, facts)


def _buildings(data: ReportData, facts: FactBase) -> list[dict[str, Any]]:
    """楼堂馆所's 面积 and 投资: 批复, 实际 and 控制率 (computed), each traced to its fact."""
    bu = data.budget.buildings
    out: list[dict[str, Any]] = []
    for kind, word, _ in () if bu is None else BUILDING_MEASURES:
        approved, actual = getattr(bu, f"approved_{kind}"), getattr(bu, f"actual_{kind}")
        if approved is None and actual is None:
            continue
        shown = (
            (lambda v: money(v, data.budget.unit))
            if kind == "investment"
            else (lambda v: f"{plain(v)}平方米")
        )
        rate = facts.get(f"budget.buildings.{kind}_rate~")
        out.append(
            {
                "word": word,
                "approved": figure(shown(approved), f"budget.buildings.approved_{kind}")
                if approved is not None
                else "",
                "actual": figure(shown(actual), f"budget.buildings.actual_{kind}")
                if actual is not None
                else "",
                "rate": figure(pct(rate.value), rate.id) if rate is not None else "",
            }
        )
    return out


def goals_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """绩效目标: the year's targets and plans."""
    ctx["targets"] = [
        rstrip(passage(g, f"goals.target[{i}]", facts), "。；;") for i, g in enumerate(data.goals.target)
    ]
    ctx["plans"] = [rstrip(passage(g, f"plans[{i}]", facts), "。；;") for i, g in enumerate(data.plans)]


def evaluation_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """评价思路和过程: the unit's statements about how it evaluated."""
    ctx["statements"] = _statements(data, facts, _EVALUATION_WORDS, ("分析", "情况", *_EXPERIENCE_WORDS))
    ctx["indicators"] = list(dict.fromkeys(ind.level1 for ind in data.indicators))
    if not ctx["statements"]:  # how the unit organised and did it: only the unit can say
        ctx["gaps"].append("评价组织、评价方法和评价过程")


def experience_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """主要经验做法: the unit's statements about them."""
    ctx["statements"] = _statements(data, facts, _EXPERIENCE_WORDS)
    if not ctx["statements"]:
        ctx["gaps"].append("本单位的主要经验及做法")


def indicators_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """绩效分析: the analysis statements, indicator rows by group, what was achieved."""
    ctx["analysis"] = _statements(data, facts, _ANALYSIS_WORDS, (*_EXPERIENCE_WORDS, "评价", "单位性质"))
    ctx["groups"] = _indicator_groups(data, facts)
    ctx["achieved"] = [
        rstrip(passage(g, f"goals.achieved[{i}]", facts), "。；;") for i, g in enumerate(data.goals.achieved)
    ]


BUILDERS: dict[str, ContextBuilder] = {
    "summary": money_context,
    "budget_overview": money_context,
    "self_eval_table": self_eval_table_context,
    "finance_management": finance_context,
    "goals": goals_context,
    "evaluation": evaluation_context,
    "experience": experience_context,
    "indicators": indicators_context,
}


def _indicator_groups(data: ReportData, facts: FactBase) -> list[dict[str, Any]]:
    """Indicator rows by 一级指标, each with the figures that exist (no empty target/actual slots)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for i, ind in enumerate(data.indicators):
        at = f"indicators[{i}]"
        name = rstrip(passage(ind.name, f"{at}.name", facts), "。；;，, ")
        if any(c in str(name) for c in "，,。；;"):  # a name that is a sentence: quoted, so it reads as one
            name = cat("“", name, "”")
        row = {
            "name": name,
            # a value cell ending in 。 would join the sentence's ，得分 as "。，"
            "target": rstrip(passage(ind.target, f"{at}.target", facts), _ENDS) if ind.target else "",
            "actual": rstrip(passage(ind.actual, f"{at}.actual", facts), _ENDS) if ind.actual else "",
            "weight": figure(f"{ind.weight}", f"{at}.weight") if ind.weight is not None else "",
            "score": figure(f"{ind.score}", f"{at}.score") if ind.score is not None else "",
            "full": ind.score is not None and ind.weight is not None and ind.score >= ind.weight,
            "as_targeted": bool(ind.target) and ind.target.strip(_ENDS) == ind.actual.strip(_ENDS),
            "deviation": rstrip(passage(ind.deviation, f"{at}.deviation", facts), "。；;")
            if ind.deviation
            else "",
            "level2": ind.level2,
        }
        groups.setdefault(ind.level1, []).append(row)
    return [{"level1": name, "rows": rows, "single": len(rows) == 1} for name, rows in groups.items()]


def _finance(data: ReportData, rate_of: str) -> dict[str, Any]:
    b = data.budget
    out: dict[str, Any] = {"three_public": None, "operating_cost": None, "procurement": None, "assets": None}
    tp = b.three_public
    if tp is not None:
        unit = tp.unit or b.unit
        lines: dict[str, Any] = {name: None for name, _, _ in THREE_PUBLIC_LINES}  # the template asks each
        for name, label, _ in THREE_PUBLIC_LINES:
            line = getattr(tp, name)
            if line is None:
                continue
            path = f"budget.three_public.{name}"
            lines[name] = {
                "label": line.label or label,
                "budget": figure(money(line.budget, unit), f"{path}.budget")
                if line.budget is not None
                else "",
                "actual": figure(money(line.actual, unit), f"{path}.actual")
                if line.actual is not None
                else "",
                "last_year": figure(money(line.last_year, unit), f"{path}.last_year")
                if line.last_year is not None
                else "",
                "yoy_diff": figure(money(abs(line.actual - line.last_year), unit), f"{path}.yoy_diff~")
                if line.actual is not None and line.last_year
                else "",
                "yoy_up": line.actual is not None
                and line.last_year is not None
                and line.actual >= line.last_year,
            }
        out["three_public"] = lines
    if b.operating_cost is not None:
        out["operating_cost"] = money_line(
            b.operating_cost, "机关运行经费", "budget.operating_cost", rate_of, b.unit
        )
    pr = b.procurement
    if pr is not None:
        out["procurement"] = {
            "budget": figure(money(pr.budget, b.unit), "budget.procurement.budget")
            if pr.budget is not None
            else "",
            "actual": figure(money(pr.actual, b.unit), "budget.procurement.actual")
            if pr.actual is not None
            else "",
            "rate": figure(pct(pr.actual / pr.budget * 100), "budget.procurement.rate~")
            if pr.actual is not None and pr.budget
            else "",
            "sme": figure(money(pr.sme, b.unit), "budget.procurement.sme") if pr.sme is not None else "",
            "sme_share": figure(pct(pr.sme / pr.actual * 100), "budget.procurement.sme_share~")
            if pr.sme is not None and pr.actual
            else "",
        }
    a = b.assets
    if a is not None:
        out["assets"] = {
            "total": figure(money(a.total, b.unit), "budget.assets.total") if a.total is not None else "",
            "net": figure(money(a.net, b.unit), "budget.assets.net") if a.net is not None else "",
            "vehicles": figure(str(a.vehicles), "budget.assets.vehicles") if a.vehicles is not None else "",
        }
    return out


def _table(data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """Rows of the 自评表: 资金 lines, 年度总体目标, indicator rows with 一级指标 subtotals, 总分."""
    b = data.budget
    rows = []
    for label, line in (("年度资金总额", ctx["total"]), *((x["label"], x) for x in ctx["sources"])):
        if line and (line.get("budget") or line.get("actual")):
            rows.append(
                line
                | {
                    "label": label
                    if label != "年度资金总额"
                    else (b.total.label or label)
                    if b.total
                    else label
                }
            )
    ctx["money_rows"] = rows
    ctx["targets"] = [
        rstrip(passage(g, f"goals.target[{i}]", facts), "。；;") for i, g in enumerate(data.goals.target)
    ]
    ctx["achieved"] = [
        rstrip(passage(g, f"goals.achieved[{i}]", facts), "。；;") for i, g in enumerate(data.goals.achieved)
    ]
    groups = _indicator_groups(data, facts)
    stated = {(g.level1, g.level2): (k, g) for k, g in enumerate(data.indicator_groups)}
    for n, group in enumerate(groups):
        found = stated.get((group["level1"], ""))
        if found is not None:
            k, g = found
            group["weight"] = (
                figure(f"{g.weight}", f"indicator_groups[{k}].weight") if g.weight is not None else ""
            )
            group["score"] = (
                figure(f"{g.score}", f"indicator_groups[{k}].score") if g.score is not None else ""
            )
        else:
            w = facts.get(f"indicators.level1[{n}].weight~")
            s = facts.get(f"indicators.level1[{n}].score~")
            group["weight"] = figure(plain(w.value), w.id) if w else ""
            group["score"] = figure(plain(s.value), s.id) if s else ""
    ctx["groups"] = groups
    weight = facts.get("self_evaluation.total_weight") or facts.get("indicators.weight_total~")
    ctx["total_weight"] = figure(plain(weight.value), weight.id) if weight else ""
