"""The example `drafter init` fills its templates with, and how to tell its rows left in a clerk's data.

The templates (drafter.export.templates) show one row of each kind from a small example unit. A clerk
who fills in 基本情况 and leaves the example's rows elsewhere would get a report saying the example's
things (a 市场监管局 "团结、引导各族各界妇女听党话、跟党走"). `example_rows` names those rows, so
`drafter draft` refuses the data, unless it is the untouched example itself (kept on purpose).
"""

from __future__ import annotations

from drafter.data.model import ReportData

EXAMPLE = ReportData.model_validate(
    {
        "unit": {
            "name": "示例县妇女联合会",
            "short_name": "示例县妇联",
            "aliases": ["县妇联"],
            "level": "县",
            "year": 2024,
            "region": "示例省示例市示例县",
        },
        "staff": {
            "authorized": 10,
            "actual": 9,
            "actual_parts": [{"label": "行政编制人员", "count": 8}, {"label": "工勤人员", "count": 1}],
            "as_of": "2024年末",
            "departments": ["办公室", "权益部"],
        },
        "duties": ["团结、引导各族各界妇女听党话、跟党走。"],
        "budget": {
            "unit": "万元",
            "total": {
                "label": "年度资金总额",
                "budget": "300.00",
                "actual": "282.27",
                "rate": "94.09",
                "weight": "10",
                "score": "9.41",
            },
            "sources": [{"label": "财政拨款", "budget": "300.00", "actual": "282.27"}],
            "basic": {"actual": "232.27"},
            "personnel": {"actual": "200.00"},
            "public": {"actual": "32.27"},
            "projects_total": {"actual": "50.00"},
            "projects": [{"label": "妇女儿童维权专项经费", "actual": "50.00"}],
            "three_public": {
                "unit": "元",
                "total": {"label": "“三公”经费", "budget": "12000", "actual": "9800"},
                "reception": {"actual": "9800"},
            },
        },
        "goals": {
            "target": ["开展妇女儿童维权宣传活动不少于10场。"],
            "achieved": ["全年开展维权宣传活动12场。"],
        },
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "维权宣传活动场次",
                "target": "全年10场",
                "actual": "全年开展维权宣传活动12场。",
                "weight": "90",
                "score": "88",
                "deviation": "宣传覆盖面仍需扩大，下一步向村（社区）延伸。",
                "unit": "场",
                "nature": "≥",
            }
        ],
        "indicator_groups": [{"level1": "产出指标", "weight": "90", "score": "88"}],
        "activities": [
            {"title": "维护妇女儿童合法权益", "bullets": ["全年开展维权宣传活动12场，接待来访群众86人次。"]}
        ],
        "problems": ["预算编制的精细化程度有待提高。"],
        "improvements": ["加强预算编制与执行的衔接。"],
        "statements": [{"topic": "评价组织", "text": "成立自评工作小组，对照指标逐项自评。"}],
        "periods": ["2021-2030"],
        "lexicon": ["三八红旗手"],
        "self_evaluation": {"score": "97.41", "grade": "优", "total_weight": "100"},
    }
)


def _texts(data: ReportData) -> dict[str, list[str]]:
    """The free texts a clerk replaces, by the place the templates give them (YAML field / sheet row)."""
    return {
        "duties（主要职责）": list(data.duties),
        "goals（年度总体目标）": [*data.goals.target, *data.goals.achieved],
        "indicators（绩效指标）": [i.name for i in data.indicators],
        "activities（年度工作情况）": [t.title for t in data.activities]
        + [b for t in data.activities for b in t.bullets],
        "budget.projects（项目支出）": [p.label for p in data.budget.projects],
        "problems（存在问题）": list(data.problems),
        "improvements（改进措施）": list(data.improvements),
        "statements（其他说明）": [st.text for st in data.statements],
    }


def example_rows(data: ReportData) -> list[str]:
    """Where `data` still holds the template's example content; none for the untouched example."""
    if data.unit.name == EXAMPLE.unit.name:
        return []
    mine, theirs = _texts(data), _texts(EXAMPLE)
    return [place for place, texts in mine.items() if set(texts) & set(theirs[place])]
