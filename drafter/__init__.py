"""drafter: drafts 部门整体支出绩效自评报告 from structured data and proves every number in them."""

__version__ = "0.1.0"
