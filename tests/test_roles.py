"""Who is an officer: the allowlist, or a single-use, expiring, signed, revocable invite. Nothing else."""

from __future__ import annotations

import time

import pytest

from assistant.library.roles import Roles
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
    assert roles.revoke(inv.invite_id).outcome == "revoked"
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


def bot(cfg, *args):
    out = run_bot("--config", str(cfg), *args, timeout=60)
    assert "Traceback" not in out.stderr, out.stderr
    return out


def test_revoking_a_used_invite_says_who_used_it_and_how_to_remove_them(tmp_path):
    cfg = write_config(tmp_path, telegram={"officers": [7001]})
    payload = bot(cfg, "invite", "--role", "officer", "--note", "Sam").stdout.split()[1]
    invite_id = payload[len("inv_"):].rpartition("_")[0]
    roles = _admin(cfg)
    assert roles.redeem(payload, 4242) == ("officer", "")
    out = bot(cfg, "revoke", invite_id)
    assert out.returncode == 2
    assert "already used by user 4242" in out.stderr and "python bot.py officers remove 4242" in out.stderr
    assert "revoked" not in out.stdout

    listed = bot(cfg, "officers", "list")
    assert listed.returncode == 0
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}
    assert "config.yaml telegram.officers" in rows["7001"]
    assert f"invite {invite_id} (for: Sam)" in rows["4242"] and "UTC" in rows["4242"]

    removed = bot(cfg, "officers", "remove", "4242")
    assert removed.returncode == 0 and "no longer an officer" in removed.stdout
    assert _admin(cfg).role_of(4242) == "provider"
    assert "4242" not in bot(cfg, "officers", "list").stdout
    again = bot(cfg, "officers", "remove", "4242")
    assert again.returncode == 2 and "not an officer" in again.stderr
    allowlisted = bot(cfg, "officers", "remove", "7001")
    assert allowlisted.returncode == 2 and "remove it from config.yaml telegram.officers" in allowlisted.stderr
    assert _admin(cfg).role_of(7001) == "officer"
    assert bot(cfg, "officers", "remove", "abc").returncode == 2


def _admin(cfg):
    from assistant.app import admin_roles
    from assistant.settings import load_settings

    return admin_roles(load_settings(cfg))


def _invite_notes(cfg) -> list[str]:
    """The notes of every invite in the data store, read as an auditor would (no product code)."""
    import sqlite3

    from assistant.settings import load_settings

    settings = load_settings(cfg)
    path = settings.path(settings.data_dir) / "assistant.sqlite3"
    if not path.exists():
        return []   # refused before anything was stored
    with sqlite3.connect(path) as con:
        return [r[0] or "" for r in con.execute("select note from invites order by created desc")]


@pytest.mark.parametrize("hours", ["0", "-5", "inf", "nan", "100000"])
def test_invite_hours_must_be_positive_finite_and_sane(tmp_path, hours):
    cfg = write_config(tmp_path)
    out = bot(cfg, "invite", "--role", "officer", "--hours", hours)
    assert out.returncode == 2 and "--hours" in out.stderr and "at most 720" in out.stderr, out.stderr
    assert not out.stdout.strip(), "an invite was printed"
    assert _invite_notes(cfg) == []


def test_a_non_ascii_invite_payload_is_just_invalid(roles):
    for payload in ("inv_a_é", "inv_é_abc", "inv_\udcff_\udcfe", "inv_a_\u00e9\u00e9", "inv__"):
        assert roles.redeem(payload, 5)[0] is None
    assert roles.role_of(5) == "provider"


def test_a_shared_id_is_never_an_officer(tmp_path):
    db = Database(tmp_path / "db.sqlite3")
    roles = Roles(Users(db), Invites(db), allowlist=[1087968824], default="provider", known=ROLES, secret=b"k" * 32,
                  shared_ids=[1087968824, 777000])
    roles.users.set_role(777000, "officer", granted_by="test")
    assert roles.role_of(1087968824) == roles.role_of(777000) == "provider"
    _, payload = roles.make_invite("officer")
    assert roles.redeem(payload, 777000) == (None, "shared id")
    assert {o.user_id for o in roles.officers() if o.shared} == {1087968824, 777000}


@pytest.mark.parametrize("content", ["", "\n", "3f2a", "x" * 31])
def test_an_empty_or_short_secret_key_is_never_used(tmp_path, monkeypatch, content):
    from assistant.library.roles import load_secret

    monkeypatch.delenv("ASSISTANT_SECRET", raising=False)
    (tmp_path / "secret.key").write_text(content)
    key = load_secret(tmp_path)
    assert len(key) == 64 and key != content.strip().encode()
    assert (tmp_path / "secret.key").read_text().strip().encode() == key
    assert load_secret(tmp_path) == key, "the new key was not kept"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_secret_key_that_cannot_be_written_stops_with_the_path(tmp_path, monkeypatch):
    import errno

    from assistant.library import roles as roles_module

    monkeypatch.delenv("ASSISTANT_SECRET", raising=False)
    (tmp_path / "secret.key").write_text("")

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(roles_module, "_write_atomically", full)
    with pytest.raises(roles_module.SecretKeyError, match=str(tmp_path / "secret.key")):
        roles_module.load_secret(tmp_path)


def test_a_full_disk_while_the_key_is_first_written_leaves_no_empty_key(tmp_path, monkeypatch):
    import errno
    import os

    from assistant.library import roles as roles_module

    monkeypatch.delenv("ASSISTANT_SECRET", raising=False)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(roles_module.os, "fsync", failing_fsync)
    with pytest.raises(roles_module.SecretKeyError):
        roles_module.load_secret(tmp_path)
    assert not (tmp_path / "secret.key").exists()
    monkeypatch.setattr(roles_module.os, "fsync", real_fsync)
    assert len(roles_module.load_secret(tmp_path)) == 64


def test_odd_admin_arguments_get_one_clear_line(tmp_path):
    """Undecodable bytes on the command line (Python hands them over as lone surrogates) and an id
    no database column can hold are bad input like any other: one `error:` line, no traceback."""
    cfg = write_config(tmp_path)
    for args in (("revoke", "\udcff"), ("officers", "remove", "99999999999999999999")):
        out = bot(cfg, *args)
        assert out.returncode == 2 and out.stderr.startswith("error: "), (args, out.stderr)
    made = bot(cfg, "invite", "--role", "officer", "--note", "Sam \udcff")
    assert made.returncode == 0, made.stderr
    assert _invite_notes(cfg) == ["Sam \ufffd"]
