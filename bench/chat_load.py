"""Many people chatting with the real Telegram bot at once: delivery, reply latency, CPU, memory.

    python bench/chat_load.py [--users 200] [--duration 60] [--index DIR]

Starts the Bot API emulator (tests/telegram_emulator.py) and the real `bot.py telegram` against
it, then plays N users at a chat's pace: each user does one thing every 10-30 s (uniformly at
random), either asking a policy question (from eval/dev) or taking the next step of a checklist
(/checklists, pick one, press an option or type an answer at each step, to the decision record).
200 users is therefore about 10 messages a second in all. Telegram lets a bot send about 30
messages a second overall; the bot's rate limiter (python-telegram-bot's AIORateLimiter) holds it
to that, so past roughly 30 replies a second, replies queue in the limiter by design.

Prints: actions sent and replies delivered, reply latency p50/p95/p99 (from the user's message
reaching the Bot API to the bot's reply reaching it), and the bot process's CPU (share of one
core) and peak RSS (VmHWM from /proc, or psutil when installed). New actions stop after
--duration seconds; replies still on their way get --grace seconds.
"""

from __future__ import annotations

import argparse
import heapq
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ["HF_HUB_OFFLINE"] = "1"

FIRST_USER = 900_000


@dataclass
class User:
    uid: int
    waiting_since: float = 0.0        # time.time() the message was sent; 0: not waiting for a reply
    after_seq: int = 0                # replies are calls later than this
    checklist: bool = False           # walking a checklist (else asking questions)
    last: dict | None = None          # the last reply (its buttons are what can be pressed)
    steps: int = 0
    latencies: list[float] = field(default_factory=list)
    kind: str = ""                    # what the awaited reply answers: question | checklist
    by_kind: dict = field(default_factory=dict)


def proc_stats(pid: int) -> tuple[float, int]:
    """(CPU seconds so far, peak RSS in bytes) of a process."""
    try:
        import psutil

        p = psutil.Process(pid)
        t = p.cpu_times()
        peak = getattr(p.memory_info(), "peak_wset", 0) or 0
        if not peak:
            with open(f"/proc/{pid}/status") as fh:
                peak = next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM")), 0)
        return t.user + t.system, peak
    except ImportError:
        pass
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status") as fh:
        peak = next((int(line.split()[1]) * 1024 for line in fh if line.startswith("VmHWM")), 0)
    return cpu, peak


