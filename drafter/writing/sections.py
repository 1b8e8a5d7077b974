"""What each kind of section is written from: one context dict, shared by the template writer and prompts.

Figures in a context are already formatted for the reader (534.51万元, 83.61%) from the fact base, so
templates never do arithmetic and a prompt's facts are exactly what the checker will verify. Each one
is a `Traced` string naming the fact it states (drafter.writing.provenance): the built-in writer returns, with
its text, the fact behind every number it wrote, and the checker is tested against that record. The
problems context is derived from the data (execution far from budget, indicators not met, staff above
编制) before the staff's own notes, so 存在问题 says something specific whenever the data does.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from drafter.data.model import Money, ReportData
from drafter.facts.build import Fact, FactBase, source_texts
from drafter.writing.narrative import clause_label, work_paragraphs
from drafter.writing.outline import Section, chinese_number
from drafter.writing.problems import improvements, issues
from drafter.writing.provenance import Span, Traced, cat, figure, passage, rstrip

WAN = Decimal(10_000)
ORDINALS = tuple(chinese_number(i) for i in range(1, 100))


def money(value: Decimal | None, unit: str = "万元") -> str:
    """534.51 -> 534.51万元 (two decimals, 四舍五入)."""
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{unit}"


def pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def _line(line: Money | None, label: str, path: str, rate_of: str = "adjusted") -> dict[str, Any] | None:
    """A money line's figures for the reader, each traced to its fact (`path` is the line's fact path).

    `rate_of` is the outline's 执行率 rule: of the adjusted budget (调整后预算) or of the initial one.
    """
    if line is None:
        return None
    initial = rate_of == "initial" and line.initial_budget and line.budget not in (None, line.initial_budget)
    use_budget = line.budget is not None and not initial
    budget = line.budget if use_budget else line.initial_budget
    budget_id = f"{path}.budget" if use_budget else f"{path}.initial_budget"
    rate = line.actual / budget * 100 if line.actual is not None and budget else None
    rate_id = f"{path}.rate_initial~" if initial else f"{path}.rate~"
    yoy = (
        (line.actual - line.last_year) / line.last_year * 100
        if line.actual is not None and line.last_year
        else None
    )
    return {
        "label": line.label or label,
        "budget": figure(money(budget), budget_id),
        "actual": figure(money(line.actual), f"{path}.actual"),
        "received": figure(money(line.received), f"{path}.received"),
        "last_year": figure(money(line.last_year), f"{path}.last_year"),
        "rate": figure(pct(rate), rate_id),
        "initial_budget": figure(money(line.initial_budget), f"{path}.initial_budget")
        if line.initial_budget is not None and line.budget is not None
        else "",
        "yoy": figure(pct(abs(yoy)), f"{path}.yoy~") if yoy is not None else "",
        "yoy_up": yoy is not None and yoy >= 0,
        "yoy_diff": figure(money(abs(line.actual - line.last_year)), f"{path}.yoy_diff~")
        if yoy is not None and line.actual is not None
        else "",
    }


def _share(part: Decimal | None, whole: Decimal | None, fact_id: str) -> Traced | str:
    if part is None or not whole:
        return ""
    return figure(pct(part / whole * 100), fact_id)


def _facts_for(
    facts: FactBase, prefixes: tuple[str, ...], sources: tuple[str, ...] = ()
) -> list[dict[str, str]]:
    """The section's facts as a compact list for prompts: label, value as written, id."""
    out = []
    texts: dict[str, str] | None = None
    for f in facts:
        by_subject = f.origin != "text" and f.subject.startswith(prefixes)
        by_source = f.origin == "text" and f.source.startswith(sources) if sources else False
        if by_subject or by_source:
            label = f.label
            if f.origin == "text" and f.mention is not None:
                texts = texts if texts is not None else dict(source_texts(facts.data))
                text = texts.get(f.source)
                if text is not None:  # the number's whole clause, not a window cut mid-word
                    label = clause_label(text, f.mention.start, f.mention.end)
            out.append({"id": f.id, "label": label, "value": _shown(f)})
    return out


