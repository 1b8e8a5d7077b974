"""Facts of the figures real reports print beside the main lines, each with the words reports name it by.

The parts of 公用经费 (办公费, 水电费, 差旅费, 会议费, 培训费 …) as parts of 公用支出; the 结余 and 结余交回
a report states of any money line or project; each project's funds by level (中央/省/市/县区资金);
project groups (区级专项, 上级转移支付), whose projects are also named with their group, so two projects
of one name in two groups are told apart. Stated figures become facts as written; the relations
(parts of a whole) make their shares and, when the whole is not stated, the whole; the audit of their
arithmetic is drafter.audit.details. Before these homes existed a clerk typed such figures into free
text, where a checker can bind them only by their clause.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from drafter.data.model import Budget, Money, Project, ReportData
from drafter.facts.builder import FactBuilder, Part, decimals_of
from drafter.facts.finance import HUNDRED, in_unit

# The usual parts of 公用经费 and the other words reports print them by; a part labelled with any word
# of a group answers to all of them (a data file's 办公经费 is a report's 办公费).
PUBLIC_PART_WORDS: tuple[tuple[str, ...], ...] = (
    ("办公费", "办公经费", "办公费用"),
    ("水电费", "水费电费", "水电费用", "水电"),
    ("差旅费", "差旅经费", "差旅费用", "差旅"),
    ("会议费", "会议经费", "会议费用"),
    ("培训费", "培训经费", "培训费用"),
    ("印刷费", "印刷经费"),
    ("邮电费", "邮电经费", "通讯费"),
    ("物业管理费", "物业费"),
    ("维修（护）费", "维修费", "维护费", "维修维护费"),
    ("租赁费", "租金"),
    ("劳务费", "劳务经费"),
    ("委托业务费", "委托业务经费"),
    ("工会经费", "工会费"),
    ("福利费", "福利经费"),
    ("其他交通费用", "交通费", "交通补贴"),
    ("公务用车运行维护费", "公务用车运行费", "车辆运行维护费"),
    ("其他商品和服务支出", "其他商品服务支出"),
)
PUBLIC_TERMS = ("公用支出", "公用经费", "日常公用经费", "日常公用经费支出", "公用经费支出")


def part_words(label: str) -> tuple[str, ...]:
    """The other words reports use for a part of 公用经费 labelled `label` (none for a label of its own)."""
    for group in PUBLIC_PART_WORDS:
        if label in group:
            return tuple(w for w in group if w != label)
    return ()


# (field, label, naming words) of a project's funds by the level of government that gives them
FUND_LEVELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("funds_central", "中央资金", ("中央资金", "中央财政资金", "中央补助资金", "中央转移支付资金", "中央")),
    ("funds_provincial", "省级资金", ("省级资金", "省级财政资金", "省级补助资金", "省资金", "省级")),
    ("funds_city", "市级资金", ("市级资金", "市级财政资金", "市级配套资金", "市资金", "市级")),
    (
        "funds_county",
        "县区资金",
        ("县级资金", "区级资金", "县区资金", "县级配套资金", "区级配套资金", "本级资金"),
    ),
)
RETURNED_TERMS = ("结余交回", "交回结余", "收回结余", "结余资金交回", "上缴结余")


def grouped(bud: Budget, name: str, i: int) -> tuple[Money, tuple[str, tuple[str, ...]] | None]:
    """A budget list's line as its facts name it: a project in a group also by its group's name
    (上级转移支付农村饮水安全工程), and first by it when another project has its name, so that the
    checker's messages and `drafter facts` say which of the two is meant."""
    line = getattr(bud, name)[i]
    if name != "projects" or not isinstance(line, Project) or not line.group:
        return line, None
    qualified = f"{line.group}{line.label}"
    if sum(p.label == line.label for p in bud.projects) > 1:
        named = line.model_copy(update={"label": qualified, "aliases": [*line.aliases, line.label]})
        return named, (qualified, ())
    return line, (line.label, (qualified,))


def details_facts(b: FactBuilder, data: ReportData) -> None:
    """The facts of every home this module knows, in the order the checker meets them."""
    _public_parts(b, data)
    _project_groups(b, data)
    _staff_details(b, data)
    _buildings(b, data)
    for path, line in money_lines(data):
        if line.balance is None and line.balance_returned is None:
            continue
        unit = (
            data.budget.three_public.unit if data.budget.three_public and ".three_public." in path else None
        )
        with in_unit(b, unit):
            _balances(b, path, line)
    for i, project in enumerate(data.budget.projects):
        _fund_levels(b, f"budget.projects[{i}]", project)


