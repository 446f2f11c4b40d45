"""Who is an officer: the allowlist, or a single-use, expiring, signed, revocable invite. Nothing else."""

from __future__ import annotations

import time

import pytest

from assistant.services.roles import Roles
from assistant.storage.db import Database
from assistant.storage.repos import Invites, Users
from conftest import run_bot, write_config

ROLES = {"officer": ["public", "internal"], "provider": ["public"]}


@pytest.fixture()
def roles(tmp_path):
    db = Database(tmp_path / "db.sqlite3")
    return Roles(Users(db), Invites(db), allowlist=[99], default="provider", known=ROLES, secret=b"k" * 32)


def test_default_allowlist_and_single_use_invite(roles):
    assert roles.role_of(1) == "provider" and roles.role_of(99) == "officer"
    _, payload = roles.make_invite("officer")
    assert len(payload) <= 64 and payload.replace("_", "").replace("-", "").isalnum()  # a valid /start payload
    assert roles.redeem(payload, 1) == ("officer", "")
    assert roles.role_of(1) == "officer"
    assert roles.redeem(payload, 2) == (None, "used")
    assert roles.role_of(2) == "provider"


def test_revoked_expired_and_forged_invites_are_refused(roles):
    inv, payload = roles.make_invite("officer")
    assert roles.revoke(inv.invite_id)
    assert roles.redeem(payload, 3) == (None, "revoked")
    inv2, payload2 = roles.make_invite("officer", hours=1 / 3600)
    time.sleep(1.2)
    assert roles.redeem(payload2, 3) == (None, "expired")
    _, payload3 = roles.make_invite("officer")
    forged = payload3[:-1] + ("0" if payload3[-1] != "0" else "1")
    assert roles.redeem(forged, 3) == (None, "bad signature")
    assert roles.redeem("inv_nonsense", 3)[0] is None
    assert roles.role_of(3) == "provider"


def test_invite_cannot_name_an_unknown_role(roles):
    with pytest.raises(ValueError):
        roles.make_invite("admin")


def test_invite_ids_are_safe_on_a_command_line(roles):
    for _ in range(200):  # random ids: none may look like an option or contain the separator
        inv, payload = roles.make_invite("officer")
        assert not inv.invite_id.startswith("-") and "_" not in inv.invite_id
        assert payload == f"inv_{inv.invite_id}_{payload.rpartition('_')[2]}"


def test_invite_and_revoke_commands(tmp_path):
    cfg = write_config(tmp_path)
    out = run_bot("--config", str(cfg), "invite", "--role", "officer", "--bot", "brackenfield_bot")
    assert out.returncode == 0, out.stderr
    link = out.stdout.strip()
    assert link.startswith("https://t.me/brackenfield_bot?start=inv_")
    invite_id = link.split("start=inv_", 1)[1].rpartition("_")[0]
    assert run_bot("--config", str(cfg), "revoke", invite_id).returncode == 0
    again = run_bot("--config", str(cfg), "revoke", invite_id)
    assert again.returncode == 2 and "no open invite" in again.stderr
