"""Who is an officer. Nothing a client sends can raise a role: only the config allowlist, an
admin's `bot.py invite` link (single use, expiring, HMAC-signed, revocable), or the admin CLI."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from assistant.storage.repos import Invite, Invites, Users

PREFIX = "inv_"


def load_secret(data_dir: Path) -> bytes:
    """`ASSISTANT_SECRET`, else a random key kept (0600) beside the database, made on first use."""
    env = os.environ.get("ASSISTANT_SECRET")
    if env:
        return env.encode()
    path = data_dir / "secret.key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


class Roles:
    def __init__(self, users: Users, invites: Invites, *, allowlist: list[int], default: str, known: dict[str, list[str]],
                 secret: bytes, invite_hours: float = 72):
        self.users = users
        self.invites = invites
        self.allowlist = set(allowlist)
        self.default = default
        self.known = known
        self.secret = secret
        self.invite_hours = invite_hours

    def role_of(self, user_id: int) -> str:
        if user_id in self.allowlist:
            return "officer"
        u = self.users.get(user_id)
        if u and u.role in self.known:
            return u.role
        return self.default

    def audiences(self, role: str) -> set[str]:
        return set(self.known.get(role, []))

    def _sign(self, invite_id: str) -> str:
        return hmac.new(self.secret, invite_id.encode(), hashlib.sha256).hexdigest()[:20]

    def make_invite(self, role: str, *, hours: float | None = None, note: str = "") -> tuple[Invite, str]:
        if role not in self.known:
            raise ValueError(f"unknown role {role!r}; choose one of: {', '.join(self.known)}")
        inv = self.invites.create(role, hours=hours or self.invite_hours, note=note)
        return inv, f"{PREFIX}{inv.invite_id}_{self._sign(inv.invite_id)}"

    def redeem(self, payload: str, user_id: int) -> tuple[str | None, str]:
        """(new role, "") or (None, reason). The signature is checked before the database is asked."""
        if not payload.startswith(PREFIX) or payload.count("_") < 2:
            return None, "malformed"
        body = payload[len(PREFIX):]
        invite_id, _, sig = body.rpartition("_")
        if not invite_id or not hmac.compare_digest(sig, self._sign(invite_id)):
            return None, "bad signature"
        inv, why = self.invites.redeem(invite_id, user_id)
        if inv is None:
            return None, why
        self.users.set_role(user_id, inv.role, granted_by=f"invite {invite_id}")
        return inv.role, ""

    def revoke(self, payload_or_id: str) -> bool:
        invite_id = payload_or_id
        if payload_or_id.startswith(PREFIX):
            invite_id = payload_or_id[len(PREFIX):].rpartition("_")[0]
        return self.invites.revoke(invite_id)
