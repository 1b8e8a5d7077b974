"""Reading the files a user hands in, with limits and clear errors.

Data files (drafter.data) and report files (drafter.readers) are both read here: a regular file of
bounded size, text as UTF-8, and every refusal (missing, a folder, a device, empty, huge, binary,
UTF-16, not UTF-8) an InputError that names the file and says what to do.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import InputError

MAX_BYTES = 5_000_000  # the largest text file read (a data file, a report as .txt/.md)
BINARY_LIMIT = 50_000_000  # the largest binary file handed to a reader (.docx, .pdf)


def read_bytes(path: Path, what: str = "file", limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` (MAX_BYTES) bytes, read with that cap (never a
    device or pipe)."""
    cap = MAX_BYTES if limit is None else limit
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # /dev/zero never ends, a FIFO blocks: neither is a file
            raise InputError(
                f"{path}: not a regular file (a device, pipe or socket), expected a {what}",
                f"save the {what} to a file and pass that file",
            )
        if info.st_size > cap:  # refuse before reading a huge file into memory
            raise InputError(
                f"{path}: {info.st_size:,} bytes is too large for a {what} (limit {cap:,})",
                "split the input or check you passed the right file",
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            raw = fh.read(cap + 1)  # the cap holds even if the file grows while it is read
    except FileNotFoundError:
        raise InputError(
            f"{path}: no such {what}", "check the path (relative paths start from the current folder)"
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"{path}: is a folder, expected a {what}", f"pass the {what} itself, not its folder"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})", "check the file's permissions") from None
    if len(raw) > cap:
        raise InputError(
            f"{path}: more than {cap:,} bytes is too large for a {what} (limit {cap:,})",
            "split the input or check you passed the right file",
        )
    return raw


def read_text(path: Path, what: str = "file", limit: int | None = None) -> str:
    """Read a UTF-8 text file with clear errors for missing, empty, binary, huge or non-UTF-8 input."""
    raw = read_bytes(path, what, limit)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(
            f'{path}: UTF-16 text (Windows "Unicode"), expected UTF-8',
            "save the file as UTF-8 (in Notepad: 另存为 → 编码 UTF-8)",
        )
    if b"\x00" in raw[:8192]:
        raise InputError(
            f"{path}: looks like a binary file, expected UTF-8 text",
            f"pass the {what} as plain text (.txt, .md, .yaml); export Word or PDF files to text first",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text (line {line}, byte {column} of the line cannot be decoded)",
            "save the file as UTF-8 (files saved as GBK on Windows need converting)",
        ) from None
    if not text.strip():
        raise InputError(f"{path}: the {what} is empty", f"check you passed the right {what}")
    return text


def ensure_file(path: Path, what: str, limit: int = BINARY_LIMIT) -> None:
    """Clear errors before a binary reader sees the file: missing, a folder, empty or huge."""
    if not path.exists():
        raise InputError(
            f"{path}: no such {what}", "check the path (relative paths start from the current folder)"
        )
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a {what}", f"pass the {what} itself")
    size = path.stat().st_size
    if size == 0:
        raise InputError(f"{path}: the {what} is empty", f"check you passed the right {what}")
    if size > limit:
        raise InputError(f"{path}: {size:,} bytes is too large for a {what} (limit {limit:,})", "split it")
