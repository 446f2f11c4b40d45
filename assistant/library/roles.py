"""Who is an officer. Nothing a client sends can raise a role: only the config allowlist, an
admin's `bot.py invite` link (single use, expiring, HMAC-signed, revocable), or the admin CLI.

Shared sender ids (Telegram's anonymous group admin, service notifications, channel posts, bots)
speak for many people at once, so they can never redeem an invite nor be an officer, whatever the
allowlist or the users table says.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import check_hours
from assistant.storage.repos import Invite, Invites, User, Users

log = logging.getLogger(__name__)

PREFIX = "inv_"
MIN_KEY_CHARS = 32           # secret.key holds 64 hex characters; anything shorter is damaged


class SecretKeyError(Exception):
    """The signing key cannot be read or made; the message names the file."""


def _write_atomically(path: Path, text: str, *, replace: bool) -> None:
    """Temp file, fsync, then link (first use: never overwrite a key another process just made) or
    rename (replacing a damaged key), then fsync the folder: a full disk or a crash leaves either
    the old file or the whole new one, never an empty key."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(str(tmp), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass  # another process made it first: use theirs
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    dfd = os.open(str(path.parent), os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def load_secret(data_dir: Path) -> bytes:
    """`ASSISTANT_SECRET`, else a random key kept (0600) beside the database, made on first use.

    An empty or short key file (a full disk while it was first written) is never used to sign:
    a new key replaces it atomically, which only invalidates open invite links, which that key
    could not protect anyway. If no key can be written, SecretKeyError names the file."""
    env = os.environ.get("ASSISTANT_SECRET")
    if env:
        return env.encode()
    path = data_dir / "secret.key"
    try:
        existing = path.read_text(encoding="ascii", errors="replace").strip() if path.exists() else None
        if existing is not None and len(existing) >= MIN_KEY_CHARS:
            return existing.encode()
        data_dir.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, secrets.token_hex(32), replace=existing is not None)
        if existing is not None:
            log.warning("%s was empty or damaged (a full disk?): made a new invite signing key; "
                        "invite links made before no longer work", path)
        key = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError as exc:
        raise SecretKeyError(f"cannot make the invite signing key {path}: {exc.strerror or exc}; "
                             "free some space or fix the folder's permissions, then start again") from None
    if len(key) < MIN_KEY_CHARS:
        raise SecretKeyError(f"the invite signing key {path} is damaged; delete it and start again")
    return key.encode()


@dataclass(frozen=True)
class Officer:
    """One officer as the admin sees them: who, since when, and by what."""

    user_id: int
    since: float | None      # None for the config allowlist
    via: str                 # "config.yaml telegram.officers", "invite <id>", …
    shared: bool = False     # listed, but a shared id is never treated as an officer


@dataclass(frozen=True)
class Revoked:
    """What `revoke` did: withdrew an open invite, found it already used, or found nothing."""

    outcome: str                # "revoked" | "used" | "unknown"
    invite: Invite | None = None


class Roles:
    def __init__(self, users: Users, invites: Invites, *, allowlist: list[int], default: str, known: dict[str, list[str]],
                 secret: bytes, invite_hours: float = 72, shared_ids: list[int] = (),
                 session: dict[int, str] | None = None):
        self.users = users
        self.invites = invites
        self.allowlist = set(allowlist)
        self.default = default
        self.known = known
        self.secret = secret
        self.invite_hours = invite_hours
        self.shared_ids = frozenset(shared_ids)
        self.session = dict(session or {})   # per-process overrides (the terminal's --role), never stored

    def is_shared(self, user_id: int) -> bool:
        return user_id in self.shared_ids

    @property
    def least(self) -> str:
        """The role that reads the fewest audiences (the default one on a tie): what a chat whose
        audience is not known to be officers is served with."""
        return min(self.known, key=lambda r: (len(self.known[r]), r != self.default, r))

    def role_of(self, user_id: int) -> str:
        if user_id in self.session:
            return self.session[user_id]
        if self.is_shared(user_id):
            return self.least
        if user_id in self.allowlist:
            return "officer"
        u = self.users.get(user_id)
        if u and u.role in self.known:
            return u.role
        return self.default

    def audiences(self, role: str) -> set[str]:
        return set(self.known.get(role, []))

    def _sign(self, invite_id: str) -> str:
        return hmac.new(self.secret, invite_id.encode("utf-8", "replace"), hashlib.sha256).hexdigest()[:20]

    def make_invite(self, role: str, *, hours: float | None = None, note: str = "") -> tuple[Invite, str]:
        if role not in self.known:
            raise ValueError(f"unknown role {role!r}; choose one of: {', '.join(self.known)}")
        inv = self.invites.create(role, hours=check_hours(self.invite_hours if hours is None else hours), note=note)
        return inv, f"{PREFIX}{inv.invite_id}_{self._sign(inv.invite_id)}"

    def redeem(self, payload: str, user_id: int) -> tuple[str | None, str]:
        """(new role, "") or (None, reason). The signature is checked before the database is asked."""
        if self.is_shared(user_id):
            return None, "shared id"
        if not payload.startswith(PREFIX) or payload.count("_") < 2 or not payload.isascii():
            return None, "malformed"
        body = payload[len(PREFIX):]
        invite_id, _, sig = body.rpartition("_")
        if not invite_id or not hmac.compare_digest(sig.encode(), self._sign(invite_id).encode()):
            return None, "bad signature"
        inv, why = self.invites.redeem(invite_id, user_id)
        if inv is None:
            return None, why
        self.users.set_role(user_id, inv.role, granted_by=f"invite {invite_id}")
        return inv.role, ""

    def revoke(self, payload_or_id: str) -> Revoked:
        invite_id = payload_or_id
        if payload_or_id.startswith(PREFIX):
            invite_id = payload_or_id[len(PREFIX):].rpartition("_")[0]
        inv = self.invites.get(invite_id)
        if inv is None or inv.revoked:
            return Revoked("unknown", inv)
        if inv.used_by is not None:
            return Revoked("used", inv)
        return Revoked("revoked", inv) if self.invites.revoke(invite_id) else Revoked("unknown", inv)

    # -- the admin's view of officers ------------------------------------------------------------
    def officers(self) -> list[Officer]:
        """Everyone the allowlist or the users table makes an officer, allowlist first."""
        out = [Officer(uid, None, "config.yaml telegram.officers", self.is_shared(uid)) for uid in sorted(self.allowlist)]
        for u in self.users.with_role("officer"):
            if u.user_id not in self.allowlist:
                via = u.granted_by or "unknown"
                inv = self.invites.get(via.split(" ", 1)[1]) if via.startswith("invite ") else None
                if inv is not None and inv.note:
                    via += f" (for: {inv.note})"
                out.append(Officer(u.user_id, u.updated, via, self.is_shared(u.user_id)))
        return out

    def remove_officer(self, user_id: int) -> tuple[bool, str]:
        """Demote a stored officer to the default role. (done, what to tell the admin)."""
        if user_id in self.allowlist:
            return False, (f"user {user_id} is an officer through config.yaml: remove it from config.yaml "
                           "telegram.officers, then restart the bot")
        u: User | None = self.users.get(user_id)
        if u is None or u.role != "officer":
            return False, f"user {user_id} is not an officer (see: python bot.py officers list)"
        self.users.set_role(user_id, self.default, granted_by="removed by admin")
        return True, (f"user {user_id} is no longer an officer (now: {self.default}); this takes effect at their next "
                      "message, and their Telegram menu drops the officer commands when they next send /start")
