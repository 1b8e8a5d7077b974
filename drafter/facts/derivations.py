"""Which facts each part of the data yields: budget lines and their relations, staff, scores.

Stated figures become facts as written; derived ones follow from the structure (a whole from its parts,
each part's share, 执行率, 结余, 同比, per-person spending, staff control rate, score totals). The
primitives that make a fact (`FactBuilder.stated`, `.derived`, `.count`, `.line`, `.relation`) are in
drafter.facts.builder.
"""

from __future__ import annotations

from decimal import Decimal

from drafter.data.model import Budget, ReportData
from drafter.facts.builder import FactBuilder, Part
from drafter.facts.details import grouped

HUNDRED = Decimal(100)

_SLOT_LABELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "total": ("年度资金总额", ("资金总额", "预算资金", "预算总金额", "资金来源合计")),
    "spending": ("支出合计", ("总支出", "决算支出", "决算总支出", "全部支出", "支出总额", "资金结构合计")),
    "basic": ("基本支出", ("基本经费",)),
    "personnel": ("人员支出", ("人员经费", "工资福利支出", "人员工资支出", "人员经费支出")),
    "public": ("公用支出", ("公用经费", "日常公用经费", "日常公用经费支出", "公用经费支出")),
    "projects_total": (
        "项目支出",
        ("项目经费", "项目经费支出", "专项资金", "专项支出", "专项经费", "项目资金"),
    ),
    "income": ("总收入", ("本年收入", "收入合计")),
    "carryover_in": ("上年结转", ("上年结余", "上年结转结余", "上年结余指标")),
    "carryover_out": ("结转下年", ("年末结转结余", "结转结余")),
}
_SLOTS = tuple(_SLOT_LABELS)
_REQUIRED_SLOTS = {"basic", "personnel", "public", "projects_total"}
_GROUPS = ("sources", "projects", "economic", "gov_fund", "state_capital", "social_insurance")
# staff counts: (field, label, naming words, required: 1/0)
_STAFF_COUNTS = (
    (
        "authorized",
        "编制数",
        ("编制数", "人员编制", "核定编制", "编制人数", "核定人员编制数", "编制人员数", "编制"),
        True,
    ),
    (
        "actual",
        "实有人数",
        ("实有人数", "实有在编人数", "实有在职人员", "在职人员", "实有人员", "在编人数", "实有在职", "实有"),
        True,
    ),
    ("retired", "离退休人员", ("退休人员", "离退休人员", "退休"), 0),
    ("temporary", "临聘人员", ("临聘人员", "临聘"), 0),
)


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return part / whole * HUNDRED


def budget_facts(b: FactBuilder, data: ReportData) -> None:
    bud, staff = data.budget, data.staff
    labels = dict(_SLOT_LABELS)
    if bud.spending is None:  # the total is also the spending total: it answers to both names
        labels["total"] = (
            labels["total"][0],
            (*labels["total"][1], labels["spending"][0], *labels["spending"][1]),
        )
    terms: dict[str, tuple[str, ...]] = {}
    for slot in _SLOTS:
        line = getattr(bud, slot)
        if line is not None:
            terms[slot] = b.line(f"budget.{slot}", line, labels[slot], required=slot in _REQUIRED_SLOTS)
        else:
            terms[slot] = (labels[slot][0], *labels[slot][1])
    groups: dict[str, list[Part]] = {}
    for name in _GROUPS:
        groups[name] = [
            (f"budget.{name}[{i}]", line, b.line(f"budget.{name}[{i}]", *grouped(bud, name, i)))
            for i, line in enumerate(getattr(bud, name))
        ]

    # parts against wholes; a whole is compared with its parts only when every part is given
    partial = set(bud.partial)  # lists given only in part (其中…): no sum, no whole derived from them
    b.relation(
        "budget.total", bud.total, terms["total"], groups["sources"], "资金来源合计", "sources" in partial
    )
    spending_slot = "spending" if bud.spending is not None and bud.structure_of != "total" else "total"
    spending = getattr(bud, spending_slot)
    if bud.basic is not None and bud.projects_total is not None:
        structure = [(f"budget.{s}", getattr(bud, s), terms[s]) for s in ("basic", "projects_total")]
        b.relation(f"budget.{spending_slot}", spending, terms[spending_slot], structure, "支出合计")
        if spending_slot == "spending" and bud.structure_of is None:
            _structure_of_total(b, bud)
    if bud.personnel is not None and bud.public is not None:
        parts = [(f"budget.{s}", getattr(bud, s), terms[s]) for s in ("personnel", "public")]
        b.relation("budget.basic", bud.basic, terms["basic"], parts, "基本支出")
    b.relation(
        "budget.projects_total",
        bud.projects_total,
        terms["projects_total"],
        groups["projects"],
        "项目支出",
        "projects" in partial,
    )
    b.relation(
        f"budget.{spending_slot}",
        spending,
        terms[spending_slot],
        groups["economic"],
        partial="economic" in partial,
    )
    if bud.projects:
        b.count(
            "budget.projects.count",
            "项目个数",
            ("项目", "预算项目", "项目支出"),
            len(bud.projects),
            "个",
            "generic",
            origin="derived",
            derivation=f"{len(bud.projects)} projects listed",
        )
    if spending is not None and spending.actual is not None and staff.actual:
        b.derived(
            "budget.per_person~",
            "人均支出",
            spending.actual / staff.actual,
            "money",
            "budget.per_person",
            "per_person",
            ("人均",),
            f"支出 {spending.actual} / 实有人数 {staff.actual}",
        )


