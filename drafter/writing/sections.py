"""What each kind of section is written from: one context dict, shared by the template writer and prompts.

Figures in a context are already formatted for the reader (534.51万元, 83.61%) from the fact base, so
templates never do arithmetic and a prompt's facts are exactly what the checker will verify. Each one
is a `Traced` string naming the fact it states (drafter.writing.provenance): the built-in writer returns, with
its text, the fact behind every number it wrote, and the checker is tested against that record. The
problems context is derived from the data (execution far from budget, indicators not met, staff above
编制) before the staff's own notes, so 存在问题 says something specific whenever the data does.

`context` fills the part every section shares, then calls the builder its kind is registered with in
`BUILDERS`: the kinds of the Hunan outline here, 存在问题/改进措施 in drafter.writing.problems, the
other provinces' kinds in drafter.writing.overview. A kind without a builder gets the shared part only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drafter.data.model import Headcount, Project, ReportData
from drafter.facts.build import FactBase
from drafter.facts.details import FUND_LEVELS, STAFF_DETAIL_COUNTS
from drafter.writing import overview, problems
from drafter.writing.figures import (
    ContextBuilder,
    count,
    facts_for,
    in_unit,
    money,
    money_line,
    said,
    sentence,
    share,
    trimmed,
)
from drafter.writing.gaps import required_gaps
from drafter.writing.homes import listed
from drafter.writing.narrative import work_paragraphs
from drafter.writing.outline import Section, chinese_number
from drafter.writing.provenance import Traced, cat, figure, passage

ORDINALS = tuple(chinese_number(i) for i in range(1, 100))
# a staff note saying what the unit is and by which document (三定方案, 工作部门): 部门基本情况 opens with it
_FOUNDING_WORDS = (
    "三定", "《", "工作部门", "设立", "成立", "组建", "直属", "正科级", "副处级", "正处级", "机构规格",
)  # fmt: skip


def context(section: Section, data: ReportData, facts: FactBase) -> dict[str, Any]:
    """Everything a section of `section.kind` is written from."""
    u = data.unit
    ctx: dict[str, Any] = {
        "unit": {"name": u.name, "short": u.short_name or u.name, "level": u.level, "year": u.year},
        "section": {
            "id": section.id,
            "heading": section.heading,
            "kind": section.kind,
            "empty": section.empty,
        },
        "facts": [],
        "ordinals": ORDINALS,  # 一 二 … 十一 … for 一是、二是 at any count
        "money_unit": data.budget.unit,  # a table's 单位：万元 / 单位：元, as the data gives its money
        "listed": [],
        "gaps": [],  # what the section needs and the data lacks, by name: marked 〔待补充〕
        "required_gaps": [],  # of those, the outline's required facts (a model's text is marked too)
    }
    if section.empty == "note":  # nothing in the data for it: the writer says so
        return ctx
    build = BUILDERS.get(section.kind or "")
    if build is not None:
        build(section, data, facts, ctx)
    ctx["required_gaps"] = required_gaps(section.require, facts)  # asked for whoever writes the section
    ctx["gaps"] = list(dict.fromkeys([*ctx["required_gaps"], *ctx["gaps"]]))
    ctx["listed"] = listed(data, section.extra.get("listed", ()))  # facts: entries that belong here
    return ctx


def _rate_of(section: Section) -> Any:
    """The outline's 执行率 rule for this section (see drafter.writing.figures.money_line)."""
    return section.extra.get("rate_of", "adjusted")


def basic_info_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """部门基本情况: staff counts and parts, departments, subordinate units, the staff's notes."""
    s = data.staff
    notes = [sentence(n, f"staff.notes[{i}]", facts) for i, n in enumerate(s.notes)]
    founding = {i for i, n in enumerate(s.notes) if any(w in n for w in _FOUNDING_WORDS)}
    departments = s.departments_count if s.departments_count is not None else len(s.departments)
    ctx["staff"] = {
        "authorized": count(s.authorized, "staff.authorized"),
        "actual": count(s.actual, "staff.actual"),
        "retired": count(s.retired, "staff.retired"),
        "temporary": count(s.temporary, "staff.temporary"),
        "as_of": s.as_of or "",  # a date the data gives, never one made up
        "authorized_parts": [
            {**p.model_dump(), "count": count(p.count, f"staff.authorized_parts[{i}]")}
            for i, p in enumerate(s.authorized_parts)
        ],
        "actual_parts": [
            {**p.model_dump(), "count": count(p.count, f"staff.actual_parts[{i}]")}
            for i, p in enumerate(s.actual_parts)
        ],
        "departments": s.departments,
        "departments_count": count(departments, "staff.departments") if departments else departments,
        "subordinate_units": s.subordinate_units,
        "subordinate_count": count(len(s.subordinate_units), "staff.subordinate_units"),
        "founding": [notes[i] for i in founding],
        "notes": [n for i, n in enumerate(notes) if i not in founding],
        # a note naming every subordinate unit says more than 下属单位N个: the list is not said again
        "subordinate_said": bool(s.subordinate_units)
        and all(any(u in n for n in s.notes) for u in s.subordinate_units),
        "retired_parts": _headcounts(s.retired_parts, "staff.retired_parts"),
        "splits": [
            {"by": by, "parts": _headcounts(getattr(s, name), f"staff.{name}")}
            for name, by in (("actual_by_post", "岗位"), ("actual_by_funding", "经费来源"))
            if getattr(s, name)
        ],
        **{name: count(getattr(s, name), f"staff.{name}") for name, _, _ in STAFF_DETAIL_COUNTS},
        "villages": count(s.villages, "staff.villages"),
        "communities": count(s.communities, "staff.communities"),
        "by_rank": _headcounts(s.subordinate_by_rank, "staff.subordinate_by_rank"),
    }
    ctx["facts"] = facts_for(facts, ("staff",), ("staff.notes",))


