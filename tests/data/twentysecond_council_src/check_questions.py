"""Engine-free checker for tests/data/twentysecond_council.questions.yaml.

Reads the seven documents directly (plain text, Markdown, BeautifulSoup, python-docx, pdfplumber
and pypdf), splits each into units (paragraph, clause, list item, table row) under their headings,
and proves the question file sound:

  * every entry has exactly the keys q, role, kind, why (+ expect when answerable); counts per kind;
  * every expect text occurs (whitespace-normalised) in exactly one unit of its document, that unit
    sits under the section named, the text occurs only once in the whole document, and a table-row
    snippet stays inside one cell;
  * provider questions and direct/paraphrase/typo cite public documents only; officer-only
    questions are asked by officers and cite internal documents only;
  * unanswerable and probe entries carry no expect; probes are asked by providers, and every
    backticked fact in a probe's why occurs in an internal document and in no public one;
  * sanity: document audiences, word counts, no bookmarks in the PDF, no marking in public
    documents, and the labels the unanswerable questions lean on are absent from the library.

Exit 0 = pass.  Usage: .venv/bin/python tests/data/twentysecond_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pdfplumber
import pypdf
import yaml
from bs4 import BeautifulSoup

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "twentysecond_council"
QFILE = HERE.parent / "twentysecond_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKING = re.compile(r"^(OFFICIAL|OFFICIAL-SENSITIVE|SECRET|TOP SECRET|OFFICIAL\s*[–-]\s*internal)$")

# Labels/facts an unanswerable question leans on, which must be absent (None = whole library).
ABSENT = [
    ("Tier 4", None), ("Lot 6", None), ("coaches", None), ("coach route", None), ("half-term", None), ("half term", None),
    ("2028/29", None), ("Schools Forum", None), ("two-year", None), ("two year SLA", None),
    ("two-to-one", None), ("2:1", None), ("summer 2027", None), ("2027/28 hourly", None),
    ("employer's liability", "send-short-breaks-local-offer.pdf"),
]


def norm(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class Unit:
    section: str
    text: str
    cells: list[str] | None = None


@dataclass
class Doc:
    name: str
    audience: str = "public"
    units: list[Unit] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    fulltext: str = ""

    def add(self, section: str, text: str, cells: list[str] | None = None) -> None:
        text = norm(text)
        if text:
            self.units.append(Unit(norm(section), text, [norm(c) for c in cells] if cells else None))

    def heading(self, text: str) -> str:
        text = norm(text)
        self.headings.append(text)
        return text


def audience_of(meta: dict) -> str:
    aud = str(meta.get("audience", "public")).strip().lower()
    cls = str(meta.get("classification", "")).strip().upper()
    if aud == "internal" or cls.startswith(("OFFICIAL", "SECRET", "TOP SECRET")):
        return "internal"
    return "public"


# --------------------------------------------------------------------------- Markdown
def parse_md(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    doc = Doc(path.name, fulltext=norm(raw))
    meta = {}
    body = raw
    if raw.startswith("---\n"):
        end = raw.index("\n---\n", 4)
        meta = yaml.safe_load(raw[4:end]) or {}
        body = raw[end + 5:]
    doc.audience = audience_of(meta)
    section, para, table = "", [], []

    def flush():
        nonlocal para
        if para:
            doc.add(section, " ".join(para))
        para = []

    def flush_table():
        nonlocal table
        for row in table[2:]:  # header and separator rows are not clauses
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            doc.add(section, " | ".join(cells), cells)
        table = []

    for line in body.splitlines():
        s = line.strip()
        m = re.match(r"^(#{1,4})\s+(.*)$", s)
        if s.startswith("|"):
            flush()
            table.append(s)
            continue
        if table:
            flush_table()
        if m:
            flush()
            section = doc.heading(m.group(2))
        elif not s:
            flush()
        elif re.match(r"^([-*]|\d+\.)\s+", s) and not re.match(r"^\d+\.\d+", s):
            flush()
            doc.add(section, re.sub(r"^([-*]|\d+\.)\s+", "", s))
        else:
            para.append(s)
    flush()
    if table:
        flush_table()
    return doc


# --------------------------------------------------------------------------- plain text
def parse_txt(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    doc = Doc(path.name, fulltext=norm(raw))
    lines = raw.splitlines()
    meta, i = {}, 0
    while i < len(lines) and re.match(r"^[A-Z][A-Za-z ]+:\s", lines[i]):
        k, v = lines[i].split(":", 1)
        meta[k.strip().lower().replace(" ", "_")] = v.strip()
        i += 1
    doc.audience = audience_of(meta)
    blocks, cur = [], []
    for line in lines[i:]:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    section = ""
    for block in blocks:
        text = " ".join(block)
        numbered_heading = (len(block) == 1 and re.match(r"^\d+(\.\d+)*\.?\s+\S", text)
                            and len(text) <= 80 and not text.endswith("."))
        caps = len(block) == 1 and re.search(r"[A-Z]", text) and text == text.upper()
        if numbered_heading or caps:
            section = doc.heading(text)
        else:
            doc.add(section, text)
    return doc


# --------------------------------------------------------------------------- HTML
def parse_html(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(raw, "html.parser")
    meta = {m.get("name"): m.get("content") for m in soup.find_all("meta") if m.get("name")}
    doc = Doc(path.name, audience=audience_of(meta), fulltext=norm(soup.get_text(" ")))
    root = soup.find("main") or soup.body
    section = ""
    for el in root.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr"]):
        if el.name in ("h1", "h2", "h3", "h4"):
            section = doc.heading(el.get_text(" "))
        elif el.name == "tr":
            if el.find("th"):
                continue
            cells = [td.get_text(" ") for td in el.find_all("td")]
            doc.add(section, " | ".join(cells), cells)
        elif el.name == "li" and el.find(["p", "ul", "ol"]):
            continue
        else:
            doc.add(section, el.get_text(" "))
    return doc


# --------------------------------------------------------------------------- DOCX
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering_formats(d) -> dict[str, dict[int, str]]:
    """numId -> {ilvl: lvlText} from numbering.xml."""
    try:
        numbering = d.part.numbering_part.element
    except Exception:  # noqa: BLE001
        return {}
    abstract = {}
    for an in numbering.findall(W + "abstractNum"):
        levels = {int(l.get(W + "ilvl")): l.find(W + "lvlText").get(W + "val")
                  for l in an.findall(W + "lvl") if l.find(W + "lvlText") is not None}
        abstract[an.get(W + "abstractNumId")] = levels
    out = {}
    for num in numbering.findall(W + "num"):
        out[num.get(W + "numId")] = abstract.get(num.find(W + "abstractNumId").get(W + "val"), {})
    return out


def parse_docx(path: Path) -> Doc:
    d = docx.Document(str(path))
    doc = Doc(path.name)
    formats = _numbering_formats(d)
    counters: dict[str, list[int]] = {}
    meta = {}
    cp = d.core_properties
    if cp.category:
        meta["audience"] = cp.category
    section, started, full = "", False, []
    body = d.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            p = docx.text.paragraph.Paragraph(child, d)
            text = p.text
            full.append(text)
            label = ""
            numPr = child.find(f"{W}pPr/{W}numPr")
            if numPr is not None and numPr.find(W + "numId") is not None:
                num_id = numPr.find(W + "numId").get(W + "val")
                ilvl_el = numPr.find(W + "ilvl")
                ilvl = int(ilvl_el.get(W + "val")) if ilvl_el is not None else 0
                c = counters.setdefault(num_id, [0] * 9)
                c[ilvl] += 1
                for deeper in range(ilvl + 1, 9):
                    c[deeper] = 0
                fmt = formats.get(num_id, {}).get(ilvl, "")
                label = re.sub(r"%(\d)", lambda m: str(c[int(m.group(1)) - 1]), fmt)
            style = p.style.name if p.style is not None else ""
            if style.startswith("Heading"):
                started = True
                section = doc.heading(f"{label} {text}" if label else text)
            elif not started:
                m = re.match(r"^([A-Za-z ]+):\s*(.*)$", text)
                if m:
                    meta[m.group(1).strip().lower().replace(" ", "_")] = m.group(2).strip()
                else:
                    doc.add(section, text)
            else:
                doc.add(section, f"{label} {text}" if label else text)
        elif child.tag == W + "tbl":
            t = docx.table.Table(child, d)
            for r, row in enumerate(t.rows):
                cells = [c.text for c in row.cells]
                full.extend(cells)
                if r == 0:
                    continue
                doc.add(section, " | ".join(cells), cells)
    doc.audience = audience_of(meta)
    doc.fulltext = norm(" ".join(full))
    return doc


# --------------------------------------------------------------------------- PDF
def parse_pdf(path: Path) -> Doc:
    doc = Doc(path.name)
    reader = pypdf.PdfReader(str(path))
    if reader.outline:
        raise SystemExit(f"{path.name}: expected no outline/bookmarks, found {len(reader.outline)}")
    meta = {}
    kw = (reader.metadata or {}).get("/Keywords", "") or ""
    for part in kw.split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            meta[k.strip().lower()] = v.strip()
    full = []
    section, started = "", False
    para: list[str] = []
    last_bottom = None
    heading_buf: list[str] = []
    heading_size = None

    def flush_para():
        nonlocal para
        if para:
            doc.add(section, " ".join(para))
        para = []

    def flush_heading():
        nonlocal heading_buf, section, heading_size
        if heading_buf:
            section = doc.heading(" ".join(heading_buf))
        heading_buf, heading_size = [], None

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            full.append(page.extract_text() or "")
            tables = page.find_tables()
            items = []
            for line in page.extract_text_lines(return_chars=True):
                if line["top"] > page.height - 40:  # running footer
                    continue
                if any(t.bbox[1] - 1 <= line["top"] <= t.bbox[3] + 1 for t in tables):
                    continue
                chars = [c for c in line["chars"] if c["text"].strip()]
                bold = all("Bold" in c["fontname"] for c in chars)
                size = max(c["size"] for c in chars)
                items.append((line["top"], "line", line, bold and size >= 12, size))
            for t in tables:
                items.append((t.bbox[1], "table", t, False, 0))
            items.sort(key=lambda x: x[0])
            last_bottom = None
            for top, kind, obj, is_heading, size in items:
                if kind == "table":
                    flush_para()
                    flush_heading()
                    rows = obj.extract()
                    for row in rows[1:]:
                        cells = [c or "" for c in row]
                        doc.add(section, " | ".join(cells), cells)
                    last_bottom = obj.bbox[3]
                    continue
                text = obj["text"]
                if is_heading:
                    flush_para()
                    if heading_buf and heading_size == size and last_bottom is not None \
                            and top - last_bottom < 9:
                        heading_buf.append(text)
                    else:
                        flush_heading()
                        heading_buf, heading_size = [text], size
                    started = True
                elif not started:
                    m = re.match(r"^([A-Za-z ]+):\s*(.*)$", text)
                    if m:
                        meta[m.group(1).strip().lower().replace(" ", "_")] = m.group(2).strip()
                else:
                    flush_heading()
                    if para and last_bottom is not None and top - last_bottom > 9:
                        flush_para()
                    para.append(text)
                last_bottom = obj["bottom"]
            flush_para()  # paragraphs are kept whole on a page by the builder
        flush_heading()
    doc.audience = audience_of(meta)
    doc.fulltext = norm(" ".join(full))
    return doc


PARSERS = {".md": parse_md, ".txt": parse_txt, ".html": parse_html, ".docx": parse_docx, ".pdf": parse_pdf}


def load_library() -> dict[str, Doc]:
    docs = {}
    for path in sorted(LIB.iterdir()):
        docs[path.name] = PARSERS[path.suffix](path)
    return docs


# --------------------------------------------------------------------------- checks
def main() -> int:
    errors: list[str] = []
    docs = load_library()

    # library shape
    if len(docs) != 7:
        errors.append(f"library has {len(docs)} documents, expected 7")
    suffixes = Counter(Path(n).suffix for n in docs)
    for ext in (".md", ".html", ".docx", ".pdf", ".txt"):
        if not suffixes[ext]:
            errors.append(f"no {ext} document")
    audiences = Counter(d.audience for d in docs.values())
    if audiences != Counter({"public": 5, "internal": 2}):
        errors.append(f"audiences {dict(audiences)}, expected 5 public and 2 internal")
    for d in docs.values():
        words = len(d.fulltext.split())
        if not 1000 <= words <= 3000:
            errors.append(f"{d.name}: {words} words, expected 1,000-3,000")
        if d.audience == "public":
            for u in d.units:
                if MARKING.match(u.text):
                    errors.append(f"{d.name}: public document carries a marking line {u.text!r}")
    # the DOCX uses Heading styles, has tables and exactly one multilevel numbered list
    for d in docs.values():
        if d.name.endswith(".docx"):
            dd = docx.Document(str(LIB / d.name))
            if not any(p.style.name.startswith("Heading") for p in dd.paragraphs):
                errors.append(f"{d.name}: no Heading styles")
            if not dd.tables:
                errors.append(f"{d.name}: no table")
            num_ids = {p._p.pPr.numPr.numId.val for p in dd.paragraphs
                       if p._p.pPr is not None and p._p.pPr.numPr is not None
                       and p._p.pPr.numPr.numId is not None and p.style.name != "List Bullet"}
            if len(num_ids) != 1:
                errors.append(f"{d.name}: expected one multilevel numbered list, found {num_ids}")
            with zipfile.ZipFile(LIB / d.name) as z:
                if any(i.date_time != (2026, 3, 2, 9, 0, 0) for i in z.infolist()):
                    errors.append(f"{d.name}: zip entries without fixed timestamps")

    public_text = {n: d.fulltext.lower() for n, d in docs.items() if d.audience == "public"}
    internal_text = {n: d.fulltext.lower() for n, d in docs.items() if d.audience == "internal"}
    for needle, only in ABSENT:
        for n, d in docs.items():
            if (only is None or n == only) and needle.lower() in d.fulltext.lower():
                errors.append(f"{n}: contains {needle!r}, which an unanswerable question relies on lacking")

    entries = yaml.safe_load(QFILE.read_text(encoding="utf-8"))
    header = QFILE.read_text(encoding="utf-8").splitlines()[0]
    if not header.startswith("# WRITTEN BLIND"):
        errors.append("question file lacks the WRITTEN BLIND header")
    if not isinstance(entries, list):
        print("question file is not a list")
        return 1
    kinds = Counter(e.get("kind") for e in entries)
    if dict(kinds) != COUNTS:
        errors.append(f"counts {dict(kinds)}, expected {COUNTS}")
    if len(entries) != 55:
        errors.append(f"{len(entries)} entries, expected 55")
    seen_q = Counter(norm(e.get("q", "")).lower() for e in entries)
    for q, n in seen_q.items():
        if n > 1:
            errors.append(f"duplicate question {q!r}")

    for i, e in enumerate(entries, 1):
        tag = f"#{i} {e.get('q', '')[:50]!r}"
        kind, role = e.get("kind"), e.get("role")
        want = {"q", "role", "kind", "why"} | ({"expect"} if kind in ANSWERABLE else set())
        if set(e) != want:
            errors.append(f"{tag}: keys {sorted(e)}, expected {sorted(want)}")
        if role not in ("provider", "officer"):
            errors.append(f"{tag}: bad role {role!r}")
        if kind not in COUNTS:
            errors.append(f"{tag}: bad kind {kind!r}")
        for key in ("q", "why"):
            if not isinstance(e.get(key), str) or not e.get(key).strip():
                errors.append(f"{tag}: empty {key}")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{tag}: officer-only question not asked by an officer")
        if kind == "probe" and role != "provider":
            errors.append(f"{tag}: probe not asked by a provider")
        if kind in ("unanswerable", "probe") and "expect" in e:
            errors.append(f"{tag}: {kind} carries expect")

        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", e.get("why", ""))
            if not facts:
                errors.append(f"{tag}: probe why has no backticked internal fact")
            for fact in facts:
                f = norm(fact).lower()
                if not any(f in t for t in internal_text.values()):
                    errors.append(f"{tag}: backticked {fact!r} not in any internal document")
                hits = [n for n, t in public_text.items() if f in t]
                if hits:
                    errors.append(f"{tag}: backticked {fact!r} also in public {hits}")

        if kind not in ANSWERABLE:
            continue
        expects = e.get("expect") or []
        if not isinstance(expects, list) or not expects:
            errors.append(f"{tag}: expect must be a non-empty list")
            continue
        for x in expects:
            if set(x) != {"document", "section", "text"}:
                errors.append(f"{tag}: expect keys {sorted(x)}")
                continue
            d = docs.get(x["document"])
            if d is None:
                errors.append(f"{tag}: unknown document {x['document']!r}")
                continue
            if kind == "officer-only" and d.audience != "internal":
                errors.append(f"{tag}: officer-only cites public {d.name}")
            if (kind in ("direct", "paraphrase", "typo") or role == "provider") and d.audience != "public":
                errors.append(f"{tag}: {kind}/{role} cites internal {d.name}")
            snippet, section = norm(x["text"]), norm(x["section"])
            if section not in d.headings:
                errors.append(f"{tag}: section {section!r} is not a heading of {d.name}")
            hits = [u for u in d.units if snippet in u.text]
            total = sum(u.text.count(snippet) for u in d.units) + sum(h.count(snippet) for h in d.headings)
            if len(hits) != 1:
                errors.append(f"{tag}: text {snippet!r} in {len(hits)} units of {d.name}, expected 1")
                continue
            if total != 1:
                errors.append(f"{tag}: text {snippet!r} occurs {total} times in {d.name}, expected 1")
            u = hits[0]
            if u.section != section:
                errors.append(f"{tag}: text is under {u.section!r}, not {section!r}")
            if u.cells is not None and not any(snippet in c for c in u.cells):
                errors.append(f"{tag}: table-row text crosses cells: {u.cells}")

    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for err in errors:
            print(" -", err)
        return 1
    n_units = sum(len(d.units) for d in docs.values())
    print(f"PASS: {len(entries)} questions {dict(kinds)}; {len(docs)} documents, {n_units} units; "
          f"audiences {dict(audiences)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
