"""The section contexts are built by a registry keyed by section kind (drafter.writing.sections.BUILDERS)."""

from __future__ import annotations

from drafter.paths import data_dir
from drafter.writing.outline import KINDS, OutlineSection, load_outline, outline_path
from drafter.writing.sections import BUILDERS


def kinds(items: list[OutlineSection]) -> set[str]:
    out: set[str] = set()
    for item in items:
        if item.kind:
            out.add(item.kind)
        out |= kinds(item.children)
    return out


def test_every_kind_the_built_in_writer_writes_has_a_context_builder() -> None:
    templates = {p.stem for p in (data_dir("prompts") / "writer").glob("*.j2") if not p.stem.startswith("_")}
    assert templates <= set(BUILDERS), templates - set(BUILDERS)


def test_every_kind_of_the_shipped_outlines_has_a_context_builder() -> None:
    for name in ("hunan", "yunnan", "table"):
        outline = load_outline(outline_path(name))
        assert kinds(outline.sections) <= set(BUILDERS), name


def test_the_registry_holds_exactly_the_kinds_an_outline_may_name() -> None:
    assert set(BUILDERS) == set(KINDS)
