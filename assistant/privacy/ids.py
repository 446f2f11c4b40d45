"""Telegram user ids stored as keyed hashes (HMAC-SHA256), so the question log, feedback and audit
trail say "the same person asked these" without saying who. The key lives beside the database
(`var/pseudonym.key`, 0600), apart from the invite-signing key: a leaked copy of the database
alone cannot be turned back into ids by hashing every possible id. Roles (who is an officer) and
handoffs (where to deliver a person's reply) keep the real id, because they need it."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_FILE = "pseudonym.key"


def load_key(data_dir: Path) -> bytes:
    """`ASSISTANT_PSEUDONYM_KEY`, else a random key kept beside the database, made on first use.
    An empty or damaged key file (a full disk while it was written) is replaced, never used."""
    env = os.environ.get("ASSISTANT_PSEUDONYM_KEY")
    if env:
        return env.encode()
    path = Path(data_dir) / KEY_FILE
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if len(key) >= 32:
        return key.encode()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secrets.token_hex(32))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path.read_text().strip().encode()


class Pseudonyms:
    """`of(user_id)`: a stable 20-hex-digit pseudonym for one id under this key."""

    def __init__(self, key: bytes):
        if not key:
            raise ValueError("the pseudonym key is empty")
        self._key = key

    def of(self, user_id: int | None) -> str:
        if user_id is None:
            return ""
        return hmac.new(self._key, f"user:{int(user_id)}".encode(), hashlib.sha256).hexdigest()[:20]