def _structure_of_total(b: FactBuilder, bud: Budget) -> None:
    """按支出性质分 splits the 年度资金总额 too, in each figure 支出合计 does not state.

    A 自评表's rows 年度资金总额 | 按收入性质分 … | 按支出性质分：基本支出 | 项目支出 are two splits of one
    total. When the data also states a 支出合计 (a whole of its own, 资金结构合计), the split answers to
    it where it states the figure; a figure it leaves out (its 全年预算数, say) is the total's, so the
    split is added up against the total there instead of against nothing.
    """
    assert bud.spending is not None and bud.basic is not None and bud.projects_total is not None
    if bud.total is None:
        return
    for figure in ("budget", "actual", "initial_budget"):
        if getattr(bud.spending, figure) is not None or getattr(bud.total, figure) is None:
            continue
        if getattr(bud.basic, figure) is None or getattr(bud.projects_total, figure) is None:
            continue
        b.base.relations.append((figure, "budget.total", ("budget.basic", "budget.projects_total")))


def staff_facts(b: FactBuilder, data: ReportData) -> None:
    staff = data.staff
    for name, label, terms, required in _STAFF_COUNTS:
        value = getattr(staff, name)
        if value is not None:
            b.count(
                f"staff.{name}",
                label,
                (*terms, "实有在职") if name == "actual" else terms,
                value,
                "人",
                "person",
                required=bool(required),
            )
    for name, parts in (("authorized_parts", staff.authorized_parts), ("actual_parts", staff.actual_parts)):
        for i, part in enumerate(parts):
            b.count(f"staff.{name}[{i}]", part.label, (part.label, *part.aliases), part.count, "人", "person")
    departments = staff.departments_count if staff.departments_count is not None else len(staff.departments)
    if departments:
        b.count(
            "staff.departments",
            "内设机构数",
            ("内设机构", "内设", "内设科室", "科室", "股室"),
            departments,
            "个",
            "organisation",
        )
    if staff.subordinate_units:
        b.count(
            "staff.subordinate_units",
            "下属单位数",
            ("下属", "下属单位", "事业单位", "二级机构", "所属单位", "直属单位", "下属机构"),
            len(staff.subordinate_units),
            "个",
            "organisation",
        )
    if staff.authorized and staff.actual is not None:
        b.derived(
            "staff.control_rate~",
            "在职人员控制率",
            _pct(Decimal(staff.actual), Decimal(staff.authorized)),
            "percent",
            "staff.control_rate",
            "rate",
            ("在职人员控制率", "人员控制率"),
            f"实有人数 {staff.actual} / 编制数 {staff.authorized} × 100%",
        )
        if staff.authorized >= staff.actual:
            b.count(
                "staff.vacancies~",
                "空编数",
                ("空编", "缺编"),
                staff.authorized - staff.actual,
                "人",
                "person",
                origin="derived",
                derivation=f"编制数 {staff.authorized} − 实有人数 {staff.actual}",
            )
        else:
            b.count(
                "staff.over~",
                "超编人数",
                ("超编", "超出编制"),
                staff.actual - staff.authorized,
                "人",
                "person",
                origin="derived",
                derivation=f"实有人数 {staff.actual} − 编制数 {staff.authorized}",
            )
    for name, parts, total in (
        ("authorized", staff.authorized_parts, staff.authorized),
        ("actual", staff.actual_parts, staff.actual),
    ):
        if parts and total is not None and f"{name}_parts" not in staff.partial:
            b.base.relations.append(
                ("count", f"staff.{name}", tuple(f"staff.{name}_parts[{i}]" for i in range(len(parts))))
            )