def children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def buttons(call: dict) -> list[dict]:
    kb = (call["params"].get("reply_markup") or {}).get("inline_keyboard") or []
    return [b for row in kb for b in row if b.get("callback_data")]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=200)
    ap.add_argument("--duration", type=float, default=60, help="seconds of new messages (default 60)")
    ap.add_argument("--grace", type=float, default=30, help="seconds to wait for replies after that")
    ap.add_argument("--pace", default="10,30", help="seconds between one user's messages: MIN,MAX (default 10,30)")
    ap.add_argument("--index", help="an index folder to serve (default: build knowledge/ into a temporary one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--checklists", type=float, default=0.25,
                    help="share of a user's turns that start a checklist instead of asking (default 0.25)")
    args = ap.parse_args()
    lo, hi = (float(x) for x in args.pace.split(","))
    rng = random.Random(args.seed)

    import yaml

    from assistant.reports.evaluation import load_questions
    from telegram_emulator import BotApiEmulator

    questions = [q.q for q in load_questions(ROOT / "eval" / "dev") if q.q.strip()]
    tmp = Path(tempfile.mkdtemp(prefix="bench-chat-"))
    index = Path(args.index) if args.index else tmp / "indexes"
    if not args.index:
        print("building the index of knowledge/ (once)…", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bot.py"), "index", "--index", str(index)], check=True,
                       stdout=subprocess.DEVNULL)
    data = yaml.safe_load((ROOT / "config.yaml").read_text())
    data.update(knowledge_dir=str(ROOT / "knowledge"), out_of_scope=str(ROOT / "knowledge" / "out-of-scope.yaml"),
                index_dir=str(index), data_dir=str(tmp / "var"))
    config = tmp / "config.yaml"
    config.write_text(yaml.safe_dump(data))

    with BotApiEmulator(bot_username="load_test_bot") as api:
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(TELEGRAM_BOT_TOKEN=api.token, TELEGRAM_BASE_URL=api.base_url, TELEGRAM_BASE_FILE_URL=api.base_file_url)
        log = open(tmp / "bot.log", "wb")
        bot = subprocess.Popen([sys.executable, str(ROOT / "bot.py"), "--config", str(config), "telegram",
                                "--index", str(index)], cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=log)
        try:
            deadline = time.monotonic() + 120
            while not api.calls("deleteWebhook") and time.monotonic() < deadline:
                if bot.poll() is not None:
                    raise SystemExit(f"the bot exited: {(tmp / 'bot.log').read_text()[-2000:]}")
                time.sleep(0.2)
            # One question first: the model and index are warm before the clock starts.
            mark = api.mark()
            api.send_text(FIRST_USER - 1, questions[0])
            api.wait_for(method="sendMessage", chat_id=FIRST_USER - 1, after=mark, timeout=60)
            cpu0, _ = proc_stats(bot.pid)
            t0 = time.monotonic()

            users = {FIRST_USER + i: User(FIRST_USER + i) for i in range(args.users)}
            queue = [(t0 + rng.uniform(0, hi), uid) for uid in users]  # (when, user): the next action
            heapq.heapify(queue)
            sent = delivered = 0
            kinds = {"question": 0, "checklist step": 0, "decision record": 0}
            seen = 0   # calls already looked at
            end_sending = t0 + args.duration

            def act(u: User, now: float) -> None:
                nonlocal sent
                mark = api.mark()
                if u.checklist and u.last is not None:
                    options = buttons(u.last)
                    step_options = [b for b in options if not any(x in b["text"] for x in ("Why", "Back", "Cancel"))]
                    if u.last["method"] == "sendDocument" or u.steps > 15:
                        u.checklist, u.last, u.steps = False, None, 0
                    elif step_options:
                        api.send_callback(u.uid, u.last["result"]["message_id"], rng.choice(step_options)["callback_data"])
                        u.steps += 1
                        kinds["checklist step"] += 1
                    elif "type your answer" in (u.last.get("plain") or "").lower() or \
                            "please type" in (u.last.get("plain") or "").lower():
                        api.send_text(u.uid, "45000" if rng.random() < 0.5 else "2027-03-31")
                        u.steps += 1
                        kinds["checklist step"] += 1
                    else:
                        u.checklist, u.last, u.steps = False, None, 0
                if not u.checklist:
                    if rng.random() < args.checklists:
                        api.send_text(u.uid, "/checklists")
                        u.checklist = True
                    else:
                        api.send_text(u.uid, rng.choice(questions))
                        kinds["question"] += 1
                u.kind = "checklist" if u.checklist else "question"
                u.waiting_since, u.after_seq = time.time(), mark  # wall clock: the emulator stamps calls so
                sent += 1

            while True:
                now = time.monotonic()
                # Replies that arrived: the first message (or file) to a waiting user answers them.
                with api._cond:  # the emulator's own lock; reading its call list directly is cheap
                    new = api._calls[seen:]
                    seen += len(new)
                for c in new:
                    if c["method"] not in ("sendMessage", "sendDocument") or not c.get("ok"):
                        continue
                    if c["method"] == "sendDocument" and str(c["params"].get("chat_id", "")).isdigit() \
                            and int(c["params"]["chat_id"]) in users:
                        kinds["decision record"] += 1
                    u = users.get(c["params"].get("chat_id"))
                    if u is None or not u.waiting_since or c["seq"] <= u.after_seq:
                        if u is not None and u.checklist:
                            u.last = c  # a second message of the same reply (the step after an error)
                        continue
                    u.latencies.append(max(0.0, c["time"] - u.waiting_since))
                    kind = "decision record" if "your decision record" in (c.get("plain") or "").lower() else u.kind
                    u.by_kind.setdefault(kind, []).append(u.latencies[-1])
                    u.waiting_since = 0.0
                    delivered += 1
                    if u.checklist:
                        if u.last is None and "Guided checklists" in (c.get("plain") or ""):
                            b = buttons(c)
                            if b:
                                mark = api.mark()
                                api.send_callback(u.uid, c["result"]["message_id"], rng.choice(b)["callback_data"])
                                u.waiting_since, u.after_seq, u.kind = time.time(), mark, "checklist"
                                sent += 1
                                continue
                        u.last = c
                    heapq.heappush(queue, (time.monotonic() + rng.uniform(lo, hi), u.uid))
                while queue and queue[0][0] <= now and now < end_sending:
                    _, uid = heapq.heappop(queue)
                    try:
                        act(users[uid], now)
                    except ValueError:  # the message to press a button on is gone: start over with a question
                        users[uid].checklist, users[uid].last = False, None
                        heapq.heappush(queue, (now + rng.uniform(lo, hi), uid))
                waiting = sum(1 for u in users.values() if u.waiting_since)
                if now >= end_sending and (not waiting or now >= end_sending + args.grace):
                    break
                time.sleep(0.01)
            wall = time.monotonic() - t0
            cpu1, peak = proc_stats(bot.pid)
            helpers = [proc_stats(c)[1] for c in children(bot.pid)]
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(timeout=15)
            except subprocess.TimeoutExpired:
                bot.kill()
            log.close()

    lat = [x for u in users.values() for x in u.latencies]
    print(f"users: {args.users}, pace: one message every {lo:g}-{hi:g} s each, {args.duration:g} s of sending "
          f"({sent / args.duration:.1f} messages/s offered)")
    print(f"delivered: {delivered}/{sent} ({100 * delivered / max(1, sent):.1f}%); "
          + ", ".join(f"{n} {k}s" for k, n in kinds.items()) + " (a record is a PDF and a Markdown file)")
    if lat:
        print(f"reply latency: p50 {1000 * percentile(lat, 0.5):.0f} ms, p95 {1000 * percentile(lat, 0.95):.0f} ms, "
              f"p99 {1000 * percentile(lat, 0.99):.0f} ms, max {1000 * max(lat):.0f} ms, "
              f"mean {1000 * statistics.mean(lat):.0f} ms")
    for kind in ("question", "checklist", "decision record"):
        got = [x for u in users.values() for x in u.by_kind.get(kind, [])]
        if got:
            print(f"  {'checklist step' if kind == 'checklist' else kind} replies: {len(got)}, p50 {1000 * percentile(got, 0.5):.0f} ms, "
                  f"p95 {1000 * percentile(got, 0.95):.0f} ms")
    print(f"bot process: CPU {100 * (cpu1 - cpu0) / wall:.0f}% of one core over {wall:.0f} s, "
          f"peak RSS {peak / 2**20:.0f} MB"
          + (f" (+ PDF worker process {', '.join(f'{h / 2**20:.0f} MB' for h in helpers)})" if helpers else ""))
    print(f"machine: {os.cpu_count()} cores, load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
