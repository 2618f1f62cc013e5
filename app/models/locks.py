"""Who else has this file open, and is the file somewhere SQLite's locking can be trusted?

A lock file `region.sqlite.lock` beside the database names the Styrkort that edits it (pid, host,
user, time). SQLite's own locks keep single writes apart; this lock keeps two planners from
editing the same file for an afternoon, each with their own undo history. A lock left by a
Styrkort that crashed (same host, process gone) is stale and taken over."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

LOCK_SUFFIX = ".lock"
NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "afs", "9p", "sshfs", "davfs", "ncpfs"}
# Folders that a sync client watches: it may copy the file while SQLite writes it.
CLOUD_FOLDERS = ("dropbox", "onedrive", "google drive", "googledrive", "my drive", "icloud drive",
                 "mobile documents", "box sync", "nextcloud", "owncloud")


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} på {self.host} (process {self.pid}, sedan {self.since})"

    def describe_en(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USERNAME") or "?"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would terminate it there
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(db_path: Path) -> LockOwner | None:
    return _read_lock_file(lock_path(db_path))


def _read_lock_file(path: Path) -> LockOwner | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockOwner(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # Unreadable or half-written: treat as held by nobody we can name, on no host: stale.
        return LockOwner(0, "", "?", "?")


def is_stale(owner: LockOwner) -> bool:
    """Only a lock of this host can be proved stale; another host's lock is respected."""
    if owner.pid == 0:
        return True
    return owner.host == socket.gethostname() and not _pid_alive(owner.pid)


class FileLock:
    """The lock this process holds; `release()` removes it (only if it is still ours)."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self.owner = LockOwner(os.getpid(), socket.gethostname(), _user(),
                               dt.datetime.now().replace(microsecond=0).isoformat(sep=" "))

    def try_acquire(self) -> LockOwner | None:
        """Take the lock; return the live owner instead when someone else holds it."""
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = _read_lock_file(self.path)
                if holder is None:
                    continue
                if holder.pid == self.owner.pid and holder.host == self.owner.host:
                    return holder  # this very process has it open already
                if not is_stale(holder):
                    return holder
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.owner.__dict__, fh)
            return None
        return _read_lock_file(self.path)

    def release(self) -> None:
        holder = _read_lock_file(self.path)
        if holder is not None and holder.pid == self.owner.pid and holder.host == self.owner.host:
            with contextlib.suppress(OSError):
                self.path.unlink()


def _mounts() -> list[tuple[str, str]]:
    try:
        text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parse_mounts(text)


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, filesystem type) pairs from /proc/mounts text."""
    pairs = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            pairs.append((parts[1].replace("\\040", " "), parts[2]))
    return pairs


def filesystem_type(path: Path, mounts: list[tuple[str, str]] | None = None) -> str | None:
    """The filesystem type of the mount holding `path` (Linux; None elsewhere)."""
    mounts = _mounts() if mounts is None else mounts
    target = str(path.resolve())
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) > len(best[0])):
            best = (point, fstype)
    return best[1] if best else None


def risky_location(path: Path, mounts: list[tuple[str, str]] | None = None) -> tuple[str, str] | None:
    """Why SQLite's locking or WAL cannot be trusted here, as (sv, en); None for a local disk."""
    resolved = path.expanduser().resolve()
    fstype = filesystem_type(resolved, mounts)
    if fstype and (fstype in NETWORK_FILESYSTEMS or fstype.startswith("fuse.") and fstype != "fuse.portal"):
        return (f"Filen ligger på en nätverksenhet ({fstype}).", f"The file is on a network drive ({fstype}).")
    if sys.platform == "win32" and str(resolved).startswith("\\\\"):  # pragma: no cover - UNC path
        return ("Filen ligger på en nätverksenhet.", "The file is on a network drive.")
    for part in resolved.parts[:-1]:
        name = part.lower()
        if any(name == folder or name.startswith(folder + " ") or name.startswith(folder + "-")
               for folder in CLOUD_FOLDERS):
            return (f"Filen ligger i en synkroniserad molnmapp ({part}).",
                    f"The file is in a synchronised cloud folder ({part}).")
    return None
