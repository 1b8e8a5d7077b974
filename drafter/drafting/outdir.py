"""The output folder of `drafter draft`: checked before any model call, held by one run, never losing work.

- Checked first: a file where the folder should be, a folder where report.md should be, or a folder
  drafter cannot write into is an error before a single token is spent.
- One run at a time: `.drafter.lock` holds the running process's pid. A second run into the same
  folder is refused; a lock left by a process that is gone (kill -9, a crash) is recognised as stale
  and taken over, and the temp files such a process left behind are removed.
- Nothing finished is lost: a run writes report.md / draft.json only while its draft is at least as
  complete (finished sections) as the draft already there. Until then it writes report.new.md /
  draft.new.json beside them, and says so; the earlier report stays untouched. `--resume` continues
  from draft.new.json when it belongs to the same data, else from draft.json.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from drafter.drafting.record import Draft
from drafter.drafting.store import save_as
from drafter.errors import InputError

LOCK_NAME = ".drafter.lock"
REPORT, RECORD = "report.md", "draft.json"
NEW_REPORT, NEW_RECORD = "report.new.md", "draft.new.json"
FINISHED = {"ok", "repaired", "flagged"}


def finished_sections(draft: Draft) -> int:
    return sum(1 for sd in draft.sections if sd.status in FINISHED)


def recorded_sections(record: Path) -> int | None:
    """Finished sections in an earlier draft.json, or None when it is not a readable draft record."""
    try:
        with record.open(encoding="utf-8") as fh:
            old = json.loads(fh.read(20_000_000))
        sections = old["sections"]
        return sum(1 for s in sections if isinstance(s, dict) and s.get("status") in FINISHED)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    """True when `pid` is a running drafter (a pid reused by another program does not count)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) on Windows is TerminateProcess: it would kill the holder
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc (macOS): the pid is alive, assume it is the holder
    return b"drafter" in cmdline


def _alive_windows(pid: int) -> bool:
    """Is process `pid` running (Windows)? Asks OpenProcess/GetExitCodeProcess; never signals it."""
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    query_limited_information, still_active = 0x1000, 259
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() == 5  # access denied: it exists, another user's
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


class OutputFolder:
    """One run's hold on its output folder. Use as a context manager around the whole run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = path / LOCK_NAME
        self.previous: int | None = None  # finished sections of the draft already there
        self.has_previous = False
        self.kept_previous = False  # the last save went beside the earlier draft
        self._held = False

    # ----------------------------------------------------------------------------------- acquire

    def __enter__(self) -> OutputFolder:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        self._check_folder()
        self._acquire()
        self._remove_stale_temp_files()
        report, record = self.path / REPORT, self.path / RECORD
        self.has_previous = report.exists() or record.exists()
        if self.has_previous:
            counted = recorded_sections(record) if record.exists() else None
            self.previous = counted if counted is not None or not report.exists() else None

    def close(self) -> None:
        if self._held:
            with contextlib.suppress(OSError):
                self.lock.unlink()
            self._held = False

    def _check_folder(self) -> None:
        where = self.path
        if where.exists() and not where.is_dir():
            raise InputError(
                f"{where}: is a file, expected the output folder",
                "pass a folder with -o (it is created if missing)",
            )
        try:
            where.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(
                f"{where}: cannot create the output folder ({exc.strerror})",
                "pass a folder you can write to with -o",
            ) from None
        for name in (REPORT, RECORD, NEW_REPORT, NEW_RECORD):
            if (where / name).is_dir():
                raise InputError(
                    f"{where / name}: is a folder, so drafter cannot write the {name} there",
                    "move or rename that folder, or pass another output folder with -o",
                )

    def _acquire(self) -> None:
        for _ in range(3):
            try:
                fd = os.open(self.lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder is not None and holder != os.getpid() and _alive(holder):
                    raise InputError(
                        f"{self.path}: another drafter run (pid {holder}) is writing into this folder",
                        f"wait for it to finish, or pass another folder with -o; if no drafter is "
                        f"running, delete {self.lock}",
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    self.lock.unlink()  # stale: its process is gone
                continue
            except OSError as exc:
                raise InputError(
                    f"{self.path}: cannot write into the output folder ({exc.strerror})",
                    "pass a folder you can write to with -o",
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(f"{os.getpid()}\n")
            self._held = True
            return
        raise InputError(f"{self.path}: could not take the lock {self.lock}", f"delete {self.lock} and retry")

    def _holder(self) -> int | None:
        try:
            return int(self.lock.read_text(encoding="utf-8").split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def _remove_stale_temp_files(self) -> None:
        """Temp files of a run that was killed before it could rename them (we hold the lock now)."""
        for name in (REPORT, RECORD, NEW_REPORT, NEW_RECORD):
            for leftover in self.path.glob(f".{name}.*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()

    # -------------------------------------------------------------------------------------- save

    def replaces_previous(self, draft: Draft) -> bool:
        """May this draft take the place of report.md / draft.json? Only if it is as complete."""
        if not self.has_previous:
            return True
        previous = self.previous
        if previous is None:  # a report.md without a readable record: only a finished draft replaces it
            previous = sum(1 for s in draft.sections if s.section.writes)
        return finished_sections(draft) >= previous

    def save(self, draft: Draft) -> tuple[Path, Path]:
        """Write the draft where it belongs now; returns the (report, record) paths written.

        A failed write (disk full, the folder made read-only meanwhile) leaves the earlier files whole
        (writes are atomic) and is reported as an error, not a traceback.
        """
        try:
            return self._save(draft)
        except OSError as exc:
            raise InputError(
                f"{self.path}: cannot write the draft ({exc.strerror or exc})",
                "free disk space or fix the folder's permissions, then run again with --resume; "
                "the files already there are unchanged",
            ) from None

    def _save(self, draft: Draft) -> tuple[Path, Path]:
        if self.replaces_previous(draft):
            written = save_as(draft, self.path / REPORT, self.path / RECORD)
            for name in (NEW_REPORT, NEW_RECORD):
                with contextlib.suppress(FileNotFoundError):
                    (self.path / name).unlink()
            self.kept_previous = False
            self.has_previous, self.previous = True, finished_sections(draft)
            return written
        self.kept_previous = True
        return save_as(draft, self.path / NEW_REPORT, self.path / NEW_RECORD)

    def resume_record(self, data_sha256: str) -> Path | None:
        """The record `--resume` continues: this data's draft.new.json if there is one, else draft.json."""
        new = self.path / NEW_RECORD
        if new.is_file():
            try:
                with new.open(encoding="utf-8") as fh:
                    if json.loads(fh.read(20_000_000)).get("data_sha256") == data_sha256:
                        return new
            except (OSError, ValueError, AttributeError):
                pass
        record = self.path / RECORD
        return record if record.exists() else None
