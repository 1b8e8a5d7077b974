"""Where drafter's data folders are, installed or in a checkout.

prompts/, fewshot/ and examples/ live at the top of the repository (they are data, not code). An
installed wheel carries them under drafter/_bundled/; an editable install or a checkout reads them
from the repository. One function decides, so nothing else guesses paths.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (prompts, fewshot, examples) for this installation."""
    for candidate in (_PACKAGE / "_bundled" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter's {name}/ folder is missing from this installation ({_PACKAGE})")


def resource(name: str) -> Path:
    """A file shipped inside the package (drafter/resources/)."""
    return _PACKAGE / "resources" / name
