"""A clause is edited while the real `bot.py telegram` runs (against the Bot API emulator): the next
question quotes the new text, /changes lists it, the follower is told once, and no message sent
during the swap goes unanswered."""

from __future__ import annotations

import shutil
import threading
import time

import pytest

from assistant.settings import load_settings
from conftest import ROOT, write_config
from telegram_emulator import BotApiEmulator
from test_incremental_index import copy_build
from test_telegram_e2e import BOT_USERNAME, OFFICER, BotProcess, is_send, say, settle

POLICY = "local-commissioning-policy.md"
OLD = "every commissioning project follows these four steps in that order."
NEW = "every commissioning project follows these four steps in that order and records each step on the register."
QUESTION = "what are the four steps of commissioning?"
PROVIDER = 7301
LOAD_USERS = list(range(7310, 7316))
LOAD_QUESTIONS = ["how long can an emergency contract last?", "what insurance must providers hold?",
                  "what are the four steps of commissioning?", "who approves a contract worth £150,000?"]


@pytest.fixture(autouse=True)
def _env(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_RELOAD_SECONDS", "0.5")


def answers_to(api: BotApiEmulator, chat: int, after: int) -> int:
    return sum(1 for c in api.calls(chat_id=chat, after=after) if c["method"] == "sendMessage" and c["ok"])


def test_an_edit_goes_live_without_a_restart(tmp_path, shipped_index, embedder):
    from assistant.index.indexer import build_index

    lib = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", lib)
    idx = tmp_path / "indexes"
    copy_build(shipped_index, idx)
    config = write_config(tmp_path, telegram={"officers": [OFFICER]}, knowledge_dir=str(lib),
                          out_of_scope=str(lib / "out-of-scope.yaml"))
    settings = load_settings(config)
    with BotApiEmulator(bot_username=BOT_USERNAME) as api:
        api.add_chat(OFFICER, first_name="Olive")
        bot = BotProcess(api, config, idx, tmp_path / "bot.log").start()
        try:
            assert OLD in say(api, PROVIDER, QUESTION, "four steps")["plain"]
            assert "You now follow" in say(api, OFFICER, f"/follow {POLICY}", "follow")["plain"]

            # Users keep asking while the index is rebuilt and swapped.
            start, sent, stop = api.mark(), {u: 0 for u in LOAD_USERS}, threading.Event()

            def load() -> None:
                i = 0
                while not stop.is_set():
                    for u in LOAD_USERS:
                        api.send_text(u, LOAD_QUESTIONS[(i + u) % len(LOAD_QUESTIONS)])
                        sent[u] += 1
                    i += 1
                    time.sleep(0.8)  # under the per-user throttle: every message must be answered

            loader = threading.Thread(target=load, daemon=True)
            loader.start()
            time.sleep(1.5)
            policy = lib / POLICY
            text = policy.read_text(encoding="utf-8")
            assert OLD in text
            policy.write_text(text.replace(OLD, NEW), encoding="utf-8")
            report = build_index(settings, source=lib, index_dir=idx, embedder=embedder, show_progress=False)
            assert report.encoded == 1 and [c.kind for c in report.changes] == ["reworded"]

            deadline, quoted = time.monotonic() + 30, ""
            while time.monotonic() < deadline:
                quoted = say(api, PROVIDER, QUESTION, "four steps")["plain"]
                if NEW in quoted:
                    break
                time.sleep(0.5)
            assert NEW in quoted, f"the bot still quotes the old text:\n{quoted}\n{bot.log()[-2000:]}"
            assert "updated on" in quoted
            time.sleep(1.5)
            stop.set()
            loader.join(timeout=10)
            for u in LOAD_USERS:
                settle(api, u)
                assert answers_to(api, u, start) == sent[u], f"user {u}: {sent[u]} sent, {answers_to(api, u, start)} answered"

            changes = say(api, PROVIDER, "/changes", "changes")["plain"]
            assert NEW in changes and OLD in changes and "Reworded" in changes

            settle(api, OFFICER)
            notices = [c for c in api.calls(chat_id=OFFICER, after=start) if is_send(c) and c["ok"]
                       and "policy library changed" in (c.get("plain") or "").lower()]
            assert len(notices) == 1 and NEW in notices[0]["plain"]
            assert "index reloaded" in bot.log()
        finally:
            bot.stop()
