"""Regenerate the Word fixtures of tests/fixtures/ (then their PDFs with eval/render_docx.sh).

    python eval/make_fixtures.py && for f in tests/fixtures/*.docx; do bash eval/render_docx.sh "$f"; done
    rm tests/fixtures/*.png   # render_docx.sh writes a PNG of page 1 beside each PDF; not a fixture

The PDFs are printed as a reader gets them: render_docx.sh updates the 目录 as Word does on opening,
so example-report.pdf prints one (entries with leaders and page numbers) that the PDF reader must leave
out, and the highlighted 〔待补充〕 of long-table's 总分 row wraps in its cell (two highlight boxes that
are no cell edges).

- example-report.docx: the init template's example (drafter.export.templates.EXAMPLE) drafted offline;
- long-table.docx: one short section and a 自评表 of 14 long 绩效指标 rows, so the table runs over a
  page break (rows cut by the break, 一级/二级指标 merged across it) in the printed PDF.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from drafter.data.model import ReportData
from drafter.drafting.run import Drafter
from drafter.drafting.store import draft_json
from drafter.export.docx import build, write
from drafter.export.templates import EXAMPLE
from drafter.writing.outline import load_outline, plan

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures"
LONG_TITLE = "示例县妇女联合会2024年度部门整体支出绩效自评报告"


def long_table_data() -> ReportData:
    raw = EXAMPLE.model_dump(by_alias=True)
    base = raw["indicators"][0]
    raw["indicators"] = [
        {
            **base,
            "level2": ("数量指标", "质量指标", "时效指标")[min((i - 1) // 5, 2)],
            "name": f"第{i}项工作完成情况",
            "target": f"全年{i}场",
            "actual": f"全年开展宣传活动{i}场，"
            + "深入社区、学校和企业，覆盖城乡妇女群众，" * 3
            + f"参与{100 + i}人次。",
            "weight": "5",
            "score": "5",
            "deviation": "",
        }
        for i in range(1, 15)
    ]
    raw["self_evaluation"] = {"grade": "优"}
    raw["budget"]["total"]["weight"] = raw["budget"]["total"]["score"] = None
    return ReportData.model_validate(raw)


LONG_RECORD = {
    "title": LONG_TITLE,
    "complete": True,
    "flagged_sections": [],
    "sections": [
        {
            "id": "basic",
            "heading": "一、部门（单位）基本情况",
            "level": 1,
            "status": "ok",
            "text": "2024年基本支出232.27万元，其中：人员支出200.00万元。",
            "fixes": [],
        }
    ],
}


def main() -> None:
    outline = load_outline()
    drafter = Drafter(EXAMPLE)
    draft = drafter.new_draft(outline, plan(outline, EXAMPLE), "data.yaml")
    asyncio.run(drafter.run(draft))
    write(FIXTURES / "example-report.docx", build(draft_json(draft), EXAMPLE))
    write(FIXTURES / "long-table.docx", build(LONG_RECORD, long_table_data()))


if __name__ == "__main__":
    main()
