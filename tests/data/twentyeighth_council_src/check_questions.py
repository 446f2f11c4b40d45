#!/usr/bin/env python3
"""Check tests/data/twentyeighth_council.questions.yaml against the library it was written for.

Checks:
  * the file starts with a "# WRITTEN BLIND:" header comment;
  * counts per kind (direct 10, paraphrase 12, typo 5, officer-only 7, unanswerable 12, probe 9);
  * required keys and allowed values; officer-only items are role officer, probes role provider;
  * answerable items (direct, paraphrase, typo, officer-only): every expect entry names a document
    in the library, a section that is a heading of that document, and a text that occurs verbatim
    (whitespace-normalised) inside that section. Markdown / text are read raw, HTML with
    html.parser, DOCX with python-docx (tables included), PDF with pypdf (headings = bold lines);
  * officer-only items cite internal documents only; direct / paraphrase / typo cite public only;
  * every probe's `why` has at least one `backticked` span and every backticked span occurs in an
    internal document and in no public document (case-insensitive);
  * each document's audience is read from the document itself (front matter, meta tags,
    control block, core properties, keywords, header, protective markings).

Run: /work/main/.venv/bin/python check_questions.py   (exit code 0 = pass)
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentyeighth_council"
QFILE = HERE.parent / "twentyeighth_council.questions.yaml"

EXPECTED_COUNTS = {
    "direct": 10,
    "paraphrase": 12,
    "typo": 5,
    "officer-only": 7,
    "unanswerable": 12,
    "probe": 9,
}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
ROLES = {"provider", "officer"}
MARKING_RE = re.compile(r"^\s*(OFFICIAL(-SENSITIVE)?|SECRET|TOP SECRET|OFFICIAL – internal)\s*$")


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


class Doc:
    def __init__(self, name: str):
        self.name = name
        self.sections: list[tuple[str, str]] = []  # (heading, text)
        self.meta: dict = {}
        self.markings: list[str] = []
        self.full = ""

    @property
    def audience(self) -> str:
        vals = []
        for key in ("audience", "category"):
            v = self.meta.get(key)
            if v:
                vals.append(str(v).strip().lower())
        for key in ("classification", "protective marking", "security classification"):
            if self.meta.get(key):
                vals.append("internal")
        kw = str(self.meta.get("keywords", "")).lower()
        m = re.search(r"audience:\s*(\w+)", kw)
        if m:
            vals.append(m.group(1))
        if "classification:" in kw:
            vals.append("internal")
        if self.markings:
            vals.append("internal")
        return "internal" if "internal" in vals else "public"

    def headings(self):
        return [h for h, _ in self.sections]

    def section_texts(self, heading: str):
        return [t for h, t in self.sections if h == heading]


def front_matter(text: str):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    meta = yaml.safe_load(m.group(1)) or {}
    return {str(k).lower(): v for k, v in meta.items()}, text[m.end():]


def control_block(lines: list[str]) -> dict:
    meta = {}
    keymap = {"title": "title", "owner": "owner", "version": "version", "review date": "review_date",
              "audience": "audience", "classification": "classification",
              "protective marking": "protective marking",
              "security classification": "security classification"}
    for line in lines:
        m = re.match(r"^\s*([A-Za-z ]+):\s*(.+)$", line)
        if not m or m.group(1).strip().lower() not in keymap:
            if meta:
                break
            continue
        meta[keymap[m.group(1).strip().lower()]] = m.group(2).strip()
    return meta


# ---------------------------------------------------------------- Markdown
def load_md(path: Path) -> Doc:
    d = Doc(path.name)
    meta, body = front_matter(path.read_text(encoding="utf-8"))
    d.meta.update(meta)
    cur_h, buf = None, []
    for line in body.splitlines():
        if MARKING_RE.match(line):
            d.markings.append(line.strip())
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            if cur_h is not None:
                d.sections.append((cur_h, norm("\n".join(buf))))
            cur_h, buf = m.group(2).strip(), []
        else:
            buf.append(line)
    if cur_h is not None:
        d.sections.append((cur_h, norm("\n".join(buf))))
    d.full = norm(body)
    return d


# -------------------------------------------------------------------- Text
def is_txt_heading(line: str, nxt: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if re.match(r"^(=|-){3,}\s*$", nxt.strip() or "x"):
        return True
    if re.match(r"^\d+(\.\d+)*\.?\s+\S", s) and len(s) <= 70 and not s.endswith("."):
        return True
    letters = [c for c in s if c.isalpha()]
    if letters and s == s.upper() and len(s) <= 80:
        return True
    return False


def load_txt(path: Path) -> Doc:
    d = Doc(path.name)
    meta, body = front_matter(path.read_text(encoding="utf-8"))
    lines = body.splitlines()
    if not meta:
        meta = control_block(lines)
    d.meta.update(meta)
    cur_h, buf = None, []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if MARKING_RE.match(line):
            d.markings.append(line.strip())
        if re.match(r"^(=|-){3,}\s*$", line.strip() or "x"):
            continue
        if is_txt_heading(line, nxt):
            if cur_h is not None:
                d.sections.append((cur_h, norm("\n".join(buf))))
            cur_h, buf = line.strip(), []
        else:
            buf.append(line)
    if cur_h is not None:
        d.sections.append((cur_h, norm("\n".join(buf))))
    d.full = norm(body)
    return d


# -------------------------------------------------------------------- HTML
class _HTML(HTMLParser):
    BLOCK = {"p", "li", "td", "th", "tr", "div", "br", "table", "section", "h5", "h6"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.title = ""
        self.sections: list[list] = []  # [heading, [text]]
        self.pre: list[str] = []
        self.in_h = None
        self.h_buf: list[str] = []
        self.skip = 0
        self.in_title = False
        self.all: list[str] = []

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
            self.h_buf = []
        elif tag in self.BLOCK:
            self._text(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "title":
            self.in_title = False
        if tag == self.in_h:
            self.sections.append([norm("".join(self.h_buf)), []])
            self.in_h = None
        elif tag in self.BLOCK:
            self._text(" ")

    def _text(self, data):
        if self.sections:
            self.sections[-1][1].append(data)
        else:
            self.pre.append(data)

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_title:
            self.title += data
            return
        self.all.append(data)
        if self.in_h:
            self.h_buf.append(data)
        else:
            self._text(data)


def load_html(path: Path) -> Doc:
    d = Doc(path.name)
    p = _HTML()
    p.feed(path.read_text(encoding="utf-8"))
    d.meta.update(p.meta)
    d.meta["title"] = norm(p.title)
    for h, buf in p.sections:
        d.sections.append((h, norm("".join(buf))))
    for chunk in p.all:
        for line in chunk.splitlines():
            if MARKING_RE.match(line):
                d.markings.append(line.strip())
    d.full = norm(" ".join(p.all))
    return d


# -------------------------------------------------------------------- DOCX
def load_docx(path: Path) -> Doc:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = Doc(path.name)
    document = docx.Document(str(path))
    cp = document.core_properties
    core = {"title": cp.title, "owner": cp.author, "category": cp.category,
            "keywords": cp.keywords, "subject": cp.subject}
    d.meta.update({k: v for k, v in core.items() if v})
    for sec in document.sections:
        for part in (sec.header, sec.footer):
            for para in part.paragraphs:
                if MARKING_RE.match(para.text):
                    d.markings.append(para.text.strip())

    pre_lines, all_text = [], []
    cur_h, buf = None, []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            all_text.append(text)
            if MARKING_RE.match(text):
                d.markings.append(text.strip())
            style = para.style.name if para.style is not None else ""
            if re.match(r"^Heading [1-4]$", style):
                if cur_h is not None:
                    d.sections.append((cur_h, norm("\n".join(buf))))
                cur_h, buf = text.strip(), []
            elif cur_h is None:
                pre_lines.append(text)
            else:
                buf.append(text)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [" | ".join(c.text for c in row.cells) for row in table.rows]
            all_text.extend(rows)
            (buf if cur_h is not None else pre_lines).extend(rows)
    if cur_h is not None:
        d.sections.append((cur_h, norm("\n".join(buf))))
    d.meta.update({k: v for k, v in control_block(pre_lines).items()})  # control block wins
    d.full = norm("\n".join(all_text))
    return d


# --------------------------------------------------------------------- PDF
def load_pdf(path: Path) -> Doc:
    from pypdf import PdfReader

    d = Doc(path.name)
    reader = PdfReader(str(path))
    info = reader.metadata or {}
    d.meta.update({"title": info.get("/Title"), "owner": info.get("/Author"),
                   "subject": info.get("/Subject"), "keywords": info.get("/Keywords")})
    d.meta = {k: v for k, v in d.meta.items() if v}

    frags: list[tuple[str, bool]] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if font_dict is None:
            bold = False
        else:
            bold = "bold" in str(font_dict.get("/BaseFont", "")).lower()
        frags.append((text, bold))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
        frags.append(("\n", False))

    pre, cur_h, h_buf, buf = [], None, [], []
    in_heading = False
    for text, bold in frags:
        if not text.strip():
            (h_buf if in_heading else (buf if cur_h is not None else pre)).append(" ")
            continue
        if bold:
            if not in_heading:
                if cur_h is not None:
                    d.sections.append((cur_h, norm(" ".join(buf))))
                in_heading, h_buf, buf = True, [], []
            h_buf.append(text)
        else:
            if in_heading:
                cur_h, in_heading = norm(" ".join(h_buf)), False
            (buf if cur_h is not None else pre).append(text)
    if in_heading:
        cur_h = norm(" ".join(h_buf))
    if cur_h is not None:
        d.sections.append((cur_h, norm(" ".join(buf))))

    plain = "\n".join(p.extract_text() for p in reader.pages)
    for line in plain.splitlines():
        if MARKING_RE.match(line):
            d.markings.append(line.strip())
    d.meta.update(control_block(plain.splitlines()))  # control block wins
    d.full = norm(plain)
    return d


LOADERS = {".md": load_md, ".txt": load_txt, ".html": load_html, ".htm": load_html,
           ".docx": load_docx, ".pdf": load_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for path in sorted(LIB.iterdir()):
        loader = LOADERS.get(path.suffix.lower())
        if loader:
            docs[path.name] = loader(path)
    return docs


def main() -> int:
    errors: list[str] = []
    docs = load_library()
    public = {n: d for n, d in docs.items() if d.audience == "public"}
    internal = {n: d for n, d in docs.items() if d.audience == "internal"}

    print(f"Library: {LIB}")
    for n, d in docs.items():
        missing = [k for k in ("title", "owner", "version", "review_date") if not d.meta.get(k)
                   and not (k == "version" and "version" in str(d.meta.get("subject", "")))]
        print(f"  {n:45s} {d.audience:8s} sections={len(d.sections):2d}"
              + (f"  MISSING META {missing}" if missing else ""))
        if missing:
            errors.append(f"{n}: missing metadata {missing}")
        if not (4 <= len(d.sections)):
            errors.append(f"{n}: only {len(d.sections)} sections")

    raw = QFILE.read_text(encoding="utf-8")
    if not raw.lstrip().startswith("# WRITTEN BLIND:"):
        errors.append("questions file does not start with '# WRITTEN BLIND:' header comment")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("FAIL: questions file is not a YAML list")
        return 1

    counts = Counter(it.get("kind") for it in items if isinstance(it, dict))
    for kind, n in EXPECTED_COUNTS.items():
        if counts.get(kind, 0) != n:
            errors.append(f"kind {kind}: expected {n}, found {counts.get(kind, 0)}")
    for kind in counts:
        if kind not in EXPECTED_COUNTS:
            errors.append(f"unknown kind {kind!r}")
    if len(items) != sum(EXPECTED_COUNTS.values()):
        errors.append(f"expected {sum(EXPECTED_COUNTS.values())} items, found {len(items)}")

    seen_q = set()
    n_expect = 0
    for i, it in enumerate(items, 1):
        tag = f"item {i}"
        if not isinstance(it, dict):
            errors.append(f"{tag}: not a mapping")
            continue
        tag = f"item {i} ({it.get('kind')}: {str(it.get('q'))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key) or not isinstance(it.get(key), str):
                errors.append(f"{tag}: missing or empty key {key!r}")
        if it.get("role") not in ROLES:
            errors.append(f"{tag}: role must be provider or officer")
        q = norm(str(it.get("q", ""))).lower()
        if q in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(q)
        kind = it.get("kind")
        if kind == "officer-only" and it.get("role") != "officer":
            errors.append(f"{tag}: officer-only item must have role officer")
        if kind == "probe" and it.get("role") != "provider":
            errors.append(f"{tag}: probe must have role provider")

        if kind in ANSWERABLE:
            exp = it.get("expect")
            if not isinstance(exp, list) or not exp:
                errors.append(f"{tag}: answerable item needs a non-empty expect list")
                continue
            for e in exp:
                n_expect += 1
                if not isinstance(e, dict) or not all(e.get(k) for k in ("document", "section", "text")):
                    errors.append(f"{tag}: expect entry needs document, section, text: {e}")
                    continue
                doc = docs.get(e["document"])
                if doc is None:
                    errors.append(f"{tag}: document {e['document']!r} not in library")
                    continue
                if kind == "officer-only" and doc.audience != "internal":
                    errors.append(f"{tag}: officer-only must cite an internal document, not {doc.name}")
                if kind != "officer-only" and doc.audience != "public":
                    errors.append(f"{tag}: {kind} must cite a public document, not {doc.name}")
                texts = doc.section_texts(str(e["section"]).strip())
                if not texts:
                    errors.append(f"{tag}: section {e['section']!r} is not a heading of {doc.name}")
                    continue
                want = norm(str(e["text"]))
                if not any(want in t for t in texts):
                    errors.append(f"{tag}: text {want!r} not found in {doc.name} › {e['section']}")
        else:
            if it.get("expect"):
                errors.append(f"{tag}: {kind} item must not carry expect")

        if kind == "probe":
            spans = re.findall(r"`([^`]+)`", str(it.get("why", "")))
            if not spans:
                errors.append(f"{tag}: probe why has no `backticked` internal fact")
            for span in spans:
                s = norm(span).lower()
                in_int = [n for n, d in internal.items() if s in d.full.lower()]
                in_pub = [n for n, d in public.items() if s in d.full.lower()]
                if not in_int:
                    errors.append(f"{tag}: backticked {span!r} not found in any internal document")
                if in_pub:
                    errors.append(f"{tag}: backticked {span!r} also occurs in public {in_pub}")

    print(f"Questions: {len(items)} items; kinds: "
          + ", ".join(f"{k}={counts.get(k, 0)}" for k in EXPECTED_COUNTS))
    print(f"Expect entries checked: {n_expect}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("PASS: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
