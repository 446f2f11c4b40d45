#!/usr/bin/env python3
"""Validate thirtysixth_council.questions.yaml against the BUILT library files.

Checks, for every question:
* schema: q / role / kind / why present; role and kind valid; ``expect`` present
  (non-empty) for answerable kinds and absent for unanswerable and probe;
* every expected document exists in the library folder;
* every expected section is a heading of that document (h1-h4 in HTML,
  Heading 1-4 styles in DOCX, outline entries in PDF, ``#`` headings in
  Markdown, numbered / ALL-CAPS / underlined headings in text);
* every expected text occurs in that section's own text (whitespace
  normalised) and, outside PDF, inside one paragraph, list item or table cell;
* audience rules: provider questions expect only public documents,
  officer-only questions expect at least one internal document, probes are
  asked as provider.

It also checks the first line of the file, the total of 55 questions and the
mix by kind. Exit status 0 means everything passed.

Run:  /work/main/.venv/bin/python tests/data/thirtysixth_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "thirtysixth_council"
QFILE = HERE.parent / "thirtysixth_council.questions.yaml"

FIRST_LINE = ("# WRITTEN BLIND: these questions were written without reading, running or searching the "
              "assistant's code, data or other test libraries; the only project file consulted was "
              "docs/knowledge-format.md.")
MIX = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}


def norm(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip()


class Doc:
    def __init__(self, name: str):
        self.name = name
        self.audience = "public"
        self.sections: dict[str, list[str]] = {}   # heading -> units (paragraphs / cells)
        self.order: list[str] = []

    def add_heading(self, h: str) -> str:
        h = norm(h)
        key = h
        n = 2
        while key in self.sections:  # duplicate heading text: keep both
            key = f"{h} #{n}"
            n += 1
        self.sections[key] = []
        self.order.append(key)
        return key


def audience_from(value: str | None, current: str) -> str:
    if not value:
        return current
    v = value.lower()
    if "internal" in v or "official" in v or "secret" in v:
        return "internal"
    return current


# ---------------------------------------------------------------- readers
def read_md(path: Path) -> Doc:
    doc = Doc(path.name)
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        fm = yaml.safe_load(text[4:end]) or {}
        doc.audience = audience_from(str(fm.get("audience", "")), doc.audience)
        doc.audience = audience_from(str(fm.get("classification", "")), doc.audience)
        text = text[end + 5:]
    cur = None
    para: list[str] = []

    def flush():
        if cur is not None and para:
            doc.sections[cur].append(norm(" ".join(para)))
        para.clear()

    for line in text.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            cur = doc.add_heading(m.group(2))
            continue
        if cur is None:
            continue
        s = line.strip()
        if not s:
            flush()
        elif s.startswith("|"):
            flush()
            for c in s.strip("|").split("|"):
                if not re.fullmatch(r"\s*:?-{3,}:?\s*", c):
                    doc.sections[cur].append(norm(c))
        elif s.startswith("- "):
            flush()
            doc.sections[cur].append(norm(s[2:]))
        else:
            para.append(s)
        if s in MARKINGS:
            doc.audience = "internal"
    flush()
    return doc


def is_txt_heading(line: str, nxt: str) -> bool:
    s = line.strip()
    if not s or s in MARKINGS:
        return False
    if re.fullmatch(r"[=-]{3,}", nxt.strip() or "x"):
        return True
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 70 and not s.endswith("."):
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(s) <= 70:
        return True
    return False


def read_txt(path: Path) -> Doc:
    doc = Doc(path.name)
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        key, _, value = lines[i].partition(":")
        if key.strip().lower() in {"audience", "classification", "protective marking",
                                   "security classification"}:
            doc.audience = audience_from(value, doc.audience)
        i += 1
    cur = None
    for j in range(i, len(lines)):
        line = lines[j]
        nxt = lines[j + 1] if j + 1 < len(lines) else ""
        if line.strip() in MARKINGS:
            doc.audience = "internal"
            continue
        if re.fullmatch(r"[=-]{3,}", line.strip()):
            continue
        if is_txt_heading(line, nxt):
            cur = doc.add_heading(line)
            continue
        if cur is not None and line.strip():
            doc.sections[cur].append(norm(line))
    return doc


def read_html(path: Path) -> Doc:
    from bs4 import BeautifulSoup

    doc = Doc(path.name)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for name in ("audience", "classification"):
        m = soup.find("meta", attrs={"name": name})
        if m:
            doc.audience = audience_from(m.get("content"), doc.audience)
    cur = None
    for el in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "th"]):
        if el.name in {"h1", "h2", "h3", "h4"}:
            cur = doc.add_heading(el.get_text(" "))
        elif cur is not None:
            if el.find_parent(["header", "footer", "nav"]):
                continue
            doc.sections[cur].append(norm(el.get_text(" ")))
    return doc


def read_docx(path: Path) -> Doc:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Doc(path.name)
    d = docx.Document(str(path))
    doc.audience = audience_from(d.core_properties.category, doc.audience)
    doc.audience = audience_from(d.core_properties.keywords, doc.audience)
    for sec in d.sections:
        for p in list(sec.header.paragraphs) + list(sec.footer.paragraphs):
            for ln in p.text.splitlines():
                if ln.strip() in MARKINGS:
                    doc.audience = "internal"
    cur = None
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            style = p.style.name if p.style is not None else ""
            if re.fullmatch(r"Heading [1-4]", style):
                cur = doc.add_heading(p.text)
            elif cur is None:
                key, _, value = p.text.partition(":")
                if key.strip().lower() in {"audience", "classification"}:
                    doc.audience = audience_from(value, doc.audience)
            elif p.text.strip():
                doc.sections[cur].append(norm(p.text))
        elif tag == "tbl" and cur is not None:
            t = Table(child, d)
            for row in t.rows:
                for cell in row.cells:
                    doc.sections[cur].append(norm(cell.text))
    return doc


def read_pdf(path: Path) -> Doc:
    import pypdf

    doc = Doc(path.name)
    r = pypdf.PdfReader(str(path))
    meta = r.metadata or {}
    doc.audience = audience_from(str(meta.get("/Keywords", "")), doc.audience)
    titles: list[str] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                titles.append(norm(it.title))

    walk(r.outline)
    full = norm(" ".join(page.extract_text() for page in r.pages))
    if re.search(r"(?m)^\s*(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET)\s*$",
                 "\n".join(page.extract_text() for page in r.pages)):
        doc.audience = "internal"
    pos = 0
    spans = []
    for t in titles:
        k = full.find(t, pos)
        if k < 0:
            raise SystemExit(f"{path.name}: outline heading {t!r} not found in page text")
        spans.append((t, k))
        pos = k + len(t)
    for idx, (t, k) in enumerate(spans):
        end = spans[idx + 1][1] if idx + 1 < len(spans) else len(full)
        key = doc.add_heading(t)
        doc.sections[key].append(full[k + len(t):end])
    return doc


READERS = {".md": read_md, ".txt": read_txt, ".html": read_html, ".htm": read_html,
           ".docx": read_docx, ".pdf": read_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for p in sorted(LIB.iterdir()):
        if p.is_file() and p.suffix in READERS:
            docs[p.name] = READERS[p.suffix](p)
    return docs


def main() -> int:
    errors: list[str] = []
    raw = QFILE.read_text(encoding="utf-8")
    if raw.splitlines()[0] != FIRST_LINE:
        errors.append("first line of the questions file is not the WRITTEN BLIND line")
    questions = yaml.safe_load(raw)
    docs = load_library()
    stems = Counter(Path(n).stem for n in docs)
    for stem, n in stems.items():
        if n > 1:
            errors.append(f"more than one file for document {stem}")

    if not isinstance(questions, list):
        print("questions file is not a YAML list")
        return 1
    if len(questions) != 55:
        errors.append(f"expected 55 questions, found {len(questions)}")
    kinds = Counter(q.get("kind") for q in questions)
    for k, n in MIX.items():
        if kinds.get(k, 0) != n:
            errors.append(f"kind {k}: expected {n}, found {kinds.get(k, 0)}")
    for k in kinds:
        if k not in MIX:
            errors.append(f"unknown kind {k}")
    seen_q = Counter(q.get("q") for q in questions)
    for text, n in seen_q.items():
        if n > 1:
            errors.append(f"duplicate question: {text}")

    for i, q in enumerate(questions, start=1):
        label = f"Q{i} ({q.get('kind')}): {str(q.get('q'))[:60]}"
        for key in ("q", "role", "kind", "why"):
            if not q.get(key):
                errors.append(f"{label}: missing {key}")
        extra = set(q) - {"q", "role", "kind", "expect", "why"}
        if extra:
            errors.append(f"{label}: unexpected keys {sorted(extra)}")
        role, kind = q.get("role"), q.get("kind")
        if role not in {"provider", "officer"}:
            errors.append(f"{label}: bad role {role}")
        if kind in ANSWERABLE:
            if not q.get("expect"):
                errors.append(f"{label}: answerable question without expect")
                continue
        else:
            if "expect" in q:
                errors.append(f"{label}: {kind} question must not have expect")
            if kind == "probe" and role != "provider":
                errors.append(f"{label}: probe must be asked as provider")
            continue
        if kind == "officer-only" and role != "officer":
            errors.append(f"{label}: officer-only question must be asked as officer")
        internal_hit = False
        for e in q["expect"]:
            if set(e) != {"document", "section", "text"}:
                errors.append(f"{label}: expect entry keys {sorted(e)}")
                continue
            d = docs.get(e["document"])
            if d is None:
                errors.append(f"{label}: document {e['document']} not in library")
                continue
            if d.audience == "internal":
                internal_hit = True
                if role == "provider":
                    errors.append(f"{label}: provider question expects internal document {d.name}")
            sec = norm(e["section"])
            if sec not in d.sections:
                errors.append(f"{label}: section {sec!r} is not a heading of {d.name}")
                continue
            want = norm(e["text"])
            units = d.sections[sec]
            if not any(want in u for u in units):
                where = "in the section text" if d.name.endswith(".pdf") else \
                    "inside one paragraph or table cell of the section"
                errors.append(f"{label}: text {want!r} not found {where} ({d.name} › {sec})")
        if kind == "officer-only" and not internal_hit:
            errors.append(f"{label}: officer-only question does not expect an internal document")

    print("library:")
    for d in docs.values():
        print(f"  {d.name:50s} {d.audience:8s} {len(d.sections)} headings")
    print("kinds:", dict(kinds))
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  -", e)
        return 1
    print(f"\nOK: {len(questions)} questions checked against {len(docs)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
