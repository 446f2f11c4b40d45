#!/usr/bin/env python3
"""Validate twentyninth_council.questions.yaml against the built library.

Checks, all against the documents as built in ../twentyninth_council/:
  * the number of questions of each kind;
  * every item has q, role, kind and why; roles and kinds are known;
    officer-only items are asked by an officer and probes by a provider;
  * answerable kinds (direct, paraphrase, typo, officer-only) have an expect
    list; unanswerable items and probes have none;
  * every expect document exists in the library;
  * every expect section is a heading of that document;
  * every expect text occurs verbatim (whitespace-normalised) inside ONE
    block of that section: one paragraph, list item or table cell, as
    extracted (Markdown and text raw, HTML with html.parser, DOCX with
    python-docx including table cells, PDF with pypdf), and contains no
    Markdown table syntax;
  * officer-only items cite internal documents only; direct, paraphrase and
    typo items cite public documents only;
  * every probe's why has at least one `backticked` span, and every such span
    occurs in an internal document and in no public document.
A document's audience is read from the document itself (front matter,
control block, HTML meta, DOCX core properties and page header, PDF
metadata, protective markings on a line of their own); disagreeing
declarations are reported as errors.

Run:  /work/main/.venv/bin/python check_questions.py   (exit 0 = all good)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIBRARY = HERE.parent / "twentyninth_council"
QUESTIONS = HERE.parent / "twentyninth_council.questions.yaml"

EXPECTED_COUNTS = {
    "direct": 10,
    "paraphrase": 12,
    "typo": 5,
    "officer-only": 7,
    "unanswerable": 12,
    "probe": 9,
}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
PUBLIC_KINDS = {"direct", "paraphrase", "typo"}
ROLES = {"provider", "officer"}

MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET",
            "OFFICIAL – INTERNAL", "OFFICIAL - INTERNAL"}
CONTROL_KEY = re.compile(
    r"^(Title|Owner|Version|Review date|Audience|Classification|Protective marking|"
    r"Security classification)\s*:\s*(.*)$", re.I)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def audience_word(value: str) -> str | None:
    v = norm(value).lower()
    if not v:
        return None
    if v in ("public",):
        return "public"
    if v in ("internal", "officers only", "members only"):
        return "internal"
    if v.upper() in MARKINGS or v.startswith("official") or "secret" in v:
        return "internal"
    return None


class Doc:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        # sections: list of (heading, [blocks])
        self.sections: list[tuple[str, list[str]]] = []
        self.declarations: list[tuple[str, str]] = []  # (where, audience)
        self.extra_text: list[str] = []  # metadata / header text, not sections

    # ---- helpers used by the format readers
    def start(self, heading: str):
        self.sections.append((norm(heading), []))

    def add(self, block: str):
        block = norm(block)
        if not block:
            return
        if not self.sections:
            self.sections.append(("", []))
        self.sections[-1][1].append(block)

    def declare(self, where: str, value: str):
        a = audience_word(value)
        if a:
            self.declarations.append((where, a))

    def check_marking_line(self, where: str, line: str):
        if norm(line).upper() in MARKINGS and norm(line) == norm(line).upper():
            self.declarations.append((where, "internal"))

    # ---- derived
    @property
    def audience(self) -> str:
        auds = {a for _, a in self.declarations}
        if "internal" in auds:
            return "internal"
        return "public"

    def headings(self) -> list[str]:
        return [h for h, _ in self.sections if h]

    def full_text(self) -> str:
        parts = [h + " " + " ".join(b) for h, b in self.sections] + self.extra_text
        return norm(" ".join(parts))


# ------------------------------------------------------------------ readers
def split_front_matter(text: str, doc: Doc) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            fm = yaml.safe_load(text[4:end]) or {}
            for key in ("audience", "classification", "protective_marking",
                        "protective marking", "security_classification"):
                if key in fm:
                    doc.declare("front matter %s" % key, str(fm[key]))
            doc.extra_text.append(" ".join(str(v) for v in fm.values()))
            return text[end + 4:].lstrip("\n")
    return text


def read_control_block(lines: list[str], doc: Doc) -> int:
    """Consume `Key: value` lines at the top; return index of first other line."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    while i < len(lines):
        m = CONTROL_KEY.match(lines[i].strip())
        if not m:
            break
        key = m.group(1).lower()
        if key != "title" and key not in ("owner", "version", "review date"):
            doc.declare("control block %s" % m.group(1), m.group(2))
        doc.extra_text.append(lines[i].strip())
        i += 1
    return i


