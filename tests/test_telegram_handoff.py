"""Issue 12.4 end to end: the real `bot.py telegram` against the Bot API emulator.

User → "Ask a person" → the team chat (masked) → an officer replies to that message → the user
gets the reply, marked as from a person. A provider cannot answer a handoff, cannot reach /stats
or /unanswered in any chat, and never sees the team chat's messages. A reply typed at the
terminal (`bot.py handoff reply`) reaches a Telegram user too.
"""

from __future__ import annotations

import re

import pytest

from conftest import run_bot
from telegram_emulator import BotApiEmulator
from test_telegram_e2e import (BOT_USERNAME, OFFICER, BotProcess, _no_proxy, button, make_config,  # noqa: F401 (_no_proxy: autouse)
                               reply, say, sent_after, settle)

TEAM = -100_5555
PROVIDER = 8101
SNOOP = 8102         # a provider who is also in the team chat
PARKING = "how do I renew my parking permit? ring me on 07700 900123"


@pytest.fixture(scope="module")
def api():
    with BotApiEmulator(bot_username=BOT_USERNAME) as emulator:
        emulator.add_chat(OFFICER, first_name="Olive")
        emulator.add_chat(TEAM, chat_type="supergroup", title="Commissioning team")
        yield emulator


@pytest.fixture(scope="module")
def state(tmp_path_factory):
    return tmp_path_factory.mktemp("telegram-handoff")


@pytest.fixture(scope="module")
def bot(api, state, shipped_index):
    import yaml

    config = make_config(state, team_chat=TEAM)
    data = yaml.safe_load(config.read_text())
    data["handoff"] = {"reply_within": "one working day"}
    config.write_text(yaml.safe_dump(data))
    proc = BotProcess(api, config, shipped_index, state / "bot.log")
    try:
        proc.start()
        yield proc
    finally:
        proc.stop()


def ask_person(api, user: int, question: str) -> tuple[dict, dict]:
    """Ask, press "Ask a person" under the refusal; returns (what the user was told, the team message)."""
    refusal = say(api, user, question, "can't find", timeout=40)
    mark = api.mark()
    api.send_callback(user, refusal["result"]["message_id"], button(refusal, "Ask a person")["callback_data"])
    told = reply(api, user, mark, "passed your question")
    forwarded = reply(api, TEAM, mark, "Handoff #")
    return told, forwarded


def test_round_trip_user_team_chat_officer_reply_user(api, bot):
    told, forwarded = ask_person(api, PROVIDER, PARKING)
    assert "one working day" in told["plain"] and "marked as from a person" in told["plain"]
    text = forwarded["plain"]
    assert "asked by a provider" in text and "[phone]" in text and "07700" not in text
    assert "parking permit" in text and "Clauses shown:" in text
    number = re.search(r"Handoff #(\d+)", text).group(1)
    assert f"#{number}" in told["plain"]

    mark = api.mark()
    api.send_text(OFFICER, "Parking permits are the highways team's: see the council website. Call 0300 123 4567.",
                  chat_id=TEAM, chat_type="supergroup", reply_to_message_id=forwarded["result"]["message_id"])
    delivered = reply(api, PROVIDER, mark, "reply from a person")
    assert "not the assistant" in delivered["plain"] and "highways team" in delivered["plain"]
    assert "parking permit" in delivered["plain"]  # which question it answers (masked copy)
    assert "Sent to the person" in reply(api, TEAM, mark, "Sent to the person")["plain"]
    # The stored copy of the officer's reply is masked; the one delivered is as typed.
    import sqlite3

    con = sqlite3.connect(bot.config.parent / "var" / "assistant.sqlite3")
    stored = con.execute("select reply, status from handoffs where handoff_id=?", (int(number),)).fetchone()
    assert stored[1] == "answered" and "0300 123 4567" not in stored[0] and "[phone]" in stored[0]

    # A second reply to the same handoff is not delivered again.
    mark = api.mark()
    api.send_text(OFFICER, "one more thing", chat_id=TEAM, chat_type="supergroup",
                  reply_to_message_id=forwarded["result"]["message_id"])
    assert "answered already" in reply(api, TEAM, mark, "answered already")["plain"]
    settle(api, PROVIDER, quiet=1.0)
    assert not sent_after(api, PROVIDER, mark)


def test_a_provider_cannot_answer_a_handoff_or_reach_officer_views(api, bot):
    _, forwarded = ask_person(api, PROVIDER + 10, "how do I renew a parking permit for my street?")
    mark = api.mark()
    api.send_text(SNOOP, "ignore that, here is a fake answer", chat_id=TEAM, chat_type="supergroup",
                  reply_to_message_id=forwarded["result"]["message_id"])
    assert "Only officers" in reply(api, TEAM, mark, "Only officers")["plain"]
    settle(api, PROVIDER + 10, quiet=1.0)
    assert not sent_after(api, PROVIDER + 10, mark), "a provider's reply reached the user"
    # Officer-only commands: refused for a provider in a private chat and in the team chat.
    for cmd in ("/stats", "/unanswered", "/feedback"):
        assert "I don't know the command" in say(api, SNOOP, cmd)["plain"]
        assert "I don't know the command" in say(api, SNOOP, f"{cmd}@{BOT_USERNAME}", chat_id=TEAM,
                                                 chat_type="supergroup")["plain"]
    # /human forwards only the provider's own question; nothing of the team chat comes back to them.
    mark = api.mark()
    told = say(api, SNOOP, "/human where do I send a complaint?", "passed your question")
    team = reply(api, TEAM, mark, "Handoff #")
    assert "complaint" in team["plain"] and "highways" not in told["plain"] 
    for c in sent_after(api, SNOOP, 0):
        assert "Handoff #" not in (c.get("plain") or ""), "the team chat's message reached a provider"


def test_officer_stats_comes_with_the_html_report(api, bot):
    mark = api.mark()
    api.send_text(OFFICER, "/stats")
    summary = reply(api, OFFICER, mark, "Content-gap report", timeout=60)
    assert "Questions:" in summary["plain"] and "Handoffs to a person" in summary["plain"]
    assert "07700" not in summary["plain"]
    doc = reply(api, OFFICER, mark, lambda c: c["method"] == "sendDocument", timeout=60)
    assert doc["params"].get("caption", "").startswith("Content-gap report")


def test_a_reply_typed_at_the_terminal_reaches_the_telegram_user(api, bot):
    told, forwarded = ask_person(api, PROVIDER + 20, "what is the council tax band for my house?")
    number = re.search(r"#(\d+)", told["plain"]).group(1)
    mark = api.mark()
    r = run_bot("--config", str(bot.config), "handoff", "reply", number, "Council tax is not covered here: see the council website.")
    assert r.returncode == 0, r.stderr
    delivered = reply(api, PROVIDER + 20, mark, "reply from a person", timeout=40)
    assert "Council tax is not covered" in delivered["plain"]
    settle(api, PROVIDER + 20, quiet=1.0)
    assert len([c for c in sent_after(api, PROVIDER + 20, mark) if "reply from a person" in (c.get("plain") or "")]) == 1
