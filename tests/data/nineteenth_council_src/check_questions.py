"""Engine-free check of tests/data/nineteenth_council.questions.yaml against its library.

Run: .venv/bin/python tests/data/nineteenth_council_src/check_questions.py

Reads the documents with python-docx, pypdf, BeautifulSoup and plain text (never the assistant),
splits each into sections and quotable units (paragraph, list item, table row, numbered clause),
and checks:
  - every entry has exactly the keys q, role, kind, why (+ expect for answerable kinds);
  - the counts per kind, and the roles the kinds require;
  - every expect text occurs (whitespace-normalised) in exactly one unit of its document, and
    that unit sits under the section named;
  - provider questions cite public documents only; officer-only questions cite internal ones;
  - unanswerable and probe questions have no expect;
  - every probe's backticked fact is in an internal document and in no public one.
Exits 1 with a list of problems, else prints a summary.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "nineteenth_council"
QUESTIONS = HERE.parent / "nineteenth_council.questions.yaml"

COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7, "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}
MARKINGS = {"OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


@dataclass
class Doc:
    name: str
    audience: str
    units: list[tuple[str, str]]  # (section heading, unit text)

    @property
    def text(self) -> str:
        return norm(" ".join(t for _, t in self.units) + " " + " ".join({s for s, _ in self.units}))


def _control_audience(lines: list[str]) -> str | None:
    found = None
    for line in lines:
        m = re.match(r"\s*(Audience|Classification|Protective marking)\s*:\s*(.+)", line, re.I)
        if m:
            value = m.group(2).strip().strip('"')
            if m.group(1).lower() == "audience":
                found = found or value.lower()
            elif value.upper() in MARKINGS:
                found = "internal"
        if line.strip() in MARKINGS:
            found = "internal"
    return found


def read_docx(path: Path) -> Doc:
    doc = Document(str(path))
    units, section, lines = [], "", []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = next(p for p in doc.paragraphs if p._p is child)
            text = norm(para.text)
            if not text:
                continue
            lines.append(text)
            if para.style.name.startswith("Heading"):
                section = text
            else:
                units.append((section, text))
        elif tag == "tbl":
            table = next(t for t in doc.tables if t._tbl is child)
            for row in table.rows[1:]:
                units.append((section, " | ".join(norm(c.text) for c in row.cells)))
    header = [p.text for s in doc.sections for p in s.header.paragraphs]
    audience = _control_audience(lines + header) or (doc.core_properties.category or "public").lower()
    return Doc(path.name, audience, units)


def read_pdf(path: Path) -> Doc:
    reader = PdfReader(str(path))
    lines: list[tuple[bool, float, list[str]]] = []  # (is_bold_heading, font size, fragments)

    for page in reader.pages:
        frags: list[tuple[float, str, float, str]] = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                frags.append((round(tm[5], 1), (font or {}).get("/BaseFont", ""), size, text))

        page.extract_text(visitor_text=visit)
        by_y: dict[float, list] = {}
        for y, fontname, size, text in frags:
            by_y.setdefault(y, []).append((fontname, size, text))
        for y in sorted(by_y, reverse=True):
            row = by_y[y]
            size = row[0][1]
            if size < 8.5:  # page footer
                continue
            bold = all("Bold" in f for f, _, _ in row)
            lines.append((bold and len(row) == 1 and size >= 11, y, [norm(t) for _, _, t in row]))

    units, section, para, prev_y, control = [], "", [], None, []
    def flush():
        if para:
            units.append((section, norm(" ".join(para))))
            para.clear()

    for heading, y, cells in lines:
        text = " ".join(cells)
        if heading:
            flush()
            section = text
        elif len(cells) > 1:  # a table row (header rows are bold)
            flush()
            if not section or not all(c for c in cells):
                continue
            units.append((section, " | ".join(cells)))
        else:
            if not section:
                control.append(text)
                continue
            continues = para and (prev_y is not None and 0 < prev_y - y < 16 or text[:1].islower())
            if not continues:
                flush()
            para.append(text)
        prev_y = y
    flush()
    audience = _control_audience(control) or str(reader.metadata.get("/Keywords", "")).lower()
    audience = "internal" if "internal" in audience else "public"
    return Doc(path.name, audience, units)


def read_html(path: Path) -> Doc:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = soup.find("meta", attrs={"name": "audience"})
    audience = meta["content"].lower() if meta else "public"
    units, section = [], ""
    for el in soup.body.find_all(["h1", "h2", "h3", "h4", "p", "li", "tr"]):
        if el.name in {"h1", "h2", "h3", "h4"}:
            section = norm(el.get_text(" "))
        elif el.name == "tr":
            cells = [norm(c.get_text(" ")) for c in el.find_all("td")]
            if cells:
                units.append((section, " | ".join(cells)))
        else:
            units.append((section, norm(el.get_text(" "))))
    return Doc(path.name, audience, units)


def _paragraphs(lines: list[str]) -> list[str]:
    out, cur = [], []
    for line in lines + [""]:
        if line.strip():
            cur.append(line)
        elif cur:
            out.append("\n".join(cur))
            cur = []
    return out


def read_md(path: Path) -> Doc:
    text = path.read_text(encoding="utf-8")
    audience = "public"
    if text.startswith("---"):
        _, front, text = text.split("---", 2)
        meta = yaml.safe_load(front) or {}
        audience = str(meta.get("audience", "public")).lower()
        if str(meta.get("classification", "")).upper() in MARKINGS:
            audience = "internal"
    units, section = [], ""
    for block in _paragraphs(text.splitlines()):
        first = block.splitlines()[0]
        if first.startswith("#"):
            section = norm(first.lstrip("#"))
            continue
        if first.startswith("|"):
            for row in block.splitlines()[2:]:
                units.append((section, " | ".join(norm(c) for c in row.strip().strip("|").split("|"))))
            continue
        if norm(block) in MARKINGS:
            audience = "internal"
            continue
        units.append((section, norm(block)))
    return Doc(path.name, audience, units)


def read_txt(path: Path) -> Doc:
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks = _paragraphs(lines)
    control = blocks[0].splitlines() if blocks and ":" in blocks[0] else []
    audience = _control_audience(control) or "public"
    units, section = [], ""
    heading = re.compile(r"^\d+(\.\d+)*\.?\s+\S.{0,60}$")
    for block in blocks[1 if control else 0:]:
        one = norm(block)
        if "\n" not in block and (heading.match(one) and not one.endswith(".") or one.isupper()):
            if not one.isupper():
                section = one
            continue
        units.append((section, one))
    return Doc(path.name, audience, units)


READERS = {".docx": read_docx, ".pdf": read_pdf, ".html": read_html, ".md": read_md, ".txt": read_txt}


def load_library() -> dict[str, Doc]:
    return {p.name: READERS[p.suffix](p) for p in sorted(LIB.iterdir()) if p.suffix in READERS}


def check(entries, docs: dict[str, Doc]) -> list[str]:
    problems: list[str] = []
    public_text = " ".join(d.text for d in docs.values() if d.audience == "public")
    internal_text = " ".join(d.text for d in docs.values() if d.audience == "internal")
    kinds = Counter()
    seen_q = set()
    for i, e in enumerate(entries, 1):
        where = f"#{i} {str(e.get('q', ''))[:50]!r}"
        kind = e.get("kind")
        kinds[kind] += 1
        wanted = {"q", "role", "kind", "why"} | ({"expect"} if kind in ANSWERABLE else set())
        if set(e) != wanted:
            problems.append(f"{where}: keys {sorted(e)} should be {sorted(wanted)}")
        if kind not in COUNTS:
            problems.append(f"{where}: unknown kind {kind!r}")
        if e.get("role") not in {"provider", "officer"}:
            problems.append(f"{where}: role {e.get('role')!r}")
        if kind == "officer-only" and e.get("role") != "officer":
            problems.append(f"{where}: officer-only must have role officer")
        if kind == "probe" and e.get("role") != "provider":
            problems.append(f"{where}: probe must have role provider")
        if norm(str(e.get("q", ""))).lower() in seen_q:
            problems.append(f"{where}: duplicate question")
        seen_q.add(norm(str(e.get("q", ""))).lower())
        if not str(e.get("why", "")).strip():
            problems.append(f"{where}: empty why")
        for exp in e.get("expect") or []:
            doc = docs.get(exp.get("document"))
            if doc is None:
                problems.append(f"{where}: no document {exp.get('document')!r}")
                continue
            if set(exp) != {"document", "section", "text"}:
                problems.append(f"{where}: expect keys {sorted(exp)}")
            snippet = norm(str(exp.get("text", "")))
            hits = [(s, t) for s, t in doc.units if snippet in t]
            if len(hits) != 1:
                problems.append(f"{where}: {snippet!r} is in {len(hits)} units of {doc.name}")
            elif hits[0][0] != norm(str(exp.get("section", ""))):
                problems.append(f"{where}: {snippet!r} is under {hits[0][0]!r}, not {exp.get('section')!r}")
            if e.get("role") == "provider" and doc.audience != "public":
                problems.append(f"{where}: provider question cites internal {doc.name}")
            if kind == "officer-only" and doc.audience != "internal":
                problems.append(f"{where}: officer-only question cites public {doc.name}")
        if kind in ANSWERABLE and not e.get("expect"):
            problems.append(f"{where}: answerable kind without expect")
        if kind == "probe":
            facts = re.findall(r"`([^`]+)`", str(e.get("why", "")))
            if not facts:
                problems.append(f"{where}: probe why has no backticked internal fact")
            for fact in facts:
                f = norm(fact)
                if f not in internal_text:
                    problems.append(f"{where}: probe fact {f!r} not in any internal document")
                if f in public_text:
                    problems.append(f"{where}: probe fact {f!r} is in a public document")
    for kind, n in COUNTS.items():
        if kinds[kind] != n:
            problems.append(f"kind {kind}: {kinds[kind]} questions, want {n}")
    if len(entries) != sum(COUNTS.values()):
        problems.append(f"{len(entries)} questions, want {sum(COUNTS.values())}")
    audiences = Counter(d.audience for d in docs.values())
    if audiences["internal"] != 2 or len(docs) != 7:
        problems.append(f"library: {dict(audiences)} over {len(docs)} documents, want 7 with 2 internal")
    return problems


def main(argv: list[str]) -> int:
    docs = load_library()
    if "--dump" in argv:
        for d in docs.values():
            print(f"== {d.name} [{d.audience}]")
            for s, t in d.units:
                print(f"  [{s}] {t}")
        return 0
    entries = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    problems = check(entries, docs)
    for p in problems:
        print("FAIL", p)
    if problems:
        return 1
    print(f"OK: {len(entries)} questions, {dict(Counter(e['kind'] for e in entries))}; "
          f"{len(docs)} documents ({sum(d.audience == 'internal' for d in docs.values())} internal)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