def read_markdown(path: Path) -> Doc:
    doc = Doc(path)
    body = split_front_matter(path.read_text(encoding="utf-8"), doc)
    para: list[str] = []

    def flush():
        if para:
            doc.add(" ".join(para))
            para.clear()

    for n, line in enumerate(body.splitlines(), 1):
        s = line.strip()
        doc.check_marking_line("line %d" % n, s)
        if not s:
            flush()
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if m:
            flush()
            doc.start(m.group(2))
            continue
        if s.startswith("|"):
            flush()
            cells = [c.strip() for c in s.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            for c in cells:
                doc.add(c)
            continue
        if re.match(r"^([-*+]|\d+[.)])\s+", s):
            flush()
            doc.add(re.sub(r"^([-*+]|\d+[.)])\s+", "", s))
            continue
        para.append(s)
    flush()
    return doc


def is_text_heading(line: str, nxt: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if nxt and re.fullmatch(r"(=|-){3,}", nxt.strip()):
        return True
    letters = [ch for ch in s if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters) and len(letters) >= 3 and len(s) <= 90:
        return True
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 70 and not s.endswith("."):
        return True
    return False


def read_text(path: Path) -> Doc:
    doc = Doc(path)
    text = split_front_matter(path.read_text(encoding="utf-8"), doc)
    lines = text.splitlines()
    i = read_control_block(lines, doc)
    para: list[str] = []

    def flush():
        if para:
            doc.add(" ".join(para))
            para.clear()

    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        doc.check_marking_line("line %d" % (i + 1), line)
        if re.fullmatch(r"\s*(=|-){3,}\s*", line):
            i += 1
            continue
        if is_text_heading(line, nxt):
            flush()
            doc.start(line.strip())
        elif not line.strip():
            flush()
        else:
            para.append(line.strip())
        i += 1
    flush()
    return doc


def read_html(path: Path) -> Doc:
    from bs4 import BeautifulSoup

    doc = Doc(path)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for meta in soup.find_all("meta"):
        name = (meta.get("name") or "").lower()
        if name in ("audience", "classification", "protective-marking"):
            doc.declare("meta %s" % name, meta.get("content", ""))
        if name:
            doc.extra_text.append(meta.get("content", ""))
    if soup.title:
        doc.extra_text.append(soup.title.get_text())
    body = soup.body or soup
    for el in body.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "th", "dt", "dd", "pre"]):
        text = el.get_text(" ", strip=True)
        doc.check_marking_line("<%s>" % el.name, text)
        if el.name in ("h1", "h2", "h3", "h4"):
            doc.start(text)
        else:
            if el.find(["p", "li", "td", "th"]):
                continue  # container of other blocks; they are read themselves
            doc.add(text)
    return doc


def read_docx(path: Path) -> Doc:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Doc(path)
    d = docx.Document(str(path))
    cp = d.core_properties
    if cp.category:
        doc.declare("core category", cp.category)
    for part in (cp.keywords or "").split(";"):
        key, _, value = part.partition(":")
        if key.strip().lower() in ("audience", "classification"):
            doc.declare("core keywords %s" % key.strip(), value)
    doc.extra_text += [cp.title or "", cp.author or "", cp.subject or "", cp.keywords or ""]
    for s in d.sections:
        for part_name, part in (("header", s.header), ("footer", s.footer)):
            for p in part.paragraphs:
                doc.check_marking_line(part_name, p.text)
                doc.extra_text.append(p.text)
    # control block: paragraphs before the first heading
    body_items = []
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            body_items.append(Paragraph(child, d))
        elif tag == "tbl":
            body_items.append(Table(child, d))
    seen_heading = False
    for item in body_items:
        if isinstance(item, Paragraph):
            style = item.style.name if item.style is not None else ""
            text = item.text
            doc.check_marking_line("paragraph", text)
            if style.startswith("Heading") or style == "Title":
                seen_heading = True
                doc.start(text)
                continue
            if not seen_heading:
                m = CONTROL_KEY.match(text.strip())
                if m:
                    if m.group(1).lower() not in ("title", "owner", "version", "review date"):
                        doc.declare("control block %s" % m.group(1), m.group(2))
                    doc.extra_text.append(text)
                    continue
            doc.add(text)
        else:
            # merged cells repeat the same <w:tc>; keep the elements alive so
            # that lxml hands back the same proxy and identity comparison works
            seen_cells: list = []
            for row in item.rows:
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen_cells):
                        continue
                    seen_cells.append(cell._tc)
                    doc.add(cell.text)
    return doc