def money_lines(data: ReportData) -> Iterator[tuple[str, Money]]:
    """Every money line of the budget with its path: budget.basic, budget.projects[2], three_public's."""
    for name in type(data.budget).model_fields:
        value = getattr(data.budget, name)
        if isinstance(value, Money):
            yield f"budget.{name}", value
        elif isinstance(value, list):
            yield from ((f"budget.{name}[{i}]", x) for i, x in enumerate(value) if isinstance(x, Money))
    tp = data.budget.three_public
    if tp is not None:
        for name in type(tp).model_fields:
            value = getattr(tp, name)
            if isinstance(value, Money):
                yield f"budget.three_public.{name}", value


def _line_terms(b: FactBuilder, path: str, line: Money) -> tuple[str, ...]:
    """The words that name a line: those of its facts already made (its label, aliases, slot names)."""
    for fact in b.base.of_subject(path):
        if fact.terms:
            return fact.terms
    return tuple(dict.fromkeys(x for x in (line.label, *line.aliases) if x))


def _balances(b: FactBuilder, path: str, line: Money) -> None:
    """结余 and 结余交回 as stated, figures of their line (a 结余 sentence binds to its line's name)."""
    terms = _line_terms(b, path, line)
    name = terms[0] if terms else path
    if line.balance is not None:
        b.stated(f"{path}.balance", f"{name}结余", line.balance, "money", path, "balance", terms)
    if line.balance_returned is not None:
        b.stated(
            f"{path}.balance_returned",
            f"{name}结余交回",
            line.balance_returned,
            "money",
            f"{path}.balance_returned",
            "budget",
            tuple(dict.fromkeys((*(f"{t}{w}" for t in terms[:1] for w in ("结余交回",)), *RETURNED_TERMS))),
        )


def _fund_levels(b: FactBuilder, path: str, project: Project) -> None:
    """中央/省/市/县区资金 of a project: each its own figure, named by the level and the project."""
    for field_name, label, words in FUND_LEVELS:
        value = getattr(project, field_name)
        if value is None:
            continue
        terms = (f"{project.label}{label}", *words)
        b.stated(
            f"{path}.{field_name}",
            f"{project.label}{label}",
            value,
            "money",
            f"{path}.{field_name}",
            "budget",
            terms,
        )


def _public_parts(b: FactBuilder, data: ReportData) -> None:
    bud = data.budget
    if not bud.public_parts:
        return
    parts: list[Part] = []
    for i, line in enumerate(bud.public_parts):
        path = f"budget.public_parts[{i}]"
        label = line.label or path  # the model requires a label; the path only for the type checker
        parts.append((path, line, b.line(path, line, (label, part_words(label)))))
    whole_terms = (bud.public.label, *bud.public.aliases) if bud.public and bud.public.label else ()
    b.relation(
        "budget.public",
        bud.public,
        tuple(dict.fromkeys((*whole_terms, *PUBLIC_TERMS))),
        parts,
        "公用支出",
        "public_parts" in bud.partial,
    )


def group_members(bud: Budget, label: str | None) -> list[tuple[str, Project]]:
    """The projects listed under a group (by its label), with their paths."""
    return [(f"budget.projects[{i}]", p) for i, p in enumerate(bud.projects) if p.group == label]


def _project_groups(b: FactBuilder, data: ReportData) -> None:
    """Each group's line, and its total from its projects when the group's own figure is not stated."""
    bud = data.budget
    for k, group in enumerate(bud.project_groups):
        path = f"budget.project_groups[{k}]"
        label = group.label or path
        terms = b.line(path, group, (label, (f"{label}项目", f"{label}资金")))
        members = group_members(bud, group.label)
        if "projects" in bud.partial or not members:
            continue
        for figure, word in (("budget", "预算数"), ("actual", "执行数")):
            values = [getattr(p, figure) for _, p in members]
            if getattr(group, figure) is not None or any(v is None for v in values):
                continue
            b.derived(
                f"{path}.{figure}~",
                f"{label}{word}",
                sum(values, Decimal(0)),
                "money",
                path,
                figure,
                terms,
                " + ".join(map(str, values)),
            )


