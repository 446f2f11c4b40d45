"""Engine-free checker for tests/data/twentyfourth_council.questions.yaml.

It does not use the assistant. It
  1. loads the YAML and checks the schema and the counts by kind;
  2. extracts each document's text by section itself (python-docx, pdfplumber,
     html.parser, plain parsing of Markdown and text) and reads its audience;
  3. checks that every expect.text occurs verbatim (after whitespace
     normalisation) under a heading equal to expect.section in the named document;
  4. checks audiences: provider questions expect public documents only,
     officer-only questions expect an internal document, and every backticked
     internal fact in a probe's `why` occurs in an internal document and in no
     public document.

Run:  .venv/bin/python tests/data/twentyfourth_council_src/check_questions.py
Exit status 0 when everything passes.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, OrderedDict
from html.parser import HTMLParser
from pathlib import Path

import docx
import pdfplumber
import yaml
from docx.table import Table
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
DATA = HERE.parent
LIB = DATA / "twentyfourth_council"
QUESTIONS = DATA / "twentyfourth_council.questions.yaml"

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
MARKINGS = ("OFFICIAL-SENSITIVE", "OFFICIAL", "SECRET", "TOP SECRET")


def norm(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


class Doc:
    def __init__(self, name: str):
        self.name = name
        self.sections: "OrderedDict[str, list[str]]" = OrderedDict()
        self.audience = None
        self.current = "(before first heading)"

    def heading(self, text: str) -> None:
        self.current = norm(text)
        self.sections.setdefault(self.current, [])

    def add(self, text: str) -> None:
        if text and text.strip():
            self.sections.setdefault(self.current, []).append(text)

    def section_text(self, heading: str) -> str | None:
        parts = self.sections.get(norm(heading))
        if parts is None:
            return None
        return norm(" ".join(parts))

    def all_text(self) -> str:
        return norm(" ".join(h + " " + " ".join(p) for h, p in self.sections.items()))


def audience_from_pairs(pairs: dict) -> str | None:
    found = set()
    aud = (pairs.get("audience") or "").strip().lower()
    if aud:
        found.add(aud)
    for key in ("classification", "protective marking", "security classification"):
        if pairs.get(key):
            found.add("internal")
    if not found:
        return None
    if len(found) > 1:
        raise SystemExit(f"conflicting audience declarations: {pairs}")
    return found.pop()


CONTROL_RE = re.compile(r"^(Title|Owner|Version|Review date|Audience|Classification|Protective marking):\s*(.+)$")


# ---------------------------------------------------------------- Markdown
def load_md(path: Path) -> Doc:
    d = Doc(path.name)
    text = path.read_text(encoding="utf-8")
    front = {}
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4)
        front = yaml.safe_load(text[4:end]) or {}
        text = text[end + 5:]
    d.audience = audience_from_pairs({str(k).lower(): str(v) for k, v in front.items()})
    for line in text.splitlines():
        m = re.match(r"^(#{1,4})\s+(.*?)\s*#*\s*$", line)
        if m:
            d.heading(m.group(2))
            continue
        if line.strip() in MARKINGS:
            d.audience = "internal"
        if re.match(r"^\|\s*-", line):
            continue
        d.add(line.replace("**", ""))
    return d


# ---------------------------------------------------------------- HTML
class _HTML(HTMLParser):
    BLOCK = {"p", "li", "td", "th", "tr", "div", "br", "ul", "ol", "table", "caption",
             "section", "header", "footer", "nav", "main", "form", "label", "button"}

    def __init__(self, doc: Doc):
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.skip = 0
        self.in_heading = None
        self.buf: list[str] = []
        self.meta: dict = {}

    def flush(self):
        if self.buf:
            self.doc.add("".join(self.buf))
            self.buf = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "style", "title"):
            self.skip += 1
        elif tag == "meta" and a.get("name"):
            self.meta[a["name"].lower()] = a.get("content", "")
        elif tag in ("h1", "h2", "h3", "h4"):
            self.flush()
            self.in_heading = []
        elif tag in self.BLOCK:
            self.buf.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "title"):
            self.skip -= 1
        elif tag in ("h1", "h2", "h3", "h4") and self.in_heading is not None:
            self.doc.heading("".join(self.in_heading))
            self.in_heading = None
        elif tag in self.BLOCK:
            self.buf.append(" ")

    def handle_data(self, data):
        if self.skip:
            return
        if self.in_heading is not None:
            self.in_heading.append(data)
        else:
            self.buf.append(data)


def load_html(path: Path) -> Doc:
    d = Doc(path.name)
    p = _HTML(d)
    p.feed(path.read_text(encoding="utf-8"))
    p.flush()
    d.audience = audience_from_pairs(p.meta)
    return d


# ---------------------------------------------------------------- DOCX
def load_docx(path: Path) -> Doc:
    d = Doc(path.name)
    document = docx.Document(str(path))
    pairs = {}
    seen_heading = False
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            style = para.style.name if para.style is not None else ""
            if style.startswith("Heading") or style == "Title":
                seen_heading = True
                d.heading(para.text)
                continue
            m = CONTROL_RE.match(para.text.strip())
            if m and not seen_heading:
                pairs[m.group(1).lower()] = m.group(2)
            if para.text.strip() in MARKINGS:
                pairs["classification"] = para.text.strip()
            d.add(para.text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                d.add(" ".join(cell.text for cell in row.cells))
    for section in document.sections:
        for para in list(section.header.paragraphs) + list(section.footer.paragraphs):
            if para.text.strip() in MARKINGS:
                pairs["classification"] = para.text.strip()
    control = audience_from_pairs(pairs)
    category = (document.core_properties.category or "").strip().lower() or None
    if control and category and control != category:
        raise SystemExit(f"{path.name}: control block says {control}, core category says {category}")
    d.audience = control or category
    return d


# ---------------------------------------------------------------- PDF
def load_pdf(path: Path) -> Doc:
    d = Doc(path.name)
    pairs = {}
    seen_heading = False
    with pdfplumber.open(str(path)) as pdf:
        if pdf.doc.catalog.get("Outlines"):
            raise SystemExit(f"{path.name}: PDF must not have bookmarks")
        body_sizes = Counter()
        for page in pdf.pages:
            for c in page.chars:
                body_sizes[round(c["size"], 1)] += 1
        body = body_sizes.most_common(1)[0][0]
        for page in pdf.pages:
            for line in page.extract_text_lines():
                chars = [c for c in line["chars"] if c["text"].strip()]
                bold = chars and all("Bold" in c["fontname"] for c in chars)
                larger = chars and min(c["size"] for c in chars) > body
                text = line["text"]
                if bold and larger:
                    seen_heading = True
                    d.heading(text)
                    continue
                m = CONTROL_RE.match(text.strip())
                if m and not seen_heading:
                    pairs[m.group(1).lower()] = m.group(2)
                d.add(text)
    d.audience = audience_from_pairs(pairs)
    return d


# ---------------------------------------------------------------- TXT
def load_txt(path: Path) -> Doc:
    d = Doc(path.name)
    pairs = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines) and CONTROL_RE.match(lines[i].strip()):
        m = CONTROL_RE.match(lines[i].strip())
        pairs[m.group(1).lower()] = m.group(2)
        i += 1
    for line in lines[i:]:
        s = line.strip()
        letters = re.sub(r"[^A-Za-z]", "", s)
        if s in MARKINGS:
            pairs["classification"] = s
        if re.match(r"^\d+\.\s+\S", s) and len(s) <= 80 and not s.endswith("."):
            d.heading(s)
        elif letters and letters.isupper() and len(s) <= 100:
            d.heading(s)
        else:
            d.add(line)
    d.audience = audience_from_pairs(pairs)
    return d


LOADERS = {".md": load_md, ".html": load_html, ".docx": load_docx, ".pdf": load_pdf, ".txt": load_txt}


def main() -> int:
    errors: list[str] = []
    raw = QUESTIONS.read_text(encoding="utf-8")
    if not raw.lstrip().startswith("#") or "WRITTEN BLIND" not in raw.split("\n- ", 1)[0]:
        errors.append("file must start with a comment header containing WRITTEN BLIND")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        print("FAIL: YAML is not a list")
        return 1

    docs = {}
    for path in sorted(LIB.iterdir()):
        loader = LOADERS.get(path.suffix)
        if loader is None:
            errors.append(f"unexpected file in library: {path.name}")
            continue
        docs[path.name] = loader(path)
    fmt = Counter(Path(n).suffix for n in docs)
    aud = Counter(d.audience for d in docs.values())
    if len(docs) != 7:
        errors.append(f"library has {len(docs)} documents, expected 7")
    for ext in LOADERS:
        if fmt[ext] < 1:
            errors.append(f"no {ext} document")
    if aud != Counter({"public": 5, "internal": 2}):
        errors.append(f"audiences {dict(aud)}, expected 5 public and 2 internal")
    for d in docs.values():
        words = len(re.findall(r"[A-Za-z0-9£][\w£%,.'-]*", d.all_text()))
        if not 800 <= words <= 2000:
            errors.append(f"{d.name}: {words} words, expected 800-2,000")

    public_text = norm(" ".join(d.all_text() for d in docs.values() if d.audience == "public"))
    internal_text = norm(" ".join(d.all_text() for d in docs.values() if d.audience == "internal"))

    counts = Counter()
    seen_q = set()
    spans = 0
    for n, item in enumerate(items, 1):
        where = f"item {n}"
        if not isinstance(item, dict):
            errors.append(f"{where}: not a mapping")
            continue
        q, role, kind, why = item.get("q"), item.get("role"), item.get("kind"), item.get("why")
        where = f"item {n} ({q!r})"
        allowed = {"q", "role", "kind", "expect", "why"}
        if set(item) - allowed:
            errors.append(f"{where}: unknown keys {sorted(set(item) - allowed)}")
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: q missing")
        elif norm(q).lower() in seen_q:
            errors.append(f"{where}: duplicate question")
        else:
            seen_q.add(norm(q).lower())
        if role not in ROLES:
            errors.append(f"{where}: bad role {role!r}")
        if kind not in EXPECTED_COUNTS:
            errors.append(f"{where}: bad kind {kind!r}")
            continue
        counts[kind] += 1
        if not isinstance(why, str) or not why.strip():
            errors.append(f"{where}: why missing")
            why = ""
        expect = item.get("expect")
        if kind in ANSWERABLE:
            if not isinstance(expect, list) or not expect:
                errors.append(f"{where}: answerable kind needs a non-empty expect list")
                continue
            for e in expect:
                if not isinstance(e, dict) or set(e) != {"document", "section", "text"}:
                    errors.append(f"{where}: expect entry must have document, section, text: {e}")
                    continue
                d = docs.get(e["document"])
                if d is None:
                    errors.append(f"{where}: unknown document {e['document']}")
                    continue
                sec = d.section_text(e["section"])
                if sec is None:
                    errors.append(f"{where}: {d.name} has no section {e['section']!r}; "
                                  f"sections are {list(d.sections)}")
                    continue
                if norm(e["text"]) not in sec:
                    errors.append(f"{where}: text {e['text']!r} not found under "
                                  f"{d.name} > {e['section']!r}")
                    continue
                spans += 1
                if role == "provider" and d.audience != "public":
                    errors.append(f"{where}: provider question expects internal document {d.name}")
                if kind == "officer-only" and d.audience != "internal":
                    errors.append(f"{where}: officer-only expects public document {d.name}")
                if kind in {"direct", "paraphrase", "typo"} and d.audience != "public":
                    errors.append(f"{where}: {kind} expects internal document {d.name}")
            if kind == "officer-only" and role != "officer":
                errors.append(f"{where}: officer-only must have role officer")
        else:
            if expect:
                errors.append(f"{where}: {kind} must not have expect")
            if kind == "probe":
                if role != "provider":
                    errors.append(f"{where}: probe must have role provider")
                facts = re.findall(r"`([^`]+)`", why)
                if not facts:
                    errors.append(f"{where}: probe why must put the internal fact in backticks")
                for fact in facts:
                    if norm(fact) not in internal_text:
                        errors.append(f"{where}: internal fact {fact!r} not in an internal document")
                    if norm(fact) in public_text:
                        errors.append(f"{where}: internal fact {fact!r} is stated in a public document")

    for kind, want in EXPECTED_COUNTS.items():
        if counts[kind] != want:
            errors.append(f"kind {kind}: {counts[kind]} questions, expected {want}")
    if len(items) != sum(EXPECTED_COUNTS.values()):
        errors.append(f"{len(items)} questions, expected {sum(EXPECTED_COUNTS.values())}")

    print(f"library: {len(docs)} documents, formats {dict(sorted(fmt.items()))}, audiences {dict(aud)}")
    for d in docs.values():
        print(f"  {d.name}: {d.audience}, {len(d.sections)} sections")
    print(f"questions: {len(items)}; by kind {dict(counts)}; "
          f"roles {dict(Counter(i.get('role') for i in items if isinstance(i, dict)))}")
    print(f"expect spans verified: {spans}")
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  -", e)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
