"""Who reads a reply decides what it may hold: outside a private chat with a real person, and for
shared sender ids, the core serves the least-privileged (provider) view, whatever the sender's role.

These drive the real core (real model, index, SQLite) with events as the channels make them.
"""

from __future__ import annotations

import pytest

from assistant.core.events import Event
from conftest import chat_app

HOME_CARE = "what is the maximum hourly rate the council will pay for home care?"
INTERNAL_CEILING = "25.40"
OFFICER = 501
ANONYMOUS_ADMIN = 1087968824   # @GroupAnonymousBot
NOT_PRIVATE = ("group", "supergroup", "channel", "unknown")


@pytest.fixture()
def app(tmp_path, shipped_app, settings):
    app = chat_app(shipped_app, settings, tmp_path / "var")
    app.roles.users.set_role(OFFICER, "officer", granted_by="test")
    return app


def internal_texts(app) -> list[str]:
    return [p.text for p in app.retriever.passages if p.audience == "internal"]


def leaks(app, replies) -> list[str]:
    """Internal clauses (an 8-word run of one), internal checklist titles or the internal ceiling in replies."""
    shown = "\n".join(r.plain for r in replies)
    found = [INTERNAL_CEILING] if INTERNAL_CEILING in shown else []
    for text in internal_texts(app):
        words = text.split()
        for i in range(max(1, len(words) - 7)):
            run = " ".join(words[i:i + 8])
            if len(run) > 30 and run in shown:
                found.append(run)
                break
    internal = [c.title for c in app.checklists.visible("officer") if c.audience != "public"]
    found += [t for t in internal if t in shown]
    return found


def buttons(reply):
    return [b for row in reply.buttons for b in row]


@pytest.mark.parametrize("chat", NOT_PRIVATE)
def test_an_officer_asking_outside_a_private_chat_gets_no_internal_text(app, chat):
    handle = app.core.handle
    private = handle(Event(OFFICER, "text", text=HOME_CARE))
    assert INTERNAL_CEILING in "".join(r.plain for r in private), "the officer should see the internal rate in private"
    group = handle(Event(OFFICER, "text", text=HOME_CARE, chat=chat))
    assert not leaks(app, group), leaks(app, group)
    assert "only in a private chat" in group[-1].plain
    # every button of the group reply opens public material only
    for b in buttons(group[-1]):
        opened = handle(Event(OFFICER, "button", token=b.token, chat=chat))
        assert not leaks(app, opened), (b.label, leaks(app, opened))


def test_checklists_rules_and_commands_in_a_group_show_only_public_material(app):
    handle = app.core.handle
    internal = [c for c in app.checklists.visible("officer") if c.audience != "public"]
    assert internal
    listing = handle(Event(OFFICER, "command", command="checklists", chat="group"))
    assert not leaks(app, listing)
    assert {b.label for b in buttons(listing[0])} == {c.title[:60] for c in app.checklists.visible("provider")}
    deep = handle(Event(OFFICER, "command", command="start", args=f"checklist_{internal[0].id}", chat="group"))
    assert "isn't available" in deep[0].plain and not leaks(app, deep)
    for cmd in ("unanswered", "feedback"):
        refused = handle(Event(OFFICER, "command", command=cmd, chat="supergroup"))
        assert "only in a private chat" in refused[0].plain
        assert "only in a private chat" not in handle(Event(OFFICER, "command", command=cmd))[0].plain
    sectors = handle(Event(OFFICER, "command", command="rules", chat="group"))[0]
    for s in buttons(sectors):
        topics = handle(Event(OFFICER, "button", token=s.token, chat="group"))[0]
        everything = [b for b in buttons(topics) if b.label == "All topics"][0]
        assert not leaks(app, handle(Event(OFFICER, "button", token=everything.token, chat="group")))
    who = handle(Event(OFFICER, "command", command="whoami", chat="group"))[0].plain
    assert "officer" in who and "public documents here" in who


