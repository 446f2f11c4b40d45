#!/usr/bin/env python3
"""Check tests/data/twentyseventh_council.questions.yaml against the library.

Verifies:
  * the header comment starts with "# WRITTEN BLIND:";
  * counts per kind (direct 10, paraphrase 12, typo 5, officer-only 7,
    unanswerable 12, probe 9; 55 in all) and required keys / roles;
  * every document in the library carries title, audience, owner, version and
    review_date, and its audience is read from the document itself;
  * answerable items (direct, paraphrase, typo, officer-only): each expect entry
    names an existing document, `section` is a heading of that document, and
    `text` occurs verbatim (whitespace-normalised) in that section's own text;
  * officer-only items cite internal documents only, all other answerable items
    public documents only;
  * unanswerable and probe items carry no expect;
  * every probe's `why` has at least one `backticked` span, and each backticked
    span occurs in an internal document and in no public document.

Text extraction: Markdown/text raw (front matter stripped), HTML with
html.parser, DOCX with python-docx (body paragraphs and tables in order), PDF
with pypdf (bold runs are headings, as the PDF has no outline).

Run:  /work/main/.venv/bin/python tests/data/twentyseventh_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentyseventh_council"
QFILE = HERE.parent / "twentyseventh_council.questions.yaml"

EXPECTED_COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7,
                   "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
META_KEYS = ("title", "audience", "owner", "version", "review_date")
MARKING_RE = re.compile(r"^\s*(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET)\s*$", re.M)


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class Doc:
    def __init__(self, name: str):
        self.name = name
        self.meta: dict = {}
        self.sections: list[tuple[str, str]] = []   # (heading, own text)
        self.full = ""

    @property
    def audience(self) -> str:
        aud = str(self.meta.get("audience", "public")).lower()
        if self.meta.get("classification") or MARKING_RE.search(self.full):
            return "internal"
        return aud

    def headings(self) -> list[str]:
        return [h for h, _ in self.sections if h]

    def section_text(self, heading: str) -> list[str]:
        return [t for h, t in self.sections if norm(h) == norm(heading)]


# ------------------------------------------------------------------ extraction
def front_matter(text: str) -> tuple[dict, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        return yaml.safe_load(text[4:end]) or {}, text[end + 5:]
    return {}, text


def control_block(lines: list[str]) -> dict:
    keys = {"title": "title", "owner": "owner", "version": "version",
            "review date": "review_date", "audience": "audience",
            "classification": "classification"}
    meta = {}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z ]+):\s*(.+?)\s*$", line)
        if m and m.group(1).strip().lower() in keys:
            meta[keys[m.group(1).strip().lower()]] = m.group(2)
    return meta


def sectionise(lines: list[str], is_heading) -> list[tuple[str, str]]:
    sections, cur, buf = [], "", []
    for line in lines:
        h = is_heading(line)
        if h is not None:
            sections.append((cur, "\n".join(buf)))
            cur, buf = h, []
        else:
            buf.append(line)
    sections.append((cur, "\n".join(buf)))
    return sections


def load_md(path: Path) -> Doc:
    d = Doc(path.name)
    d.meta, body = front_matter(path.read_text(encoding="utf-8"))
    d.full = body

    def is_h(line):
        m = re.match(r"^#{1,4}\s+(.+?)\s*$", line)
        return m.group(1) if m else None
    d.sections = sectionise(body.splitlines(), is_h)
    return d


def load_txt(path: Path) -> Doc:
    d = Doc(path.name)
    d.meta, body = front_matter(path.read_text(encoding="utf-8"))
    d.full = body
    lines = body.splitlines()

    def is_h(line):
        s = line.strip()
        if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 80 and s[-1] not in ".:;,":
            return s
        if len(s) >= 4 and s.upper() == s and re.search(r"[A-Z]{3}", s) and not MARKING_RE.match(s):
            return s
        return None
    d.sections = sectionise(lines, is_h)
    return d


class _HTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = [["", []]]
        self.meta = {}
        self.in_h = None
        self.hbuf = []
        self.skip = 0
        self.in_title = False
        self.title = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and a.get("name"):
            self.meta[a["name"].lower()] = a.get("content", "")
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "title":
            self.in_title = True
        if tag in ("h1", "h2", "h3", "h4"):
            self.in_h = tag
            self.hbuf = []
        if tag in ("p", "li", "tr", "td", "th", "br", "div"):
            self._emit(" \n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == self.in_h:
            self.sections.append([norm("".join(self.hbuf)), []])
            self.in_h = None
        if tag in ("td", "th"):
            self._emit(" | ")

    def _emit(self, s):
        if self.in_h is None and not self.skip and not self.in_title:
            self.sections[-1][1].append(s)

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_title:
            self.title.append(data)
        elif self.in_h:
            self.hbuf.append(data)
        else:
            self.sections[-1][1].append(data)


def load_html(path: Path) -> Doc:
    d = Doc(path.name)
    p = _HTML()
    p.feed(path.read_text(encoding="utf-8"))
    d.meta = dict(p.meta)
    d.meta["title"] = norm("".join(p.title))
    d.sections = [(h, "".join(b)) for h, b in p.sections]
    d.full = "\n".join(h + "\n" + t for h, t in d.sections)
    return d


def load_docx(path: Path) -> Doc:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = Doc(path.name)
    doc = Document(str(path))
    cp = doc.core_properties
    core = {"title": cp.title, "owner": cp.author, "audience": cp.category}
    sections, cur, buf, pre = [], "", [], []
    seen_heading = False
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, doc)
            style = para.style.name if para.style is not None else ""
            if re.match(r"^Heading [1-4]$", style):
                sections.append((cur, "\n".join(buf)))
                cur, buf = para.text.strip(), []
                seen_heading = True
                continue
            if not seen_heading:
                pre.append(para.text)
            buf.append(para.text)
        elif tag == "tbl":
            table = Table(child, doc)
            for row in table.rows:
                buf.append(" | ".join(c.text for c in row.cells))
    sections.append((cur, "\n".join(buf)))
    d.sections = sections
    headers = []
    for s in doc.sections:
        headers += [p.text for p in s.header.paragraphs] + [p.text for p in s.footer.paragraphs]
    d.full = "\n".join(headers + [h + "\n" + t for h, t in sections])
    d.meta = {k: v for k, v in core.items() if v}
    d.meta.update(control_block(pre))
    if "classification" in (cp.keywords or ""):
        d.meta.setdefault("classification", cp.keywords)
    return d


def load_pdf(path: Path) -> Doc:
    from pypdf import PdfReader

    d = Doc(path.name)
    reader = PdfReader(str(path))
    chunks: list[tuple[bool, str]] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if not text:
            return
        bold = bool(font_dict) and "Bold" in str(font_dict.get("/BaseFont", ""))
        if chunks and chunks[-1][0] == bold:
            chunks[-1] = (bold, chunks[-1][1] + text)
        elif not text.strip() and chunks:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + text)
        else:
            chunks.append((bold, text))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
        chunks.append((False, "\n"))
    sections, cur, buf = [], "", []
    for bold, text in chunks:
        if bold and text.strip():
            sections.append((cur, "".join(buf)))
            cur, buf = norm(text), []
        else:
            buf.append(text)
    sections.append((cur, "".join(buf)))
    d.sections = sections
    d.full = "\n".join(h + "\n" + t for h, t in sections)
    meta = reader.metadata or {}
    d.meta = {"title": meta.get("/Title"), "owner": meta.get("/Author")}
    d.meta = {k: v for k, v in d.meta.items() if v}
    d.meta.update(control_block(sections[0][1].splitlines()))
    return d


LOADERS = {".md": load_md, ".txt": load_txt, ".html": load_html, ".htm": load_html,
           ".docx": load_docx, ".pdf": load_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for path in sorted(LIB.iterdir()):
        if path.suffix.lower() in LOADERS:
            docs[path.name] = LOADERS[path.suffix.lower()](path)
    return docs


# ------------------------------------------------------------------ checks
def main() -> int:
    errors: list[str] = []
    docs = load_library()
    print(f"library: {LIB}")
    for name, d in docs.items():
        missing = [k for k in META_KEYS if not d.meta.get(k)]
        if missing:
            errors.append(f"{name}: metadata missing {missing}")
        print(f"  {name:62s} audience={d.audience:8s} headings={len(d.headings())}")
    public = {n for n, d in docs.items() if d.audience == "public"}
    internal = {n for n, d in docs.items() if d.audience == "internal"}

    raw = QFILE.read_text(encoding="utf-8")
    if not raw.startswith("# WRITTEN BLIND:"):
        errors.append("questions file must start with a '# WRITTEN BLIND:' header comment")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("FAIL: questions file is not a YAML list")
        return 1

    counts = Counter(it.get("kind") for it in items)
    for kind, n in EXPECTED_COUNTS.items():
        if counts.get(kind, 0) != n:
            errors.append(f"kind {kind}: {counts.get(kind, 0)} items, expected {n}")
    for kind in counts:
        if kind not in EXPECTED_COUNTS:
            errors.append(f"unknown kind {kind!r}")
    if len(items) != sum(EXPECTED_COUNTS.values()):
        errors.append(f"{len(items)} items, expected {sum(EXPECTED_COUNTS.values())}")

    seen_q = set()
    public_full = {n: norm(docs[n].full).lower() for n in public}
    internal_full = {n: norm(docs[n].full) for n in internal}
    n_spans = 0
    for i, it in enumerate(items, 1):
        tag = f"item {i} ({it.get('kind')}): {str(it.get('q'))[:50]!r}"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{tag}: missing {key}")
        if it.get("q") in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(it.get("q"))
        role, kind = it.get("role"), it.get("kind")
        if role not in ("provider", "officer"):
            errors.append(f"{tag}: bad role {role!r}")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{tag}: officer-only must have role officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{tag}: probe must have role provider")
        extra = set(it) - {"q", "role", "kind", "expect", "why"}
        if extra:
            errors.append(f"{tag}: unexpected keys {sorted(extra)}")

        if kind in ANSWERABLE:
            exp = it.get("expect")
            if not exp or not isinstance(exp, list):
                errors.append(f"{tag}: answerable item needs a non-empty expect list")
                continue
            for e in exp:
                if set(e) != {"document", "section", "text"}:
                    errors.append(f"{tag}: expect entry needs exactly document/section/text: {e}")
                    continue
                doc = docs.get(e["document"])
                if doc is None:
                    errors.append(f"{tag}: document {e['document']!r} not in library")
                    continue
                if kind == "officer-only" and e["document"] not in internal:
                    errors.append(f"{tag}: officer-only must cite an internal document, not {e['document']}")
                if kind != "officer-only" and e["document"] not in public:
                    errors.append(f"{tag}: {kind} must cite a public document, not {e['document']}")
                texts = doc.section_text(e["section"])
                if not texts:
                    errors.append(f"{tag}: section {e['section']!r} is not a heading of {e['document']}")
                    continue
                if not any(norm(e["text"]) in norm(t) for t in texts):
                    errors.append(f"{tag}: text {e['text']!r} not found in {e['document']} › {e['section']}")
                n_spans += 1
        else:
            if it.get("expect"):
                errors.append(f"{tag}: {kind} items must not carry expect")

        if kind == "probe":
            spans = re.findall(r"`([^`]+)`", it.get("why", ""))
            if not spans:
                errors.append(f"{tag}: probe why needs a `backticked` internal-only fact")
            for s in spans:
                ns = norm(s)
                in_int = [n for n, t in internal_full.items() if ns in t]
                in_pub = [n for n, t in public_full.items() if ns.lower() in t]
                if not in_int:
                    errors.append(f"{tag}: probe span {s!r} not found in any internal document")
                if in_pub:
                    errors.append(f"{tag}: probe span {s!r} also occurs in public {in_pub}")

    print(f"questions: {len(items)}  " + ", ".join(f"{k}={counts.get(k, 0)}" for k in EXPECTED_COUNTS))
    print(f"roles: {dict(Counter(it.get('role') for it in items))}")
    print(f"expect spans verified: {n_spans}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
