"""Atomic file replacement: temp file in the same folder, fsync, rename. One writer for every file.

A reader (or Word holding the file open) sees the old file or the new, never half of one; a killed run
leaves at most a hidden `.NAME.*.tmp`, which the output folder's lock cleans up. The new file keeps the
old one's permissions (mkstemp makes temp files 0600: renamed into place as they are, a shared
report.md would turn private). Permissions are set by path after the write, which works on every
platform (os.fchmod exists on Windows only from Python 3.13).
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def _mode_for(path: Path) -> int:
    """The permissions the file should have: the existing file's, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_bytes_atomic(path: Path, content: bytes) -> None:
    """Replace `path` with `content` all at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` as UTF-8, newlines as written (\\n), all at once."""
    write_bytes_atomic(path, text.encode("utf-8"))