def read_pdf(path: Path) -> Doc:
    from pypdf import PdfReader

    doc = Doc(path)
    reader = PdfReader(str(path))
    meta = reader.metadata or {}
    for key in ("/Title", "/Author", "/Subject", "/Keywords"):
        if meta.get(key):
            doc.extra_text.append(str(meta.get(key)))
    for part in str(meta.get("/Keywords", "") or "").split(";"):
        key, _, value = part.partition(":")
        if key.strip().lower() in ("audience", "classification"):
            doc.declare("pdf keywords %s" % key.strip(), value)

    # Lines with position and boldness, from pypdf's text visitor.
    lines: list[dict] = []
    for pno, page in enumerate(reader.pages):
        pieces: list[tuple[float, str, bool, float]] = []

        def visit(text, cm, tm, font_dict, font_size):
            if not text or not text.strip():
                return
            y = tm[5] * cm[3] + tm[4] * cm[1] + cm[5]
            base = str((font_dict or {}).get("/BaseFont", ""))
            pieces.append((round(y, 1), text, "Bold" in base, font_size))

        page.extract_text(visitor_text=visit)
        for y, text, bold, size in pieces:
            if lines and lines[-1]["page"] == pno and abs(lines[-1]["y"] - y) < 0.5:
                lines[-1]["text"] += text
                lines[-1]["bold"] = lines[-1]["bold"] and bold
            else:
                lines.append({"page": pno, "y": y, "text": text, "bold": bold, "size": size})

    # Control block: Key: value lines at the very start.
    i = 0
    while i < len(lines) and not lines[i]["bold"] and CONTROL_KEY.match(lines[i]["text"].strip()):
        m = CONTROL_KEY.match(lines[i]["text"].strip())
        if m.group(1).lower() not in ("title", "owner", "version", "review date"):
            doc.declare("control block %s" % m.group(1), m.group(2))
        doc.extra_text.append(lines[i]["text"])
        i += 1

    block: list[str] = []
    prev = None

    def flush():
        if block:
            doc.add(" ".join(block))
            block.clear()

    for line in lines[i:]:
        text = norm(line["text"])
        doc.check_marking_line("pdf page %d" % (line["page"] + 1), text)
        if line["bold"] and len(text) <= 90:
            flush()
            doc.start(text)
            prev = line
            continue
        if prev is not None and not prev["bold"] and prev["page"] != line["page"]:
            # a paragraph running on to the next page continues the block
            # unless the last line ended a sentence
            new_block = bool(re.search(r"[.:;!?]$", block[-1] if block else "."))
        else:
            new_block = (
                prev is None
                or prev["bold"]
                or (prev["y"] - line["y"]) > line["size"] * 1.75
            )
        if text.startswith("\u2022"):
            new_block = True
        if new_block:
            flush()
        block.append(text)
        prev = line
    flush()
    return doc