def _shown(f: Fact) -> str:
    if f.mention is not None:
        return f.mention.text.strip()
    if f.dim == "money":
        return money(f.value / WAN)
    if f.dim == "percent":
        return pct(f.value)
    return f.shown()


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
    }
    kind = section.kind
    if section.empty == "note":  # nothing in the data for it: the writer says so
        return ctx
    b, s = data.budget, data.staff
    rate_of = section.extra.get("rate_of", "adjusted")
    if kind == "basic_info":
        departments = s.departments_count if s.departments_count is not None else len(s.departments)
        ctx["staff"] = {
            "authorized": _count(s.authorized, "staff.authorized"),
            "actual": _count(s.actual, "staff.actual"),
            "retired": _count(s.retired, "staff.retired"),
            "temporary": _count(s.temporary, "staff.temporary"),
            "as_of": s.as_of or "",  # a date the data gives, never one made up
            "authorized_parts": [
                {**p.model_dump(), "count": _count(p.count, f"staff.authorized_parts[{i}]")}
                for i, p in enumerate(s.authorized_parts)
            ],
            "actual_parts": [
                {**p.model_dump(), "count": _count(p.count, f"staff.actual_parts[{i}]")}
                for i, p in enumerate(s.actual_parts)
            ],
            "departments": s.departments,
            "departments_count": _count(departments, "staff.departments") if departments else departments,
            "subordinate_units": s.subordinate_units,
            "subordinate_count": _count(len(s.subordinate_units), "staff.subordinate_units"),
            "notes": [_sentence(n, f"staff.notes[{i}]", facts) for i, n in enumerate(s.notes)],
        }
        ctx["facts"] = _facts_for(facts, ("staff",), ("staff.notes",))
    elif kind == "duties":
        ctx["duties"] = [_trimmed(d, f"duties[{i}]", facts, "。；;") for i, d in enumerate(data.duties)]
    elif kind == "budget_basic":
        basic = b.basic.actual if b.basic else None
        ctx["basic"] = _line(b.basic, "基本支出", "budget.basic", rate_of)
        ctx["personnel"] = _line(b.personnel, "人员支出", "budget.personnel", rate_of)
        ctx["public"] = _line(b.public, "公用支出", "budget.public", rate_of)
        stated = b.basic.yoy_rate if b.basic and b.basic.last_year is None else None
        ctx["basic_yoy_stated"] = (
            ""
            if stated is None
            else cat(
                "增加" if stated >= 0 else "减少", "了", figure(f"{abs(stated)}%", "budget.basic.yoy_rate")
            )
        )
        personnel, public = (
            (b.personnel.actual if b.personnel else None),
            (b.public.actual if b.public else None),
        )
        ctx["personnel_share"] = _share(personnel, basic, "budget.personnel.share_actual~")
        ctx["public_share"] = _share(public, basic, "budget.public.share_actual~")
        ctx["facts"] = _facts_for(facts, ("budget.basic", "budget.personnel", "budget.public"))
    elif kind == "budget_projects":
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
        ctx["total"] = _line(b.projects_total, "项目支出", "budget.projects_total", rate_of) or {
            "label": "项目支出",
            "actual": figure(money(total), total_id) if total is not None else "",
            "budget": "",
            "rate": "",
        }
        ctx["projects"] = [
            {
                **(_line(p, p.label, f"budget.projects[{i}]", rate_of) or {}),
                "share": _share(p.actual, total, f"budget.projects[{i}].share_actual~"),
            }
            for i, p in enumerate(b.projects)
            if p.actual is not None
        ]
        ctx["unpriced"] = [p.label for p in b.projects if p.actual is None]
        ctx["facts"] = _facts_for(facts, ("budget.projects",))
    elif kind in ("gov_fund", "state_capital", "social_insurance"):
        ctx["lines"] = [
            _line(line, line.label or "", f"budget.{kind}[{i}]", rate_of)
            for i, line in enumerate(getattr(b, kind))
        ]
        ctx["facts"] = _facts_for(facts, (f"budget.{kind}",))
    elif kind == "performance":
        spending = b.spending or b.total
        ctx["total"] = _line(b.total, "年度资金总额", "budget.total", rate_of)
        ctx["spending"] = _line(
            spending, "支出合计", "budget.spending" if b.spending else "budget.total", rate_of
        )
        derived_total = facts.get("budget.total.actual~")
        ctx["spending_total"] = (
            figure(money(derived_total.value / WAN), derived_total.id)
            if (spending is None and derived_total)
            else ""
        )
        ctx["basic"] = _line(b.basic, "基本支出", "budget.basic", rate_of)
        ctx["projects_total"] = _line(b.projects_total, "项目支出", "budget.projects_total", rate_of)
        ctx["goals"] = {
            name: [passage(g, f"goals.{name}[{i}]", facts) for i, g in enumerate(getattr(data.goals, name))]
            for name in ("target", "achieved")
        }
        ctx["awards"] = [_trimmed(a, f"awards[{i}]", facts, "。") for i, a in enumerate(data.awards)]
        ctx["themes"] = [
            passage(t.title, f"activities[{i}].title", facts) for i, t in enumerate(data.activities)
        ]
        ctx["indicators"] = {
            "count": len(data.indicators),
            "met": sum(1 for i in data.indicators if i.score is not None and i.score == i.weight),
        }
        ctx["facts"] = _facts_for(
            facts,
            ("budget.total", "budget.spending", "budget.basic", "budget.projects_total"),
            ("awards", "goals"),
        )
    elif kind == "work":
        assert section.theme is not None
        theme = data.activities[section.theme]
        at = f"activities[{section.theme}]"
        ctx["theme"] = {
            "title": passage(theme.title, f"{at}.title", facts),
            "bullets": [_sentence(x, f"{at}.bullets[{i}]", facts) for i, x in enumerate(theme.bullets)],
        }
        ctx["theme"]["paragraphs"] = work_paragraphs(ctx["theme"]["bullets"])
        ctx["facts"] = _facts_for(facts, ("\0",), (f"activities[{section.theme}].",))
    elif kind == "problems":
        found = issues(data, facts)
        ctx["issues"] = [i.text for i in found]
        ctx["facts"] = [
            {"id": f, "label": facts[f].label, "value": _shown(facts[f])}
            for i in found
            for f in i.facts
            if facts.get(f)
        ]
    elif kind == "improvements":
        found = issues(data, facts)
        ctx["measures"] = improvements(data, found, facts)
        ctx["issues"] = [i.text for i in found]
    elif kind == "other":
        ctx["notes"] = [
            _trimmed(n, f"other_notes[{i}]", facts, "。") for i, n in enumerate(data.other_notes) if _said(n)
        ]
    elif kind == "conclusion":
        ev = data.self_evaluation
        ctx["score"] = figure(f"{ev.score}", "self_evaluation.score") if ev.score is not None else ""
        grade = data.scoring.grade(ev.score) if ev.score is not None else (ev.grade or "")
        ctx["grade"] = {"优": "优", "良": "良", "中": "中", "差": "差"}.get(grade[:1], grade) if grade else ""
        ctx["facts"] = _facts_for(facts, ("self_evaluation",))
    else:
        from drafter.writing.overview import extra_context

        extra_context(section, data, facts, ctx)
    return ctx


def _said(note: str) -> bool:
    return note.strip() not in ("", "无", "无。")


def _count(value: int | None, fact_id: str) -> Traced | str | None:
    return None if value is None else figure(str(value), fact_id)


def _stripped(text: str, source: str, facts: FactBase) -> Traced:
    """The data's text without surrounding whitespace, its numbers still traced to their facts."""
    traced = passage(text, source, facts)
    lead = len(text) - len(text.lstrip())
    core = text.strip()
    return Traced(
        core,
        [
            Span(s.start - lead, s.end - lead, s.fact_id)
            for s in traced.spans
            if s.start >= lead and s.end - lead <= len(core)
        ],
    )


def _trimmed(text: str, source: str, facts: FactBase, chars: str) -> Traced | str:
    return rstrip(passage(text, source, facts), chars)


def _sentence(text: str, source: str, facts: FactBase) -> Traced:
    core = _stripped(text, source, facts)
    return core if core.endswith(("。", "！", "？", "；")) else cat(core, "。")
