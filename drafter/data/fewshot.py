"""Few-shot passages from published reports, chosen for a prompt under a token budget.

The corpus is a folder (default: the repository's fewshot/, see drafter.paths) with one folder per
report, `<root>/<report-id>/`, holding one Markdown file per section passage (`<nn>-<kind>.md`, YAML
front matter + the passage text) and the report's full text as `source.txt`. fewshot/README.md
describes the layout and the front matter fields.

Selection is cheap and deterministic: the corpus is parsed once per root (token counts and
character bigrams precomputed), and a selection only sorts a few dozen passages.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.data.model import LEVEL_TIER, LEVELS
from drafter.errors import InputError
from drafter.paths import data_dir
from drafter.text.tokens import count_tokens

# Section kinds, in the usual order of a report. The strings are part of the corpus format.
KINDS: dict[str, str] = {
    "basic_info": "机构、人员情况",
    "duties": "主要职责",
    "budget_overview": "收支规模/整体支出规模/预算总体",
    "budget_basic": "基本支出",
    "budget_projects": "项目支出/专项资金",
    "gov_fund": "政府性基金预算支出",
    "state_capital": "国有资本经营预算支出",
    "social_insurance": "社会保险基金预算支出",
    "performance": "部门整体支出绩效情况（总体成效、获奖）",
    "work": "年度工作情况（分主题）",
    "goals": "绩效目标/年度总体目标/重点工作计划",
    "evaluation_process": "绩效评价组织情况、财务管理",
    "problems": "存在的问题及原因分析",
    "improvements": "下一步改进措施/建议/结果应用",
    "other": "其他需要说明的情况",
    "conclusion": "自评结论/总体评价/评价结论",
    "self_eval_table": "部门整体支出绩效自评表",
}
# 县 and 区 (and 县级市, 旗) are the same administrative tier: for one, the other is the next best level.
_TIER = LEVEL_TIER

SOURCE_NAME = "source.txt"
_FIELDS = ("report", "unit", "level", "year", "kind", "title", "theme", "source_file")
_REQUIRED = ("report", "unit", "level", "year", "kind")
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class CorpusError(InputError, ValueError):
    """A few-shot corpus file is unusable: names the file and the field."""


def _bigrams(text: str) -> frozenset[str]:
    """Character bigrams inside runs of Chinese characters (punctuation and digits break runs)."""
    grams: set[str] = set()
    for run in _CJK_RUN.findall(text):
        grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(grams)


@dataclass(frozen=True)
class Passage:
    """One section passage of a published report."""

    report: str
    unit: str
    level: str
    year: int
    kind: str
    title: str
    theme: str
    text: str
    path: Path
    tokens: int = -1  # count_tokens(text); computed when not given
    grams: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.tokens < 0:
            object.__setattr__(self, "tokens", count_tokens(self.text))
        if not self.grams:
            object.__setattr__(self, "grams", _bigrams(f"{self.title}\n{self.theme}\n{self.text}"))


# ---------------------------------------------------------------------------------------- loading


def _default_root(root: Path | None) -> Path:
    return (data_dir("fewshot") if root is None else Path(root)).resolve()


def load_corpus(root: Path | None = None) -> tuple[Passage, ...]:
    """All passages under `root` (default: drafter's fewshot/ folder), sorted by path.

    Parsed once per root and cached; call `clear_cache()` after editing the files in a running
    process. Raises CorpusError naming the file and field when a front matter is malformed.
    """
    return _load_corpus(_default_root(root))


def example_texts(root: Path | None = None) -> dict[str, str]:
    """report-id → the full text of that report (`<root>/<report-id>/source.txt`)."""
    return dict(_example_texts(_default_root(root)))


def clear_cache() -> None:
    """Forget parsed corpora (for a long-running process whose corpus files changed)."""
    _load_corpus.cache_clear()
    _example_texts.cache_clear()


def _report_dirs(root: Path) -> list[Path]:
    if not root.is_dir():
        raise CorpusError(f"few-shot corpus folder not found: {root}")
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


@functools.cache
def _load_corpus(root: Path) -> tuple[Passage, ...]:
    passages = []
    for folder in _report_dirs(root):
        for path in sorted(folder.glob("*.md")):
            if path.name.lower() != "readme.md":
                passages.append(_parse_file(path))
    return tuple(passages)


@functools.cache
def _example_texts(root: Path) -> tuple[tuple[str, str], ...]:
    return tuple(
        (folder.name, (folder / SOURCE_NAME).read_text(encoding="utf-8"))
        for folder in _report_dirs(root)
        if (folder / SOURCE_NAME).is_file()
    )


def _parse_file(path: Path) -> Passage:
    raw = path.read_text(encoding="utf-8").lstrip("\ufeff").replace("\r\n", "\n")
    lines = raw.split("\n")
    if not lines or lines[0].strip() != "---":
        raise CorpusError(f"{path}: does not start with a '---' front matter line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusError(f"{path}: the front matter has no closing '---' line") from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as e:
        raise CorpusError(f"{path}: the front matter is not valid YAML: {e}") from None
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}: the front matter must be a mapping of fields ({', '.join(_FIELDS)})")
    text = "\n".join(lines[end + 1 :]).strip()
    if not text:
        raise CorpusError(f"{path}: the passage text (after the front matter) is empty")
    return _passage(path, meta, text)


def _passage(path: Path, meta: dict[Any, Any], text: str) -> Passage:
    def fail(name: str, problem: str) -> CorpusError:
        return CorpusError(f"{path}: front matter field '{name}' {problem}")

    unknown = [str(k) for k in meta if k not in _FIELDS]
    if unknown:
        raise fail(unknown[0], f"is not a known field (known: {', '.join(_FIELDS)})")
    for name in _REQUIRED:
        if meta.get(name) in (None, ""):
            raise fail(name, "is missing")

    def text_field(name: str) -> str:
        value = meta.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise fail(name, f"must be text, got {value!r}")
        return value.strip()

    report, unit, level, kind = (text_field(n) for n in ("report", "unit", "level", "kind"))
    if report != path.parent.name:
        raise fail("report", f"is {report!r} but the file is in the folder {path.parent.name!r}")
    if level not in LEVELS:
        raise fail("level", f"is {level!r}; expected one of {', '.join(LEVELS)}")
    if kind not in KINDS:
        raise fail("kind", f"is {kind!r}; expected one of {', '.join(KINDS)}")
    year = meta["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
        raise fail("year", f"must be a year such as 2023, got {year!r}")
    text_field("source_file")
    return Passage(
        report=report,
        unit=unit,
        level=level,
        year=year,
        kind=kind,
        title=text_field("title"),
        theme=text_field("theme"),
        text=text,
        path=path,
    )


# -------------------------------------------------------------------------------------- selection


@functools.lru_cache(maxsize=256)
def _query_grams(query: str) -> frozenset[str]:
    return _bigrams(query)


def _similarity(query: frozenset[str], passage: frozenset[str]) -> float:
    """Cosine overlap of bigram sets: shared / sqrt(|query| * |passage|), in [0, 1]."""
    if not query or not passage:
        return 0.0
    return len(query & passage) / math.sqrt(len(query) * len(passage))


def select_passages(
    kind: str,
    *,
    level: str | None = None,
    query: str = "",
    budget_tokens: int = 1200,
    exclude_reports: Collection[str] = (),
    corpus: Sequence[Passage] | None = None,
    max_passages: int | None = None,
) -> list[Passage]:
    """Passages to show as examples for a section of `kind`, best first, within `budget_tokens`.

    Ranking, each rule breaking the ties of the one before:
      1. same kind. Passages of other kinds are used only as a fallback, when the corpus (after
         `exclude_reports`) has no passage of `kind` at all; if same-kind passages exist but none
         fits the budget, the result is empty rather than off-topic;
      2. same administrative level as `level` (then the same tier: 县 and 区 are interchangeable;
         then the rest); ignored when `level` is None;
      3. similarity to `query`: overlap of Chinese character bigrams (title, theme and text);
      4. fewer tokens; then the file path, so the order is total and deterministic.
    Passages are taken greedily in that order while they fit: one that would overflow the budget
    is skipped and the next tried. `exclude_reports` (report ids) keeps a report's own text out,
    e.g. when evaluating on it. `corpus` defaults to `load_corpus()`. `max_passages` caps how
    many are returned (None: as many as fit).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown passage kind {kind!r}; valid kinds: {', '.join(KINDS)}")
    if level is not None and level not in _TIER:
        raise ValueError(f"unknown level {level!r}; valid levels: {', '.join(_TIER)}")
    if budget_tokens < 0:
        raise ValueError(f"budget_tokens must be >= 0, got {budget_tokens}")
    if max_passages is not None and max_passages < 0:
        raise ValueError(f"max_passages must be >= 0 or None, got {max_passages}")
    if isinstance(exclude_reports, str):
        exclude_reports = (exclude_reports,)
    excluded = frozenset(exclude_reports)
    passages = load_corpus() if corpus is None else corpus
    candidates = [p for p in passages if p.report not in excluded]
    same_kind = [p for p in candidates if p.kind == kind]
    if same_kind:
        candidates = same_kind
    qgrams = _query_grams(query)

    def level_rank(p: Passage) -> int:
        if level is None or p.level == level:
            return 0
        return 1 if _TIER.get(p.level) == _TIER[level] else 2 + abs(_TIER.get(p.level, 0) - _TIER[level])

    ranked = sorted(
        candidates,
        key=lambda p: (
            level_rank(p),
            -_similarity(qgrams, p.grams),
            p.tokens,
            str(p.path),
        ),
    )
    chosen: list[Passage] = []
    left = budget_tokens
    for p in ranked:
        if max_passages is not None and len(chosen) >= max_passages:
            break
        if p.tokens <= left:
            chosen.append(p)
            left -= p.tokens
    return chosen
