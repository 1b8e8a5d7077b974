"""Facts of the figures real reports print beside the main lines, each with the words reports name it by.

The parts of 公用经费 (办公费, 水电费, 差旅费, 会议费, 培训费 …) as parts of 公用支出. Stated figures become
facts as written; the relations (parts of a whole) make their shares and, when the whole is not
stated, the whole; the audit of their arithmetic is drafter.audit.details. Before these homes existed
a clerk typed such figures into free text, where a checker can bind them only by their clause.
"""

from __future__ import annotations

from drafter.data.model import ReportData
from drafter.facts.builder import FactBuilder, Part

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


def details_facts(b: FactBuilder, data: ReportData) -> None:
    """The facts of every home this module knows, in the order the checker meets them."""
    _public_parts(b, data)


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