def _headcounts(parts: list[Headcount], path: str) -> list[dict[str, Any]]:
    return [{"label": p.label, "count": count(p.count, f"{path}[{i}]")} for i, p in enumerate(parts)]


def duties_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """部门职能职责."""
    ctx["duties"] = [trimmed(d, f"duties[{i}]", facts, "。；;") for i, d in enumerate(data.duties)]


def budget_basic_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """基本支出: its lines, the year-on-year change the data states, each part's share."""
    b, rate_of = data.budget, _rate_of(section)
    basic = b.basic.actual if b.basic else None
    ctx["basic"] = money_line(b.basic, "基本支出", "budget.basic", rate_of, b.unit)
    ctx["personnel"] = money_line(b.personnel, "人员支出", "budget.personnel", rate_of, b.unit)
    ctx["public"] = money_line(b.public, "公用支出", "budget.public", rate_of, b.unit)
    ctx["public_parts"] = [  # 公用经费构成: the parts whose spending is given
        money_line(line, line.label or "", f"budget.public_parts[{i}]", rate_of, b.unit)
        for i, line in enumerate(b.public_parts)
        if line.actual is not None
    ]
    stated = b.basic.yoy_rate if b.basic and b.basic.last_year is None else None
    ctx["basic_yoy_stated"] = (
        ""
        if stated is None
        else cat("增加" if stated >= 0 else "减少", "了", figure(f"{abs(stated)}%", "budget.basic.yoy_rate"))
    )
    personnel, public = (
        (b.personnel.actual if b.personnel else None),
        (b.public.actual if b.public else None),
    )
    ctx["personnel_share"] = share(personnel, basic, "budget.personnel.share_actual~")
    ctx["public_share"] = share(public, basic, "budget.public.share_actual~")
    ctx["facts"] = facts_for(facts, ("budget.basic", "budget.personnel", "budget.public"))


def budget_projects_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """项目支出: the total (stated, else summed), each priced project with its share, the unpriced."""
    b, rate_of = data.budget, _rate_of(section)
    total = (
        b.projects_total.actual
        if b.projects_total and b.projects_total.actual is not None
        else (
            sum((p.actual for p in b.projects if p.actual is not None), Decimal(0))
            if any(p.actual is not None for p in b.projects)
            else None  # no project's spending is given: no total to write (never 0.00万元)
        )
    )
    priced = [i for i, p in enumerate(b.projects) if p.actual is not None]
    total_id = (
        "budget.projects_total.actual~"
        if facts.get("budget.projects_total.actual~") or len(priced) != 1
        else f"budget.projects[{priced[0]}].actual"  # a lone project is its own total
    )
    ctx["total"] = money_line(b.projects_total, "项目支出", "budget.projects_total", rate_of, b.unit) or {
        "label": "项目支出",
        "actual": figure(money(total, b.unit), total_id) if total is not None else "",
        "budget": "",
        "rate": "",
    }
    ctx["projects"] = [
        {
            **(money_line(p, p.label, f"budget.projects[{i}]", rate_of, b.unit) or {}),
            "share": share(p.actual, total, f"budget.projects[{i}].share_actual~"),
            "detail": _project_detail(p, f"budget.projects[{i}]", b.unit),
        }
        for i, p in enumerate(b.projects)
        if p.actual is not None
    ]
    ctx["unpriced"] = [p.label for p in b.projects if p.actual is None]
    ctx["groups"] = _group_lines(data, facts)
    ctx["facts"] = facts_for(facts, ("budget.projects",))


def _group_lines(data: ReportData, facts: FactBase) -> list[dict[str, Any]]:
    """Each project group's 执行数 (stated, else its projects' sum), for 按项目分组 …"""
    out = []
    for k, group in enumerate(data.budget.project_groups):
        path = f"budget.project_groups[{k}]"
        stated = group.actual is not None
        fact = facts.get(f"{path}.actual" if stated else f"{path}.actual~")
        if fact is None:
            continue
        value = group.actual if group.actual is not None else sum_actual(data, group.label)
        out.append({"label": group.label, "actual": figure(money(value, data.budget.unit), fact.id)})
    return out


def sum_actual(data: ReportData, label: str | None) -> Decimal:
    return sum((p.actual for p in data.budget.projects if p.group == label and p.actual), Decimal(0))


