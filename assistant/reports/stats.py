"""The content-gap report policy owners read to decide which clause to write next.

Questions per day, the answer rate, refusals, 👍/👎 by document and section, handoffs, and the
refused or down-voted questions grouped into topics, ranked by how many different people asked.
Everything in it is already masked (it is read from storage, which holds nothing else).

Topics: the masked questions are embedded at report time with the app's own MiniLM (a few hundred
short texts take about a second), then grouped by average-linkage agglomerative clustering under a
cosine-distance threshold (scikit-learn), so the number of topics follows the questions rather
than being fixed. Each topic is labelled by its most typical question (the highest mean cosine to
the others) and the library clause nearest its centre, which is where the policy owner would
write the missing words.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from assistant.storage.db import Database
from assistant.textnorm import inert

TOPIC_DISTANCE = 0.55   # cosine distance under which two groups of questions are one topic (average linkage)
EXAMPLES = 5


@dataclass(frozen=True)
class Topic:
    label: str               # the most typical masked question
    clause: str              # citation of the nearest clause in the library
    questions: int
    people: int
    refused: int
    down_voted: int
    examples: tuple[str, ...]


@dataclass
class Report:
    since: float
    until: float
    days: list[tuple[str, int, int]] = field(default_factory=list)   # (date, questions, refused)
    questions: int = 0
    answered: int = 0
    people: int = 0
    votes: list[tuple[str, str, int, int]] = field(default_factory=list)  # (document, section, up, down)
    handoffs: dict[str, int] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return self.questions - self.answered

    @property
    def answer_rate(self) -> float:
        return self.answered / self.questions if self.questions else 0.0


def _day(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d")


def build_report(db: Database, *, since: float = 0.0, embedder, retriever, now: float | None = None,
                 distance: float = TOPIC_DISTANCE) -> Report:
    now = time.time() if now is None else now
    c = db.conn()
    rows = c.execute("""select answer_id, ts, user_hash, question, answered, passages, reason from asked
                        where ts >= ? and reason != 'asked for a person' order by ts""", (since,)).fetchall()
    report = Report(since=since, until=now)
    per_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        d = per_day[_day(r["ts"])]
        d[0] += 1
        d[1] += 0 if r["answered"] else 1
    report.days = [(day, q, f) for day, (q, f) in sorted(per_day.items())]
    report.questions = len(rows)
    report.answered = sum(1 for r in rows if r["answered"])
    report.people = len({r["user_hash"] for r in rows})

    by_id = {p.id: p for p in retriever.passages}
    votes = c.execute("""select v.answer_id, v.vote, a.passages from votes v join asked a using (answer_id)
                         where a.ts >= ?""", (since,)).fetchall()
    places: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    down_ids = set()
    for v in votes:
        shown = json.loads(v["passages"])
        p = by_id.get(shown[0]) if shown else None
        key = (p.title, " › ".join(x for x in p.path if x != p.title) or p.section) if p else ("(no longer in the library)", "")
        places[key][0 if v["vote"] == "up" else 1] += 1
        if v["vote"] == "down":
            down_ids.add(v["answer_id"])
    report.votes = sorted(((d, s, u, n) for (d, s), (u, n) in places.items()), key=lambda x: (-x[3], -x[2], x[0], x[1]))

    hand = c.execute("select status, count(*) n from handoffs where ts >= ? group by status", (since,)).fetchall()
    report.handoffs = {"total": sum(r["n"] for r in hand), **{r["status"]: r["n"] for r in hand}}

    gaps = [r for r in rows if not r["answered"] or r["answer_id"] in down_ids]
    report.topics = topics(gaps, down_ids, embedder=embedder, retriever=retriever, distance=distance)
    return report


_SEGMENTS = re.compile(r"[^?.!,;:—–]+[?.!,;:—–]*")


def topic_text(question: str) -> str:
    """What a question is about, for grouping: the parts of it that held personal data ("my name
    is [name]", "call me on [phone]") are about the person, not the topic, and would pull every
    question with the same aside together. The masked question itself is what the report shows."""
    kept = [seg for seg in _SEGMENTS.findall(question) if "[" not in seg]
    return " ".join("".join(kept).split()) or question


def topics(rows, down_ids: set[int], *, embedder, retriever, distance: float = TOPIC_DISTANCE) -> list[Topic]:
    """Group the questions into topics, ranked by how many different people asked."""
    if not rows:
        return []
    texts = [" ".join(r["question"].split()) for r in rows]
    unique = list(dict.fromkeys(t.lower() for t in texts))
    index = {t: i for i, t in enumerate(unique)}
    vecs = embedder.encode_passages([topic_text(u) for u in unique])
    if len(unique) == 1:
        labels = np.zeros(1, dtype=int)
    else:
        from sklearn.cluster import AgglomerativeClustering

        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=distance).fit_predict(vecs)
    members: dict[int, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        members[int(labels[index[texts[i].lower()]])].append(i)
    passages = np.asarray(retriever.vectors, dtype=np.float32)
    out = []
    for group in members.values():
        uniq = sorted({index[texts[i].lower()] for i in group})
        sub = vecs[uniq]
        # The most typical wording: of the three most central, the shortest (the fewest asides).
        ranked = [uniq[j] for j in np.argsort(-(sub @ sub.T).mean(axis=1))[:3]]
        central = min(ranked, key=lambda u: len(unique[u]))
        label = next(texts[i] for i in group if index[texts[i].lower()] == central)
        centre = sub.mean(axis=0)
        centre /= np.linalg.norm(centre) or 1.0
        near = retriever.passages[int(np.argmax(passages @ centre))]
        counts = Counter(texts[i] for i in group)
        out.append(Topic(label=label, clause=near.citation(), questions=len(group),
                         people=len({rows[i]["user_hash"] for i in group}),
                         refused=sum(1 for i in group if not rows[i]["answered"]),
                         down_voted=sum(1 for i in group if rows[i]["answer_id"] in down_ids),
                         examples=tuple(t for t, _ in counts.most_common(EXAMPLES))))
    out.sort(key=lambda t: (-t.people, -t.questions, t.label))
    return out


# -- rendering -------------------------------------------------------------------------------------
def render(report: Report, fmt: str = "text") -> str:
    return {"text": render_text, "csv": render_csv, "html": render_html}[fmt](report)


def _period(report: Report) -> str:
    start = _day(report.since) if report.since else (report.days[0][0] if report.days else _day(report.until))
    return f"{start} to {_day(report.until)}"


def render_text(report: Report, *, topics: int = 20) -> str:
    lines = [f"Content-gap report, {_period(report)}",
             f"Questions: {report.questions} from {report.people} people; answered {report.answered} "
             f"({report.answer_rate:.0%}), refused {report.refused}",
             f"Handoffs to a person: {report.handoffs.get('total', 0)} ({report.handoffs.get('open', 0)} open, "
             f"{report.handoffs.get('answered', 0)} answered)", ""]
    if report.days:
        lines.append("Per day (questions / refused):")
        lines += [f"  {d}  {q:>5} / {f}" for d, q, f in report.days[-31:]]
        lines.append("")
    if report.votes:
        lines.append("Votes by document and section (👍 / 👎):")
        lines += [f"  {u:>4} / {n:<4} {d} › {s}" for d, s, u, n in report.votes[:30]]
        lines.append("")
    lines.append("Topics not answered or voted down, by how many people asked:")
    if not report.topics:
        lines.append("  (none)")
    for i, t in enumerate(report.topics[:topics], 1):
        lines.append(f"{i:>3}. {t.label}")
        lines.append(f"     {t.people} people, {t.questions} questions ({t.refused} refused, {t.down_voted} voted down); "
                     f"nearest clause: {t.clause}")
    return inert("\n".join(lines) + "\n")  # what people typed, printed to a terminal: never a control sequence


def _cell(value):
    """A CSV cell a spreadsheet shows as text: control characters escaped, and text that starts
    like a formula (= + - @, or a tab or carriage return before one) opened with an apostrophe,
    which spreadsheets read as "this is text" (a question "=HYPERLINK(…)" must not become a link)."""
    if not isinstance(value, str):
        return value
    value = inert(value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def render_csv(report: Report) -> str:
    rows: list[list] = [["table", "name", "detail", "questions", "refused", "up", "down", "people"],
                        ["summary", _period(report), f"answer rate {report.answer_rate:.3f}", report.questions,
                         report.refused, "", "", report.people]]
    rows += [["day", d, "", q, f, "", "", ""] for d, q, f in report.days]
    rows += [["votes", d, s, "", "", u, n, ""] for d, s, u, n in report.votes]
    rows += [["handoffs", k, "", v, "", "", "", ""] for k, v in sorted(report.handoffs.items())]
    rows += [["topic", t.label, t.clause, t.questions, t.refused, "", t.down_voted, t.people] for t in report.topics]
    buf = io.StringIO()
    csv.writer(buf).writerows([[_cell(v) for v in row] for row in rows])
    return buf.getvalue()


def _chart(days: list[tuple[str, int, int]], width: int = 860, height: int = 220) -> str:
    """Questions (bars) and refusals (darker bars in front) per day, as inline SVG."""
    if not days:
        return "<p>No questions in this period.</p>"
    pad_l, pad_b, pad_t = 44, 28, 10
    top = max(q for _, q, _ in days) or 1
    n = len(days)
    bw = (width - pad_l - 8) / n
    h = height - pad_b - pad_t
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="Questions and refusals per day">']
    for frac in (0, 0.5, 1):
        y = pad_t + h * (1 - frac)
        out.append(f'<line x1="{pad_l}" x2="{width - 4}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                   f'<text x="{pad_l - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{round(top * frac)}</text>')
    step = max(1, n // 10)
    for i, (d, q, f) in enumerate(days):
        x = pad_l + i * bw
        qh, fh = h * q / top, h * f / top
        out.append(f'<rect x="{x + 1:.1f}" y="{pad_t + h - qh:.1f}" width="{max(bw - 2, 1):.1f}" height="{qh:.1f}" '
                   f'fill="#9ecae1"><title>{html.escape(d)}: {q} questions</title></rect>')
        out.append(f'<rect x="{x + 1:.1f}" y="{pad_t + h - fh:.1f}" width="{max(bw - 2, 1):.1f}" height="{fh:.1f}" '
                   f'fill="#de2d26"><title>{html.escape(d)}: {f} refused</title></rect>')
        if i % step == 0:
            out.append(f'<text x="{x + bw / 2:.1f}" y="{height - 8}" font-size="10" text-anchor="middle" fill="#555">'
                       f'{html.escape(d[5:])}</text>')
    out.append("</svg>")
    return "".join(out)


def render_html(report: Report) -> str:
    e = html.escape
    rows_votes = "".join(f"<tr><td>{e(d)}</td><td>{e(s)}</td><td class=n>{u}</td><td class=n>{n}</td></tr>"
                         for d, s, u, n in report.votes) or "<tr><td colspan=4>No votes yet.</td></tr>"
    topic_blocks = []
    for i, t in enumerate(report.topics, 1):
        ex = "".join(f"<li>{e(x)}</li>" for x in t.examples)
        topic_blocks.append(
            f"<section class=topic><h3>{i}. {e(t.label)}</h3><table><tr><th>People</th><th>Questions</th>"
            f"<th>Refused</th><th>Voted down</th><th>Nearest clause</th></tr><tr><td class=n>{t.people}</td>"
            f"<td class=n>{t.questions}</td><td class=n>{t.refused}</td><td class=n>{t.down_voted}</td>"
            f"<td>{e(t.clause)}</td></tr></table><ul>{ex}</ul></section>")
    h = report.handoffs
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Content-gap report {e(_period(report))}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:960px;color:#222;padding:0 16px}}
h1{{font-size:1.5em;margin-bottom:4px}} .muted{{color:#666}} table{{border-collapse:collapse;width:100%;margin:6px 0}}
th,td{{border-bottom:1px solid #e5e5e5;padding:4px 8px;text-align:left;font-size:.92em;vertical-align:top}}
td.n{{text-align:right;font-variant-numeric:tabular-nums}} .cards{{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}}
.card{{border:1px solid #ddd;border-radius:8px;padding:8px 14px;min-width:120px}} .card b{{display:block;font-size:1.5em}}
.topic{{border-left:4px solid #de2d26;padding-left:12px;margin:16px 0}} .topic h3{{margin:0 0 4px;font-size:1.05em}}
.legend span{{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}}
</style></head><body>
<h1>Content-gap report</h1><p class=muted>{e(_period(report))} · personal details are masked · generated by the Commissioning Assistant</p>
<div class=cards><div class=card><b>{report.questions}</b>questions</div><div class=card><b>{report.people}</b>people</div>
<div class=card><b>{report.answer_rate:.0%}</b>answered</div><div class=card><b>{report.refused}</b>refused</div>
<div class=card><b>{h.get('total', 0)}</b>handoffs ({h.get('open', 0)} open)</div></div>
<h2>Questions and refusals per day</h2>
<p class="legend muted"><span style="background:#9ecae1"></span>questions<span style="background:#de2d26"></span>refused</p>
{_chart(report.days)}
<h2>Topics to write next</h2>
<p class=muted>Questions the library could not answer or that were voted down, grouped by meaning and ranked by how many
different people asked. Each is labelled by its most typical question and the nearest clause in the library.</p>
{''.join(topic_blocks) or '<p>None: every question was answered and none was voted down.</p>'}
<h2>Votes by document and section</h2>
<table><tr><th>Document</th><th>Section</th><th>👍</th><th>👎</th></tr>{rows_votes}</table>
</body></html>
"""


def chat_report(app, args: str) -> tuple[str, Path | None]:
    """For `/stats [YYYY-MM-DD]` in a chat: a short summary and the HTML page as a file."""
    since = 0.0
    if args:
        try:
            d = datetime.fromisoformat(args.split()[0])
            since = (d if d.tzinfo else d.replace(tzinfo=timezone.utc)).timestamp()
        except ValueError:
            return ("Send /stats, or /stats 2026-01-31 for the questions since that date.", None)
    report = build_report(app.db, since=since, embedder=app.embedder, retriever=app.retriever)
    folder = app.settings.path(app.settings.data_dir) / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"content-gaps-{datetime.now(tz=timezone.utc).strftime('%Y%m%d-%H%M%S')}.html"
    path.write_text(render_html(report), encoding="utf-8")
    return render_text(report, topics=8), path
