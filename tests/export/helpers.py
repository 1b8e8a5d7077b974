"""Drafts of the examples (built-in writer) and their Word files, made once per test session."""

from __future__ import annotations

import functools
from typing import Any

from drafter.drafting.markdown import to_markdown
from drafter.drafting.store import draft_json
from drafter.export.docx import build
from tests.drafting.helpers import EXAMPLE_NAMES, example_data, run_draft

__all__ = ["EXAMPLE_NAMES", "drafted", "example_data"]


@functools.cache
def drafted(name: str) -> tuple[dict[str, Any], str, bytes]:
    """(draft.json record, report.md, report.docx bytes) of an example drafted offline."""
    data = example_data(name)
    _, draft = run_draft(data)
    record = draft_json(draft)
    return record, to_markdown(draft), build(record, data)