def _project_detail(p: Project, path: str, unit: str) -> Traced | str:
    """（中央资金…、省级资金…；结余…，结余交回…）: what the data states of a project beyond its amount."""
    levels = [
        cat(label, figure(money(getattr(p, name), unit), f"{path}.{name}"))
        for name, label, _ in FUND_LEVELS
        if getattr(p, name) is not None
    ]
    rest = [
        cat(word, figure(money(value, unit), f"{path}.{name}"))
        for name, word, value in (
            ("balance", "结余", p.balance),
            ("balance_returned", "结余交回", p.balance_returned),
        )
        if value is not None
    ]
    if not levels and not rest:
        return ""
    inner = [x for x in (cat(*_joined(levels, "、")), cat(*_joined(rest, "，"))) if x]
    return cat("（", *_joined(inner, "；"), "）")


def _joined(items: list[Any], glue: str) -> list[Any]:
    out: list[Any] = []
    for item in items:
        out += [glue, item] if out else [item]
    return out


def fund_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """政府性基金, 国有资本经营, 社会保险基金: the lines of the fund the kind names."""
    kind, rate_of = section.kind, _rate_of(section)
    ctx["lines"] = [
        money_line(line, line.label or "", f"budget.{kind}[{i}]", rate_of, data.budget.unit)
        for i, line in enumerate(getattr(data.budget, str(kind)))
    ]
    ctx["facts"] = facts_for(facts, (f"budget.{kind}",))


def performance_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """部门整体绩效: money totals, goals, awards, work themes, how many indicators were met."""
    b, rate_of = data.budget, _rate_of(section)
    spending = b.spending or b.total
    ctx["total"] = money_line(b.total, "年度资金总额", "budget.total", rate_of, b.unit)
    ctx["spending"] = money_line(
        spending, "支出合计", "budget.spending" if b.spending else "budget.total", rate_of, b.unit
    )
    derived_total = facts.get("budget.total.actual~")
    ctx["spending_total"] = (
        figure(in_unit(derived_total.value, b.unit), derived_total.id)
        if (spending is None and derived_total)
        else ""
    )
    ctx["basic"] = money_line(b.basic, "基本支出", "budget.basic", rate_of, b.unit)
    ctx["projects_total"] = money_line(b.projects_total, "项目支出", "budget.projects_total", rate_of, b.unit)
    ctx["goals"] = {
        name: [passage(g, f"goals.{name}[{i}]", facts) for i, g in enumerate(getattr(data.goals, name))]
        for name in ("target", "achieved")
    }
    ctx["awards"] = [trimmed(a, f"awards[{i}]", facts, "。") for i, a in enumerate(data.awards)]
    ctx["themes"] = [passage(t.title, f"activities[{i}].title", facts) for i, t in enumerate(data.activities)]
    ctx["indicators"] = {
        "count": len(data.indicators),
        "met": sum(1 for i in data.indicators if i.score is not None and i.score == i.weight),
    }
    ctx["facts"] = facts_for(
        facts,
        ("budget.total", "budget.spending", "budget.basic", "budget.projects_total"),
        ("awards", "goals"),
    )


def work_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """One work theme: its title, bullets, and the paragraphs they make."""
    assert section.theme is not None
    theme = data.activities[section.theme]
    at = f"activities[{section.theme}]"
    ctx["theme"] = {
        "title": passage(theme.title, f"{at}.title", facts),
        "bullets": [sentence(x, f"{at}.bullets[{i}]", facts) for i, x in enumerate(theme.bullets)],
    }
    ctx["theme"]["paragraphs"] = work_paragraphs(ctx["theme"]["bullets"])
    ctx["facts"] = facts_for(facts, ("\0",), (f"activities[{section.theme}].",))


def other_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """其他需要说明的情况: the notes that say something."""
    ctx["notes"] = [
        trimmed(n, f"other_notes[{i}]", facts, "。") for i, n in enumerate(data.other_notes) if said(n)
    ]


def conclusion_context(section: Section, data: ReportData, facts: FactBase, ctx: dict[str, Any]) -> None:
    """自评结论: the score and its grade."""
    ev = data.self_evaluation
    ctx["score"] = figure(f"{ev.score}", "self_evaluation.score") if ev.score is not None else ""
    grade = data.scoring.grade(ev.score) if ev.score is not None else (ev.grade or "")
    ctx["grade"] = {"优": "优", "良": "良", "中": "中", "差": "差"}.get(grade[:1], grade) if grade else ""
    ctx["facts"] = facts_for(facts, ("self_evaluation",))


BUILDERS: dict[str, ContextBuilder] = {
    "basic_info": basic_info_context,
    "duties": duties_context,
    "budget_basic": budget_basic_context,
    "budget_projects": budget_projects_context,
    "gov_fund": fund_context,
    "state_capital": fund_context,
    "social_insurance": fund_context,
    "performance": performance_context,
    "work": work_context,
    "other": other_context,
    "conclusion": conclusion_context,
    **problems.BUILDERS,
    **overview.BUILDERS,
}
