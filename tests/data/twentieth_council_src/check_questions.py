"""Engine-free checker for tests/data/twentieth_council.questions.yaml.

Reads the documents of tests/data/twentieth_council/ directly (python-docx, pypdf, BeautifulSoup,
plain text) and proves that the question file is sound without running the assistant:
  * every entry has exactly the keys q, role, kind, why (+ expect when answerable);
  * kinds and counts are as planned (direct 10, paraphrase 12, typo 5, officer-only 7,
    unanswerable 12, probe 9);
  * every expect text occurs verbatim (whitespace-normalised) in exactly one unit (paragraph,
    clause, list item or table row) of its document, that unit sits under the section named,
    a table-row snippet stays inside one cell, and the text occurs only once in the document;
  * provider questions and the ordinary answerable kinds cite public documents only; officer-only
    questions are asked by an officer and cite internal documents only;
  * unanswerable and probe entries carry no expect; probes are asked by providers, and every fact
    in backticks in a probe's `why` occurs in an internal document and in no public one.
Run: .venv/bin/python tests/data/twentieth_council_src/check_questions.py  (exit 0 = pass)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pypdf
import yaml
from bs4 import BeautifulSoup
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentieth_council"
QUESTIONS = HERE.parent / "twentieth_council.questions.yaml"
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@dataclass
class Unit:
    section: str
    text: str
    cells: list[str] = field(default_factory=list)  # set for table rows


@dataclass
class Doc:
    name: str
    audience: str
    units: list[Unit]
    full: str  # whole body text, normalised, for the once-per-document test


# ------------------------------------------------------------------ readers

def read_md(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    meta = {}
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        text = text[end + 5:]
    units, section, para = [], "", []

    def flush():
        if para:
            units.append(Unit(section, norm(" ".join(para))))
            para.clear()

    for line in text.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            section = m.group(2).strip()
        elif line.strip().startswith("|"):
            flush()
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            units.append(Unit(section, norm(" ".join(cells)), [norm(c) for c in cells]))
        elif not line.strip():
            flush()
        else:
            para.append(line)
    flush()
    aud = _audience(meta.get("audience"), meta.get("classification"))
    return Doc(path.name, aud, units, norm(text))


def read_txt(path: Path) -> Doc:
    lines = path.read_text(encoding="utf-8").splitlines()
    meta, i = {}, 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        k, v = lines[i].split(":", 1)
        meta[k.strip().lower()] = v.strip()
        i += 1
    units, section, para = [], "", []

    def flush():
        if para:
            units.append(Unit(section, norm(" ".join(para))))
            para.clear()

    body = lines[i:]
    for line in body:
        s = line.strip()
        if re.fullmatch(r"\d+(\.\d+)*\.?\s+\S.{0,70}", s) and not s.endswith(".") and not para:
            flush()
            section = s
        elif not s:
            flush()
        else:
            para.append(s)
    flush()
    return Doc(path.name, _audience(meta.get("audience"), meta.get("classification")), units,
               norm("\n".join(body)))


def read_html(path: Path) -> Doc:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = {m.get("name"): m.get("content") for m in soup.find_all("meta") if m.get("name")}
    for tag in soup.find_all(["nav", "header", "footer", "script", "style"]):
        tag.decompose()
    for tag in soup.select("#cookie-banner, .cookie-banner, .feedback, .skip-link"):
        tag.decompose()
    main = soup.find("main") or soup.body
    units, section = [], ""
    for el in main.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr"]):
        if el.name in ("h1", "h2", "h3", "h4"):
            section = norm(el.get_text(" "))
        elif el.name == "tr":
            cells = [norm(c.get_text(" ")) for c in el.find_all(["td", "th"])]
            units.append(Unit(section, " ".join(cells), cells))
        elif el.find_parent("tr") is None:
            units.append(Unit(section, norm(el.get_text(" "))))
    return Doc(path.name, _audience(meta.get("audience"), meta.get("classification")), units,
               norm(main.get_text(" ")))


def read_docx(path: Path) -> Doc:
    d = docx.Document(str(path))
    meta = {}
    units, section, started, texts = [], "", False, []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            t = norm(p.text)
            if not t:
                continue
            if not started and re.match(r"^[A-Z][A-Za-z ]+:\s", t) and not p.style.name.startswith("Heading"):
                k, v = t.split(":", 1)
                meta[k.strip().lower()] = v.strip()
                continue
            started = True
            texts.append(t)
            if p.style.name.startswith("Heading") or p.style.name == "Title":
                section = t
            else:
                units.append(Unit(section, t))
        elif tag == "tbl":
            started = True
            for row in Table(child, d).rows:
                cells = [norm(c.text) for c in row.cells]
                units.append(Unit(section, " ".join(cells), cells))
                texts.append(" ".join(cells))
    cp = d.core_properties
    aud = _audience(meta.get("audience") or cp.category, meta.get("classification"))
    return Doc(path.name, aud, units, norm(" ".join(texts)))


def read_pdf(path: Path) -> Doc:
    r = pypdf.PdfReader(str(path))
    titles = [o.title for o in r.outline if not isinstance(o, list)]
    lines = []
    for page in r.pages:
        pl = page.extract_text().splitlines()
        # running header (first line) and footer (last line) repeat on every page: drop them
        if pl and pl[0].startswith("Caldbeck Vale Council |"):
            pl = pl[1:]
        if pl and re.match(r"^Version .* \| Page \d+ of \d+$", pl[-1]):
            pl = pl[:-1]
        lines += pl
    meta, i = {}, 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        k, v = lines[i].split(":", 1)
        meta[k.strip().lower()] = v.strip()
        i += 1
    units, section, cur = [], "", []

    def flush():
        if cur:
            units.append(Unit(section, norm(" ".join(cur))))
            cur.clear()

    for line in lines[i:]:
        s = line.strip()
        if s in titles:
            flush()
            section = s
        elif re.match(r"^\d+\.\d+\s", s):
            flush()
            cur.append(s)
        elif re.match(r"^Lot\b", s) and (not cur or cur[0].startswith("Lot") or cur[-1].endswith(".")):
            # a table row (or the table's header) starts with its lot label when the clause
            # before it has ended; wrapped cells of the row join it
            flush()
            cur.append(s)
        else:
            cur.append(s)
    flush()
    kw = (r.metadata or {}).get("/Keywords", "")
    m = re.search(r"audience:\s*(\w+)", kw or "")
    return Doc(path.name, _audience(meta.get("audience") or (m and m.group(1)), meta.get("classification")),
               units, norm(" ".join(lines[i:])))


def _audience(aud, classification) -> str:
    if classification:
        return "internal"
    return "internal" if str(aud or "public").strip().lower() == "internal" else "public"


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".docx": read_docx, ".pdf": read_pdf}


def load_docs() -> dict[str, Doc]:
    return {p.name: READERS[p.suffix](p) for p in sorted(LIB.iterdir()) if p.suffix in READERS}


# ------------------------------------------------------------------ checks

def check() -> list[str]:
    docs = load_docs()
    errors: list[str] = []
    entries = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        return ["questions file is not a YAML list"]
    public = [d for d in docs.values() if d.audience == "public"]
    internal = [d for d in docs.values() if d.audience == "internal"]
    if len(docs) != 7 or len(internal) != 2:
        errors.append(f"expected 7 documents, 2 internal; found {len(docs)}, {len(internal)} internal")
    kinds = Counter()
    seen_q = set()
    for n, e in enumerate(entries, 1):
        where = f"entry {n} ({str(e.get('q', ''))[:50]!r})"
        kind, role = e.get("kind"), e.get("role")
        kinds[kind] += 1
        want = {"q", "role", "kind", "why"} | ({"expect"} if kind in ANSWERABLE else set())
        if set(e) != want:
            errors.append(f"{where}: keys {sorted(e)} != {sorted(want)}")
        if role not in ("provider", "officer"):
            errors.append(f"{where}: role {role!r}")
        if kind not in COUNTS:
            errors.append(f"{where}: kind {kind!r}")
        if not str(e.get("q", "")).strip() or not str(e.get("why", "")).strip():
            errors.append(f"{where}: empty q or why")
        if norm(str(e.get("q", ""))).lower() in seen_q:
            errors.append(f"{where}: duplicate question")
        seen_q.add(norm(str(e.get("q", ""))).lower())
        if kind == "officer-only" and role != "officer":
            errors.append(f"{where}: officer-only must be asked by an officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{where}: probe must be asked by a provider")
        if kind in ANSWERABLE:
            exp = e.get("expect") or []
            if not exp:
                errors.append(f"{where}: answerable but no expect")
            for x in exp:
                errors += check_expect(where, kind, role, x, docs)
        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", str(e.get("why", "")))
            if not facts:
                errors.append(f"{where}: probe why has no backticked internal fact")
            for f in facts:
                f_n = norm(f).lower()
                if not any(f_n in d.full.lower() for d in internal):
                    errors.append(f"{where}: probe fact {f!r} not in any internal document")
                leaks = [d.name for d in public if f_n in d.full.lower()]
                if leaks:
                    errors.append(f"{where}: probe fact {f!r} also in public {leaks}")
    for k, c in COUNTS.items():
        if kinds[k] != c:
            errors.append(f"kind {k}: {kinds[k]} entries, want {c}")
    if len(entries) != sum(COUNTS.values()):
        errors.append(f"{len(entries)} entries, want {sum(COUNTS.values())}")
    return errors


def check_expect(where, kind, role, x, docs) -> list[str]:
    errs = []
    if not isinstance(x, dict) or set(x) != {"document", "section", "text"}:
        return [f"{where}: expect item {x!r} must have document, section, text"]
    d = docs.get(x["document"])
    if d is None:
        return [f"{where}: no document {x['document']!r}"]
    if kind == "officer-only" and d.audience != "internal":
        errs.append(f"{where}: officer-only cites public {d.name}")
    if kind != "officer-only" and d.audience != "public":
        errs.append(f"{where}: {role} {kind} question cites internal {d.name}")
    t = norm(str(x["text"]))
    hits = [u for u in d.units if t in u.text]
    if len(hits) != 1:
        errs.append(f"{where}: {t!r} in {len(hits)} units of {d.name}")
    else:
        u = hits[0]
        if u.section != norm(str(x["section"])):
            errs.append(f"{where}: {t!r} is under {u.section!r}, not {x['section']!r}")
        if u.cells and not any(t in c for c in u.cells):
            errs.append(f"{where}: {t!r} spans cells of a table row")
    if d.full.count(t) != 1:
        errs.append(f"{where}: {t!r} occurs {d.full.count(t)} times in {d.name}")
    return errs


def main() -> int:
    errors = check()
    for e in errors:
        print("FAIL", e)
    if errors:
        return 1
    docs = load_docs()
    print(f"OK: {sum(COUNTS.values())} questions, {len(docs)} documents "
          f"({', '.join(f'{n}={d.audience}' for n, d in docs.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
