"""Flags and notes carry codes: decisions read the code, the Chinese text is output only.

A record written before codes existed (no flag_codes / note_codes) gets its codes from the old
wording when it is read back: the migration that keeps --resume, regen and show working on it.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from drafter.drafting.codes import OLD_FLAG_WORDING, OLD_NOTE_WORDING, Code, Remark, code_of, read_remarks
from drafter.drafting.progress import DraftProgress
from drafter.drafting.record import Draft, SectionDraft
from drafter.drafting.store import restore_section
from drafter.writing.outline import Section

FALLBACK = "模型未能生成本部分（连接超时），已改用内置模板写作"
PROSE = "第 1 次回答未通过文字检查（复述了提示词的栏目标题），已要求重写"
COVERAGE = "文字检查：只写到了 1/2 条要点（积极救助贫困母亲）"
SHRUNK = "提示词超出模型上下文，参考范文预算缩减为 750 tokens"


def section() -> Section:
    return Section(id="work_1", heading="（一）积极救助贫困母亲", level=2, kind="work", writer="model")


def test_a_remark_is_its_text_with_a_code() -> None:
    remark = Remark(FALLBACK, Code.WRITER_FALLBACK)
    assert remark == FALLBACK and str(remark) == FALLBACK
    assert code_of(remark) is Code.WRITER_FALLBACK
    assert code_of(FALLBACK) is Code.OTHER  # a plain string carries none
    assert json.dumps([remark], ensure_ascii=False) == json.dumps([FALLBACK], ensure_ascii=False)


def test_codes_are_recorded_beside_the_texts_and_read_back() -> None:
    sd = SectionDraft(section(), status="flagged")
    sd.flags.append(Remark(FALLBACK, Code.WRITER_FALLBACK))
    sd.notes += [Remark(SHRUNK, Code.CONTEXT_SHRUNK), Remark(PROSE, Code.PROSE)]
    rec = sd.to_dict()
    assert rec["flags"] == [FALLBACK] and rec["flag_codes"] == ["writer_fallback"]
    assert rec["notes"] == [SHRUNK, PROSE] and rec["note_codes"] == ["context_shrunk", "prose"]
    back = SectionDraft(section())
    assert restore_section(back, json.loads(json.dumps(rec, ensure_ascii=False)))
    assert [code_of(f) for f in back.flags] == [Code.WRITER_FALLBACK]
    assert [code_of(n) for n in back.notes] == [Code.CONTEXT_SHRUNK, Code.PROSE]
    assert back.writer_fallback


def test_a_record_without_codes_migrates_from_the_old_wording() -> None:
    old = {"id": "work_1", "heading": "（一）积极救助贫困母亲", "status": "flagged", "text": "……"}
    old |= {"flags": [FALLBACK, COVERAGE], "notes": [SHRUNK, PROSE, "去除了 Markdown 标记"]}
    sd = SectionDraft(section())
    assert restore_section(sd, old)
    assert [code_of(f) for f in sd.flags] == [Code.WRITER_FALLBACK, Code.PROSE]
    assert [code_of(n) for n in sd.notes] == [Code.CONTEXT_SHRUNK, Code.PROSE, Code.TIDIED]
    assert sd.to_dict() is old  # a restored section is written back exactly as it was read


def test_codes_that_do_not_match_the_texts_are_not_trusted() -> None:
    remarks = read_remarks([FALLBACK], ["no-such-code"], OLD_FLAG_WORDING)
    assert code_of(remarks[0]) is Code.WRITER_FALLBACK
    remarks = read_remarks([PROSE, SHRUNK], ["prose"], OLD_NOTE_WORDING)  # one code for two notes
    assert [code_of(r) for r in remarks] == [Code.PROSE, Code.CONTEXT_SHRUNK]


def test_the_summary_lists_the_prose_notes_by_code(tmp_path: Path) -> None:
    sd = SectionDraft(section(), status="ok", writer="stub-model")
    sd.notes += [Remark(SHRUNK, Code.CONTEXT_SHRUNK), Remark(PROSE, Code.PROSE)]
    sd.notes.append(Remark("a note worded like 文字检查 but coded otherwise", Code.OTHER))
    console = Console(record=True, width=200)
    DraftProgress(console).summary(Draft("t", "d", "w", None, [sd]), tmp_path / "r.md", tmp_path / "d.json")
    out = console.export_text()
    assert PROSE in out
    assert SHRUNK not in out and "coded otherwise" not in out
