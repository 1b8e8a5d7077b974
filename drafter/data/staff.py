"""机构与人员: the staff counts a report states, their splits, and the units it has.

Split from drafter.data.model (which imports it) to keep each module small; the fields are the
YAML's `staff:`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from drafter.data.base import Count, Number, Strict

StaffPartList = Literal[
    "authorized_parts", "actual_parts", "departments", "retired_parts", "actual_by_post", "actual_by_funding"
]


class Headcount(Strict):
    label: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    count: Count


class Staff(Strict):
    """机构与人员."""

    authorized: Count | None = Field(None, description="编制数")
    authorized_year: int | None = Field(None, description="year the 编制 was set, if the text names it")
    authorized_parts: list[Headcount] = Field(default_factory=list, description="全额/差额 编制 …")
    actual: Count | None = Field(None, description="实有人数 (在职)")
    actual_parts: list[Headcount] = Field(default_factory=list, description="by kind: 行政编制, 工勤 …")
    retired: Count | None = Field(None, description="离退休人员")
    retired_parts: list[Headcount] = Field(default_factory=list, description="离休 / 退休 (parts of retired)")
    actual_by_post: list[Headcount] = Field(
        default_factory=list, description="实有人数 by post: 管理岗, 专业技术岗, 工勤岗 … (a second split)"
    )
    actual_by_funding: list[Headcount] = Field(
        default_factory=list, description="实有人数 by funding: 全额拨款, 差额拨款, 自收自支 …"
    )
    transfers_in: Count | None = Field(None, description="调入 in the year")
    transfers_out: Count | None = Field(None, description="调出 in the year")
    leader_posts: Count | None = Field(None, description="领导职数 (核定)")
    leaders_actual: Count | None = Field(None, description="实配领导 (in post)")
    temporary: Count | None = Field(None, description="临聘人员")
    as_of: str | None = Field(None, description="e.g. 2023年末")
    departments: list[str] = Field(default_factory=list, description="内设机构 names")
    departments_count: Count | None = Field(None, description="内设机构 count, when names are not given")
    control_rate: Number | None = Field(None, description="在职人员控制率 as stated, %")
    subordinate_units: list[str] = Field(default_factory=list, description="下属单位")
    subordinate_by_rank: list[Headcount] = Field(
        default_factory=list, description="下属单位 by rank: 正科级 2, 副科级 3 … (counts of units)"
    )
    villages: Count | None = Field(None, description="行政村 the unit serves (a 乡镇 / 街道's 辖 …个村)")
    communities: Count | None = Field(None, description="社区 the unit serves")
    notes: list[str] = Field(default_factory=list)
    partial: list[StaffPartList] = Field(
        default_factory=list, description="part lists that are not complete: no sum is claimed"
    )

    @model_validator(mode="after")
    def _ranks_agree(self) -> Staff:
        """Units by rank that outnumber the units named cannot both be right: say so on load."""
        ranked = sum(p.count for p in self.subordinate_by_rank)
        if self.subordinate_units and self.subordinate_by_rank and ranked != len(self.subordinate_units):
            raise ValueError(
                f"subordinate_by_rank counts {ranked} units but {len(self.subordinate_units)} "
                "subordinate_units are named"
            )
        return self

    @model_validator(mode="after")
    def _departments_agree(self) -> Staff:
        if self.departments and self.departments_count is not None:
            if self.departments_count != len(self.departments):
                raise ValueError(
                    f"departments_count is {self.departments_count} but {len(self.departments)} "
                    "departments are named"
                )
        return self