def test_buttons_issued_in_private_are_rechecked_against_the_group_view(app):
    """An internal section, a full clause and an internal checklist's Why? open in private only."""
    handle = app.core.handle
    internal = next(p for p in app.retriever.passages if p.audience == "internal")
    section = app.core.buttons.issue(OFFICER, {"a": "section", "passage": internal.id})
    assert internal.text[:40] in handle(Event(OFFICER, "button", token=section))[0].plain
    assert "expired" in handle(Event(OFFICER, "button", token=section, chat="group"))[0].plain

    answer = handle(Event(OFFICER, "text", text=HOME_CARE))[-1]
    full = [b for b in buttons(answer) if "full clause" in b.label][0]
    assert not leaks(app, handle(Event(OFFICER, "button", token=full.token, chat="group")))

    checklist = next(c for c in app.checklists.visible("officer") if c.audience != "public"
                     and any(s.why for s in c.steps))
    step = handle(Event(OFFICER, "command", command="start", args=f"checklist_{checklist.id}"))[0]
    why = [b for b in buttons(step) if "Why" in b.label]
    if why:
        assert "expired" in handle(Event(OFFICER, "button", token=why[0].token, chat="group"))[0].plain
    # typing in the group is a question, not an answer to the private internal run; the run survives
    handle(Event(OFFICER, "text", text="what are the four steps of commissioning?", chat="group"))
    assert handle(Event(OFFICER, "command", command="resume"))[0].plain == step.plain


def test_shared_senders_are_never_officers_and_cannot_redeem_invites(app):
    handle = app.core.handle
    app.roles.users.set_role(ANONYMOUS_ADMIN, "officer", granted_by="test")   # even if the table says so
    app.roles.allowlist.add(ANONYMOUS_ADMIN)                                    # …or the allowlist does
    assert app.roles.role_of(ANONYMOUS_ADMIN) == "provider"
    assert not leaks(app, handle(Event(ANONYMOUS_ADMIN, "text", text=HOME_CARE, chat="supergroup")))
    # a bot or a message on behalf of a chat: the channel says `shared`, the id may be anything
    assert not leaks(app, handle(Event(OFFICER, "text", text=HOME_CARE, shared=True)))
    assert "I don't know the command" in handle(Event(OFFICER, "command", command="unanswered", shared=True))[0].plain

    inv, payload = app.roles.make_invite("officer")
    for sender, shared in ((ANONYMOUS_ADMIN, False), (777000, False), (136817688, False), (9001, True)):
        refused = handle(Event(sender, "command", command="start", args=payload, chat="group", shared=shared))[0]
        assert "can't be used from this account" in refused.plain
    assert app.roles.redeem(payload, ANONYMOUS_ADMIN) == (None, "shared id")
    assert app.roles.invites.get(inv.invite_id).used_by is None, "a refused redemption used the invite up"
    assert handle(Event(9002, "command", command="start", args=payload))[0].plain.startswith("Welcome")
    assert app.roles.role_of(9002) == "officer"


def test_shared_ids_are_data_in_the_config(tmp_path):
    from assistant.settings import ConfigError, load_settings

    cfg = tmp_path / "config.yaml"
    cfg.write_text("telegram:\n  shared_ids: [42]\n")
    assert load_settings(cfg).telegram.shared_ids == [42]
    cfg.write_text("telegram:\n  officers: [7]\n")
    assert 1087968824 in load_settings(cfg).telegram.shared_ids   # the defaults
    for bad in ("[abc]", "[-5]", "5", "[true]"):
        cfg.write_text(f"telegram:\n  shared_ids: {bad}\n")
        with pytest.raises(ConfigError, match="shared_ids"):
            load_settings(cfg)


def test_odd_invite_payloads_and_lone_surrogates_get_clear_replies(app):
    handle = app.core.handle
    for payload in ("inv_a_é", "inv_\udcff_\udcfe", "inv_é"):
        assert "can't be used" in handle(Event(601, "command", command="start", args=payload))[0].plain
    for text in ("\udcff\udcfe", "what is a grant? \ud800", "\udfff" * 50):
        replies = handle(Event(601, "text", text=text, name="Zo\udcffë"))
        assert replies and all(r.plain.strip() for r in replies)
        "".join(r.plain for r in replies).encode("utf-8")  # nothing unencodable goes back out


def test_invite_hours_in_the_config_must_be_positive_finite_and_sane(tmp_path):
    from assistant.settings import ConfigError, load_settings

    cfg = tmp_path / "config.yaml"
    for bad in ("0", "-5", ".nan", ".inf", "100000"):
        cfg.write_text(f"telegram:\n  invite_hours: {bad}\n")
        with pytest.raises(ConfigError, match="invite_hours"):
            load_settings(cfg)
