"""The shape of drafter/, held by tests so it cannot slide back (issue 16).

- No import circle among drafter's modules (every import, in functions too; `TYPE_CHECKING` aside).
- Packages import only packages below them, in the order of `LAYERS` (docs/architecture.md draws it).
- No module over 500 lines, no function over 80, at most 8 modules directly in drafter/.
- ruff passes with the project's settings, mccabe complexity (C901, at most 15) included.
- No behaviour decided by searching message text: a reason, flag, note or finding is output; code
  decides by its machine code (an enum), so rewording a message never changes what drafter does.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "drafter"

# Bottom to top: a module may import its own package and any package before it, never one after it.
LAYERS = (
    "errors", "paths", "io", "text", "numbers", "data", "facts", "audit", "readers", "check",
    "prose", "models", "writing", "drafting", "review", "export", "evaluation", "cli",
)  # fmt: skip
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
MAX_TOP_LEVEL_MODULES = 8
# Names of the attributes and variables that hold drafter's own messages (never the report's text).
MESSAGE_NAMES = frozenset(
    {"reason", "reasons", "message", "messages", "note", "notes", "flag", "flags", "detail", "details",
     "status", "why", "hint", "warning", "warnings"}
)  # fmt: skip
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                skip |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
    return skip


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    base = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = base.split(".")[: len(base.split(".")) - node.level + 1]
                source = ".".join([*parts, node.module] if node.module else parts)
            else:
                source = node.module or ""
            yield source
            yield from (f"{source}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for name in _imported(module, path):
            target = _resolve(name) if name.split(".")[0] == "drafter" else None
            if target and target != module:
                graph[module].add(target)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in MODULES:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _layer(module: str) -> int:
    parts = module.split(".")
    return -1 if len(parts) == 1 else LAYERS.index(parts[1])


def test_every_package_has_a_layer() -> None:
    assert sorted({m.split(".")[1] for m in MODULES if "." in m} - {"__main__"} - set(LAYERS)) == []


def test_no_import_circle() -> None:
    assert circles(import_graph()) == []


def test_the_circle_finder_finds_a_circle() -> None:
    graph: dict[str, set[str]] = defaultdict(set, {"drafter.errors": {"drafter.paths"}})
    graph["drafter.paths"] = {"drafter.errors"}
    assert circles(graph) == [["drafter.errors", "drafter.paths"]]


def test_imports_point_down() -> None:
    upward = [
        f"{a} -> {b}"
        for a, targets in sorted(import_graph().items())
        for b in sorted(targets)
        if a != "drafter.__main__" and _layer(b) > _layer(a)
    ]
    assert upward == []


def test_module_size() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in MODULES.values()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_function_length() -> None:
    long = []
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                if (n := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({n} lines)")
    assert long == []


def test_few_modules_at_the_top() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_ruff_with_complexity() -> None:
    """ruff with the project's settings: lint rules and C901 (pyproject's max-complexity)."""
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "drafter", "tests", "eval"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stdout + run.stderr


def _message_holder(node: ast.AST, bound: dict[str, list[ast.AST]]) -> str | None:
    """The message name an expression reads (`v.reason`, `sd.flags`, or `f` of `for f in sd.flags`)."""
    if isinstance(node, ast.Attribute):
        return node.attr if node.attr in MESSAGE_NAMES else None
    if isinstance(node, ast.Name):
        if node.id in MESSAGE_NAMES:
            return node.id
        return next(filter(None, (_message_holder(i, {}) for i in bound.get(node.id, ()))), None)
    if isinstance(node, ast.Subscript | ast.Call):
        inner = node.value if isinstance(node, ast.Subscript) else node.func
        if isinstance(inner, ast.Attribute) and isinstance(node, ast.Call):
            inner = inner.value  # v.reason.strip()
        return _message_holder(inner, bound)
    return None


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _wording(node: ast.AST) -> bool:
    """A constant that is wording, not a code: Chinese characters or more than one word."""
    text = _string(node)
    return text is not None and bool(_CJK.search(text) or " " in text.strip())


def _searched(node: ast.AST) -> bool:
    return _string(node) is not None or (isinstance(node, ast.Tuple) and all(_string(e) for e in node.elts))


def message_text_decisions(tree: ast.AST) -> list[int]:
    """Lines that decide by searching message text.

    A search inside a message (`"数据自身有误" in v.reason`, `note.startswith("审核")`, `"digits" in
    exc.message`, a regex over it) is always wording; so is equality with wording (`v.reason == "name
    in the data"`). Equality with a one-word identifier (`f.reason == "copied"`) compares a code.
    """
    bound: dict[str, list[ast.AST]] = defaultdict(list)  # loop variables: what they range over
    for node in ast.walk(tree):
        if isinstance(node, ast.comprehension | ast.For) and isinstance(node.target, ast.Name):
            bound[node.target.id].append(node.iter)
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            op, right = node.ops[0], node.comparators[0]
            if isinstance(op, ast.In | ast.NotIn) and _string(node.left) is not None:
                if _message_holder(right, bound):
                    lines.append(node.lineno)
            elif isinstance(op, ast.Eq | ast.NotEq) and (_wording(node.left) or _wording(right)):
                other = right if _wording(node.left) else node.left
                if _message_holder(other, bound):
                    lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            method = node.func.attr
            searches = method in {"startswith", "endswith", "find", "count", "index"}
            if searches and any(map(_searched, node.args)):
                if _message_holder(node.func.value, bound):
                    lines.append(node.lineno)
            elif method in {"search", "match", "fullmatch", "findall", "finditer"} and node.args:
                if _message_holder(node.args[-1], bound):
                    lines.append(node.lineno)
    return sorted(set(lines))


# Messages drafter did not write, read as input: a server's or the openai library's error text, and
# pydantic's validation messages. (file, the text searched for): each is a parse of foreign wording.
FOREIGN_MESSAGES = {
    ("drafter/models/openai_compat.py", "quota"),
    ("drafter/models/openai_compat.py", "Error code:"),
    ("drafter/models/openai_compat.py", " - "),
    ("drafter/data/validation.py", "got"),
}


def _searched_text(line: str) -> set[str]:
    return set(re.findall(r'"([^"]*)"', line))


def test_no_decision_on_message_text() -> None:
    found = []
    for path in MODULES.values():
        rel = path.relative_to(ROOT).as_posix()
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in message_text_decisions(ast.parse("\n".join(lines))):
            if not {(rel, s) for s in _searched_text(lines[line - 1])} & FOREIGN_MESSAGES:
                found.append(f"{rel}:{line}: {lines[line - 1].strip()}")
    assert found == []


@pytest.mark.parametrize(
    "code",
    [
        'if "数据自身有误" in v.reason: pass',
        'x = any("模型未能" in f for f in sd.flags)',
        'ok = note.startswith("审核意见")',
        'y = v.reason == "照抄"',
        'y = v.reason == "name in the data"',
        'h = "digits" in exc.message',
        'ok = all(x.reason.startswith("identifier") for x in inner)',
    ],
)
def test_the_message_text_finder_finds(code: str) -> None:
    assert message_text_decisions(ast.parse(code)) == [1]


def test_domain_words_in_report_text_are_not_message_text() -> None:
    code = 'if "其中" not in text: pass\nok = clause.startswith("年初")\nc = f.reason == "copied"'
    assert message_text_decisions(ast.parse(code)) == []