READERS = {".md": read_markdown, ".txt": read_text, ".html": read_html, ".htm": read_html,
           ".docx": read_docx, ".pdf": read_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for path in sorted(LIBRARY.iterdir()):
        reader = READERS.get(path.suffix.lower())
        if reader:
            docs[path.name] = reader(path)
    return docs


# ------------------------------------------------------------------ checks
def main() -> int:
    errors: list[str] = []
    docs = load_library()
    if not docs:
        print("no documents in", LIBRARY)
        return 1

    for d in docs.values():
        auds = {a for _, a in d.declarations}
        if not d.declarations:
            errors.append("%s: declares no audience" % d.name)
        if len(auds) > 1:
            errors.append("%s: audience declarations disagree: %s" % (d.name, d.declarations))
    public = [d for d in docs.values() if d.audience == "public"]
    internal = [d for d in docs.values() if d.audience == "internal"]
    public_text = {d.name: d.full_text().lower() for d in public}
    internal_text = {d.name: d.full_text().lower() for d in internal}

    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    if not isinstance(items, list):
        print("question file is not a YAML list")
        return 1
    if not QUESTIONS.read_text(encoding="utf-8").startswith("# WRITTEN BLIND:"):
        errors.append("question file must start with '# WRITTEN BLIND:'")

    counts = Counter()
    seen_q = set()
    for n, item in enumerate(items, 1):
        where = "item %d (%r)" % (n, str(item.get("q", ""))[:60])
        for key in ("q", "role", "kind", "why"):
            if not item.get(key):
                errors.append("%s: missing %s" % (where, key))
        kind = item.get("kind")
        role = item.get("role")
        counts[kind] += 1
        if kind not in EXPECTED_COUNTS:
            errors.append("%s: unknown kind %r" % (where, kind))
            continue
        if role not in ROLES:
            errors.append("%s: unknown role %r" % (where, role))
        q = norm(str(item.get("q", ""))).lower()
        if q in seen_q:
            errors.append("%s: duplicate question" % where)
        seen_q.add(q)
        if kind == "officer-only" and role != "officer":
            errors.append("%s: officer-only item must have role officer" % where)
        if kind == "probe" and role != "provider":
            errors.append("%s: probe must have role provider" % where)

        expect = item.get("expect")
        if kind in ANSWERABLE:
            if not expect or not isinstance(expect, list):
                errors.append("%s: answerable item needs an expect list" % where)
                continue
            for e in expect:
                dname, section, text = e.get("document"), e.get("section"), e.get("text")
                if not (dname and section and text):
                    errors.append("%s: expect needs document, section and text" % where)
                    continue
                d = docs.get(dname)
                if d is None:
                    errors.append("%s: document %s not in library" % (where, dname))
                    continue
                if kind == "officer-only" and d.audience != "internal":
                    errors.append("%s: officer-only item cites public document %s" % (where, dname))
                if kind in PUBLIC_KINDS and d.audience != "public":
                    errors.append("%s: %s item cites internal document %s" % (where, kind, dname))
                if "|" in text:
                    errors.append("%s: expect text contains table syntax: %r" % (where, text))
                blocks = [b for h, bs in d.sections if h == norm(section) for b in bs]
                if norm(section) not in d.headings():
                    errors.append("%s: %r is not a heading of %s" % (where, section, dname))
                    continue
                t = norm(text)
                if not any(t in b for b in blocks):
                    in_section = t in norm(" ".join(blocks))
                    in_doc = t in d.full_text()
                    errors.append("%s: text %r not inside one block of %s › %s%s" % (
                        where, text, dname, section,
                        " (spans blocks)" if in_section else
                        " (found elsewhere in the document)" if in_doc else ""))
        elif expect:
            errors.append("%s: %s item must not have expect" % (where, kind))

        if kind == "probe":
            spans = re.findall(r"`([^`]+)`", str(item.get("why", "")))
            if not spans:
                errors.append("%s: probe why has no `backticked` span" % where)
            for span in spans:
                s = norm(span).lower()
                in_internal = [nm for nm, tx in internal_text.items() if s in tx]
                in_public = [nm for nm, tx in public_text.items() if s in tx]
                if not in_internal:
                    errors.append("%s: probe span %r not in any internal document" % (where, span))
                if in_public:
                    errors.append("%s: probe span %r also in public %s" % (where, span, in_public))

    for kind, want in EXPECTED_COUNTS.items():
        if counts[kind] != want:
            errors.append("kind %s: %d items, expected %d" % (kind, counts[kind], want))

    print("library: %d documents (%d public, %d internal)" % (len(docs), len(public), len(internal)))
    for d in docs.values():
        words = len(d.full_text().split())
        print("  %-55s %-8s %5d words, %2d sections" % (d.name, d.audience, words, len(d.headings())))
    print("questions: %d  " % len(items) + ", ".join("%s %d" % (k, counts[k]) for k in EXPECTED_COUNTS))
    if errors:
        print("\n%d problem(s):" % len(errors))
        for e in errors:
            print("  -", e)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