# the splits of a headcount beyond 编制/实有 kinds: (field, whole field); and the words of their parts
STAFF_SPLITS = (("retired_parts", "retired"), ("actual_by_post", "actual"), ("actual_by_funding", "actual"))
HEADCOUNT_WORDS: tuple[tuple[str, ...], ...] = (
    ("离休", "离休人员", "离休干部"),
    ("退休", "退休人员", "退休干部", "退休职工"),
    ("管理岗", "管理岗位", "管理人员"),
    ("专业技术岗", "专技岗", "专业技术岗位", "专业技术人员", "专技人员"),
    ("工勤岗", "工勤技能岗", "工勤人员", "工勤技能人员"),
    ("全额拨款", "全额拨款人员", "财政全额拨款"),
    ("差额拨款", "差额拨款人员", "财政差额拨款"),
    ("自收自支", "自收自支人员"),
)
# (field, label, naming words) of the staff's single counts
STAFF_DETAIL_COUNTS = (
    ("transfers_in", "调入人数", ("调入", "调入人员", "调入人数", "调进")),
    ("transfers_out", "调出人数", ("调出", "调出人员", "调出人数", "调离")),
    ("leader_posts", "领导职数", ("领导职数", "核定领导职数", "领导职位")),
    ("leaders_actual", "实配领导人数", ("实配领导", "实配", "实有领导", "领导干部")),
)

SERVED_COUNTS = (
    ("villages", "行政村数", ("行政村", "村", "建制村", "村委会", "个村")),
    ("communities", "社区数", ("社区", "居委会", "城市社区", "个社区")),
)


def headcount_words(label: str) -> tuple[str, ...]:
    """The other words a part of a headcount is printed with (离休 is 离休人员, 离休干部)."""
    for group in HEADCOUNT_WORDS:
        if label in group:
            return tuple(w for w in group if w != label)
    return ()


def _staff_details(b: FactBuilder, data: ReportData) -> None:
    staff = data.staff
    for name, whole in STAFF_SPLITS:
        parts = getattr(staff, name)
        for i, part in enumerate(parts):
            terms = tuple(dict.fromkeys((part.label, *part.aliases, *headcount_words(part.label))))
            b.count(f"staff.{name}[{i}]", part.label, terms, part.count, "人", "person")
        if parts and getattr(staff, whole) is not None and name not in staff.partial:
            b.base.relations.append(
                ("count", f"staff.{whole}", tuple(f"staff.{name}[{i}]" for i in range(len(parts))))
            )
    for name, label, terms in STAFF_DETAIL_COUNTS:
        value = getattr(staff, name)
        if value is not None:
            b.count(f"staff.{name}", label, terms, value, "名" if "leader" in name else "人", "person")
    for i, rank in enumerate(staff.subordinate_by_rank):
        terms = tuple(
            dict.fromkeys((rank.label, *rank.aliases, f"{rank.label}单位", f"{rank.label}事业单位"))
        )
        b.count(
            f"staff.subordinate_by_rank[{i}]",
            f"{rank.label}下属单位数",
            terms,
            rank.count,
            "个",
            "organisation",
        )
    for name, label, terms in SERVED_COUNTS:
        value = getattr(staff, name)
        if value is not None:
            b.count(f"staff.{name}", label, terms, value, "个", "organisation")


BUILDING_TERMS = ("楼堂馆所", "办公用房", "业务用房")
# (kind, label, naming words) of the two things 楼堂馆所 control is measured by
BUILDING_MEASURES = (
    ("area", "面积", ("建筑面积", "面积", "建设面积")),
    ("investment", "投资", ("投资", "总投资", "投资额", "建设投资")),
)


def _buildings(b: FactBuilder, data: ReportData) -> None:
    """楼堂馆所: 批复 and 实际 area (平方米) and investment (money), their stated and computed 控制率."""
    bu = data.budget.buildings
    if bu is None:
        return
    for kind, word, words in BUILDING_MEASURES:
        path = f"budget.buildings.{kind}"
        terms = (f"楼堂馆所{word}", *words, *BUILDING_TERMS)
        approved, actual = getattr(bu, f"approved_{kind}"), getattr(bu, f"actual_{kind}")
        for figure, value, said in (("budget", approved, "批复"), ("actual", actual, "实际")):
            if value is None:
                continue
            fid = f"budget.buildings.{figure if figure == 'actual' else 'approved'}_{kind}"
            if kind == "investment":
                b.stated(fid, f"楼堂馆所{said}{word}", value, "money", path, figure, terms)
            else:
                b.add(
                    fid, f"楼堂馆所{said}{word}", value, "count", path, figure, terms,
                    decimals=decimals_of(value), unit="平方米", family="area",
                )  # fmt: skip
        rate_terms = (f"{word}控制率", "控制率", *terms)
        stated = getattr(bu, f"{kind}_rate")
        if stated is not None:
            b.stated(f"{path}_rate", f"{word}控制率（表列）", stated, "percent", path, "rate", rate_terms)
        if actual is not None and approved:
            b.derived(
                f"{path}_rate~", f"{word}控制率", actual / approved * HUNDRED, "percent", path, "rate",
                rate_terms, f"实际{word} {actual} / 批复{word} {approved} × 100%",
            )  # fmt: skip
