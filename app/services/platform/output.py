"""Files a command or the window writes: checked before any work (a known extension, an existing,
writable folder), and the OSError of a write that failed anyway as one line naming the file."""

from __future__ import annotations

import errno
from pathlib import Path

from app.models.errors import StyrkortError


def output_error(exc: OSError, path: Path | None = None) -> StyrkortError:
    """An output file that cannot be written, as one line naming the file and the cause."""
    name = str(path) if path is not None else exc.filename or "filen"
    if exc.errno == errno.ENOSPC:
        return StyrkortError(f"{name} kunde inte skrivas: disken är full; ingenting skrevs.",
                             f"{name} could not be written: the disk is full; nothing was written.")
    cause = exc.strerror or str(exc)
    return StyrkortError(f"{name} kan inte skrivas ({cause}).", f"{name} cannot be written ({cause}).")


def output_file(text: str, suffixes: tuple[str, ...]) -> Path:
    """An output path checked before any work: a known extension, an existing, writable folder."""
    import os

    path = Path(text).expanduser()
    if path.suffix.lower() not in suffixes:
        allowed = " eller ".join(suffixes)
        raise StyrkortError(f"{path}: skriv till en fil som slutar på {allowed}.",
                            f"{path}: write to a file ending in {' or '.join(suffixes)}.")
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise StyrkortError(f"{path} är en mapp; ange ett filnamn.", f"{path} is a folder; give a file name.")
    if not folder.is_dir():
        raise StyrkortError(f"{path} kan inte skrivas: mappen {folder} finns inte.",
                            f"{path} cannot be written: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK):
        raise StyrkortError(f"{path} kan inte skrivas: mappen {folder} är skrivskyddad.",
                            f"{path} cannot be written: the folder {folder} is read-only.")
    return path
