"""The installation's audit key: 32 random bytes in the user's data folder, never in the database.

Every audit entry carries a seal, HMAC-SHA256(key, entry_hash). Whoever can write the database
but not read this file (a shared drive, a database administrator, a copy sent away) cannot
recompute the chain after editing it without the seals failing. The key protects nothing against
someone who has both the database and this file (the same OS account); see docs/audit.md."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from app.models.paths import data_dir

KEY_FILE = "audit.key"
_cache: dict[Path, tuple[bytes, str]] = {}


def key_path() -> Path:
    return data_dir() / KEY_FILE


def key_id_of(key: bytes) -> str:
    return hashlib.sha256(b"styrkort-audit-key:" + key).hexdigest()[:16]


def installation_key(create: bool = True) -> tuple[bytes, str] | tuple[None, None]:
    """(key, key id); created on first use. (None, None) when there is none and `create` is off,
    or when it cannot be written (the entry is then written unsealed, never refused)."""
    path = key_path()
    if path in _cache:
        return _cache[path]
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
        if len(key) < 16:
            raise ValueError(path)
    except FileNotFoundError:
        if not create:
            return None, None
        key = secrets.token_bytes(32)
        try:
            # Created private (0600) and never overwritten: two processes racing keep the first.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return installation_key(create)
        except OSError:
            return None, None
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
    except (OSError, ValueError):
        return None, None
    _cache[path] = (key, key_id_of(key))
    return _cache[path]


def seal(entry_hash: str) -> tuple[str | None, str | None]:
    key, key_id = installation_key()
    if key is None:
        return None, None
    return hmac.new(key, entry_hash.encode("ascii"), hashlib.sha256).hexdigest(), key_id


def seal_with(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()