def score_facts(b: FactBuilder, data: ReportData) -> None:
    """The 自评表's scores: each indicator's, each group's subtotal, the totals, the 自评得分."""
    _indicator_scores(b, data)
    _subtotals(b, data)
    _score_totals(b, data)
    _self_evaluation(b, data)


def _indicator_scores(b: FactBuilder, data: ReportData) -> None:
    """分值 and 得分 of each indicator as stated, then what it lost (扣分) and its 得分系数."""
    for i, ind in enumerate(data.indicators):
        for field_name, word in (("weight", "分值"), ("score", "得分")):
            value = getattr(ind, field_name)
            if value is not None:
                b.stated(
                    f"indicators[{i}].{field_name}",
                    ind.name + word,
                    value,
                    "score",
                    f"indicators[{i}]",
                    field_name,
                    (ind.name,),
                )
    for i, ind in enumerate(data.indicators):
        if ind.weight is not None and ind.score is not None and ind.score < ind.weight:
            b.derived(  # 扣0.18分: what the indicator lost of its weight
                f"indicators[{i}].deduction~",
                ind.name + "扣分",
                ind.weight - ind.score,
                "score",
                f"indicators[{i}]",
                "deduction",
                (ind.name,),
                f"分值 {ind.weight} − 得分 {ind.score}",
            )
        if ind.weight and ind.score is not None:  # 得分系数: the share of its weight an indicator scored
            b.derived(
                f"indicators[{i}].coefficient~",
                ind.name + "得分系数",
                ind.score / ind.weight,
                "number",
                f"indicators[{i}]",
                "coefficient",
                (ind.name,),
                f"得分 {ind.score} / 分值 {ind.weight}",
            )


def _score_totals(b: FactBuilder, data: ReportData) -> None:
    """The sums of the indicators' 分值 and 得分 (a table's 合计 row)."""
    weights = [ind.weight for ind in data.indicators if ind.weight is not None]
    scores = [ind.score for ind in data.indicators if ind.score is not None]
    if weights:
        b.derived(
            "indicators.weight_total~",
            "指标分值合计",
            sum(weights, Decimal(0)),
            "score",
            "indicators.total",
            "weight",
            ("总分", "分值合计", "总分值"),  # a table's 合计 row is the whole of its rows above
            " + ".join(map(str, weights)),
        )
    if scores:
        b.derived(
            "indicators.score_total~",
            "指标得分合计",
            sum(scores, Decimal(0)),
            "score",
            "indicators.total",
            "score",
            ("总得分", "总分", "合计得分"),  # bare 得分 is a column word, not the total's name
            " + ".join(map(str, scores)),
        )


def _self_evaluation(b: FactBuilder, data: ReportData) -> None:
    """The stated 自评得分 and 总分值."""
    ev = data.self_evaluation
    if ev.score is not None:
        b.stated(
            "self_evaluation.score",
            "自评得分",
            ev.score,
            "score",
            "self_evaluation",
            "score",
            ("自评得分", "自评分", "总得分", "总分", "综合得分", "综合评分", "自评结果", "评价得分"),
            required=True,
        )
    if ev.total_weight is not None:
        b.stated(
            "self_evaluation.total_weight",
            "总分值",
            ev.total_weight,
            "score",
            "self_evaluation",
            "weight",
            ("总分", "满分"),
        )


def _subtotals(b: FactBuilder, data: ReportData) -> None:
    """分值 and 得分 of each 一级 and 二级指标 group (a table's subtotal row: 产出指标(50分))."""
    for level in ("level1", "level2"):
        groups: dict[str, list[int]] = {}
        for i, ind in enumerate(data.indicators):
            name = getattr(ind, level)
            if name:
                groups.setdefault(name, []).append(i)
        for k, (name, members) in enumerate(groups.items()):
            for field_name, word in (("weight", "分值"), ("score", "得分")):
                values = [getattr(data.indicators[i], field_name) for i in members]
                if not values or any(v is None for v in values):
                    continue
                b.derived(
                    f"indicators.{level}[{k}].{field_name}~",
                    f"{name}{word}小计",
                    sum(values, Decimal(0)),
                    "score",
                    f"indicators.{level}[{k}]",
                    field_name,
                    (name,),
                    " + ".join(map(str, values)),
                )
