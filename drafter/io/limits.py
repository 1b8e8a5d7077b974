"""Input limits that no file can get around: size, nesting, alias expansion, number size, control characters.

A data file is hostile until proved otherwise. Each limit here is enforced while the file is read, before
anything is built from it, so a 500-byte file cannot expand into gigabytes ("billion laughs"), a deeply
nested one cannot exhaust the stack, a 100,000-digit number cannot reach Decimal arithmetic, and an ESC
sequence in a title cannot reach the terminal or report.md. Every refusal names the line and the field.

YAML is read with YAML 1.2 semantics for scalars: `1:30` is text (YAML 1.1 reads it as 90), `0x84` and
`012` are text (1.1: 132 and 10), `yes`/`no`/`on`/`off` are text (1.1: booleans), dates are text. The
schema then says whether text is acceptable where it stands, so nothing is silently misread.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from enum import StrEnum
from typing import Any

import yaml

MAX_DEPTH = 40  # nesting levels; the schema needs 5
MAX_DIGITS = 30  # characters of digits in one number, before any other check
MAX_INTEGER_DIGITS = 12  # under a trillion: the national budget is about 3e11 万元
MAX_DECIMALS = 6  # with 12 integer digits, every ratio quantizes within 28 digits
ALIAS_GROWTH = 10  # values after alias expansion, per value written, beyond a small allowance
ALIAS_ALLOWANCE = 10_000

Path_ = tuple[str | int, ...]


class LimitKind(StrEnum):
    """Which limit a file exceeded (the message says it in words, for the user)."""

    DEPTH = "depth"  # nested too deep
    ALIASES = "aliases"  # YAML aliases expanding into far more values than written
    NUMBER_SIZE = "number_size"  # a number with too many digits, or out of a report figure's range
    NOT_A_NUMBER = "not_a_number"  # a number-looking value that is no finite number


class LimitError(Exception):
    """An input limit was exceeded; `line` (1-based) and `path` say where, when known; `kind` which."""

    def __init__(self, message: str, line: int | None = None, path: Path_ = (), *, kind: LimitKind) -> None:
        super().__init__(message)
        self.message, self.line, self.path, self.kind = message, line, path, kind


class NumberProblem(StrEnum):
    """Why a number is no report figure (its message says it in words)."""

    TOO_MANY_DIGITS = "too_many_digits"
    NOT_A_NUMBER = "not_a_number"
    NOT_FINITE = "not_finite"
    OUT_OF_RANGE = "out_of_range"


class NumberError(ValueError):
    """A number no report figure can be, and which `problem` it has."""

    def __init__(self, message: str, problem: NumberProblem) -> None:
        super().__init__(message)
        self.problem = problem

    @property
    def too_big(self) -> bool:
        """Too many digits, or out of a report figure's range (not merely no number)."""
        return self.problem in (NumberProblem.TOO_MANY_DIGITS, NumberProblem.OUT_OF_RANGE)


# ------------------------------------------------------------------------------------------ numbers


def number_problem(value: Decimal) -> str | None:
    """Why `value` is outside what a report figure can be, or None when it is fine."""
    if not value.is_finite():
        return "not a finite number"
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    integer_digits = max(0, len(digits) + exponent) if value else 0
    decimals = max(0, -exponent)
    if integer_digits > MAX_INTEGER_DIGITS or decimals > MAX_DECIMALS:
        return (
            f"out of range for a report figure (at most {MAX_INTEGER_DIGITS} digits before the decimal "
            f"point and {MAX_DECIMALS} after)"
        )
    return None


def bounded_decimal(text: str) -> Decimal:
    """Decimal(text) for a number of sane size; ValueError (with the reason) otherwise."""
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS or len(text) > 4 * MAX_DIGITS:
        raise NumberError(f"too many digits (at most {MAX_DIGITS})", NumberProblem.TOO_MANY_DIGITS)
    try:
        value = Decimal(text)
    except ArithmeticError:
        raise NumberError("not a number", NumberProblem.NOT_A_NUMBER) from None
    problem = number_problem(value)
    if problem:
        raise NumberError(
            problem, NumberProblem.OUT_OF_RANGE if value.is_finite() else NumberProblem.NOT_FINITE
        )
    return value


# ------------------------------------------------------------------------------------ control chars

# C0 except tab and newline, DEL, C1, and the bidirectional overrides that reorder what a reader sees.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NAMES = {"\x1b": "ESC", "\r": "CR", "\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x7f": "DEL"}


def control_char(text: str) -> str | None:
    """The first control character in `text`, described (`U+001B (ESC)`), or None."""
    found = CONTROL.search(text)
    if found is None:
        return None
    ch = found.group()
    name = _NAMES.get(ch)
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def strip_controls(text: str) -> str:
    """`text` without control characters (for text from models: removed, never shown or written)."""
    text = text.replace("\r\n", "\n")
    return CONTROL.sub("", text)


def printable(text: str) -> str:
    """`text` safe for a terminal: each control character shown as its code (`\\x1b`), not obeyed."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256 else "", text)


def find_control(raw: Any) -> tuple[Path_, str] | None:
    """The path and description of the first string (key or value) in `raw` with a control character."""
    stack: list[tuple[Path_, Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = control_char(value)
            if found:
                return path, found
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and (found := control_char(key)):
                    return (*path, key), found
                stack.append(((*path, key), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in reversed(list(enumerate(value))))
    return None


# --------------------------------------------------------------------------------------------- YAML


def _without(resolvers: dict[str, list[Any]], tags: set[str]) -> dict[str, list[Any]]:
    return {first: [r for r in rs if r[0] not in tags] for first, rs in resolvers.items()}


_INT, _FLOAT, _BOOL, _TIME = (f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "timestamp"))


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 scalars (see the module doc), a nesting limit and a node count.

    Floats are built as Decimal from the characters written; integers are bounded in length before
    int() sees them (Python refuses more than 4,300 digits with a traceback).
    """

    yaml_implicit_resolvers = _without(yaml.SafeLoader.yaml_implicit_resolvers, {_INT, _FLOAT, _BOOL, _TIME})

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.composed = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        self.composed += 1
        if self.depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise LimitError(f"nested more than {MAX_DEPTH} levels deep", mark.line + 1, kind=LimitKind.DEPTH)
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


BoundedLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
BoundedLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789"))
BoundedLoader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
        |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


def _construct_decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return bounded_decimal(text)
    except NumberError as exc:
        raise LimitError(
            f"{text[:40]!r}{'…' if len(text) > 40 else ''}: {exc}",
            node.start_mark.line + 1,
            kind=LimitKind.NUMBER_SIZE if exc.too_big else LimitKind.NOT_A_NUMBER,
        ) from None


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
        raise LimitError(
            f"{text[:40]!r}…: too many digits (at most {MAX_DIGITS})",
            node.start_mark.line + 1,
            kind=LimitKind.NUMBER_SIZE,
        )
    return int(loader.construct_yaml_int(node))


BoundedLoader.add_constructor(_FLOAT, _construct_decimal)
BoundedLoader.add_constructor(_INT, _construct_int)


class DuplicateKey(Exception):
    def __init__(self, key: str, first: int, again: int, path: Path_) -> None:
        super().__init__(key)
        self.key, self.first, self.again, self.path = key, first, again, path


def yaml_line_index(node: yaml.Node, composed: int) -> dict[Path_, int]:
    """Map each field path to the 1-based line where it starts, walking aliases as they expand.

    The walk is iterative (no recursion limit) and counts the values it visits: aliases that expand
    to more than ALIAS_GROWTH times the values written are refused (a recursive alias never ends).
    """
    out: dict[Path_, int] = {}
    budget = ALIAS_ALLOWANCE + ALIAS_GROWTH * composed
    stack: list[tuple[Path_, yaml.Node, int]] = [((), node, node.start_mark.line + 1)]
    while stack:
        path, current, line = stack.pop()
        budget -= 1
        if budget < 0 or len(path) > MAX_DEPTH:  # an alias inside itself: both, and at once
            raise LimitError(
                "YAML aliases (*name) repeat anchored parts into far more values than the file holds",
                line,
                kind=LimitKind.ALIASES,
            )
        out.setdefault(path, line)
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in reversed(current.value):
                key = key_node.value
                key_line = key_node.start_mark.line + 1
                if key in seen:  # YAML would keep the last silently: a doubled field is a mistake
                    raise DuplicateKey(key, key_line, seen[key], path)
                seen[key] = key_line
                stack.append(((*path, key), value_node, key_line))
        elif isinstance(current, yaml.SequenceNode):
            for i in range(len(current.value) - 1, -1, -1):
                item = current.value[i]
                stack.append(((*path, i), item, item.start_mark.line + 1))
    return out


# --------------------------------------------------------------------------------------------- JSON

_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|-?[0-9][0-9.eE+\-]*|[A-Za-z]+|\s+', re.S)


def _json_tokens(text: str) -> Iterator[tuple[str, int]]:
    line = 1
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0].isspace():
            line += token.count("\n")
            continue
        yield token, line


def json_line_index(text: str) -> dict[Path_, int]:
    """Map each field path of a JSON text (already known to parse) to its line; enforce the limits.

    Refuses duplicate keys (json keeps the last silently), nesting beyond MAX_DEPTH (json would hit a
    RecursionError), and numbers beyond MAX_DIGITS (int() would refuse 4,300 digits with a traceback).
    """
    out: dict[Path_, int] = {}
    # each open container: its path, [next index] for lists, or the keys seen (with lines) for objects
    stack: list[tuple[Path_, list[int] | dict[str, int]]] = []
    key: str | None = None
    expect_key = False
    for token, line in _json_tokens(text):
        head = token[0]
        if head in "]}":
            if stack:  # an unbalanced text is json's to report, with its own message
                stack.pop()
            expect_key = False
            continue
        if head == ",":
            expect_key = bool(stack) and isinstance(stack[-1][1], dict)
            continue
        if head == ":":
            continue
        if expect_key and head == '"':
            key = json.loads(token)
            container = stack[-1][1]
            if isinstance(container, dict) and key in container:
                raise DuplicateKey(key, container[key], line, stack[-1][0])
            if isinstance(container, dict):
                container[key] = line
            expect_key = False
            continue
        # a value starts here
        if not stack:
            path: Path_ = ()
        elif isinstance(stack[-1][1], dict):
            path = (*stack[-1][0], key if key is not None else "")
        else:
            counter = stack[-1][1]
            path = (*stack[-1][0], counter[0])
            counter[0] += 1
        out.setdefault(path, line)
        if head in "-0123456789" and sum(ch.isdigit() for ch in token) > MAX_DIGITS:
            raise LimitError(
                f"{token[:40]}…: too many digits (at most {MAX_DIGITS})",
                line,
                path,
                kind=LimitKind.NUMBER_SIZE,
            )
        if head in "{[":
            if len(stack) >= MAX_DEPTH:
                raise LimitError(f"nested more than {MAX_DEPTH} levels deep", line, kind=LimitKind.DEPTH)
            stack.append((path, {} if head == "{" else [0]))
            expect_key = head == "{"
    return out
