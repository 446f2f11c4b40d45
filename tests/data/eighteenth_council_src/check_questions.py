"""Check the Eighteenth evaluation library's question set without the assistant.

Reads the documents directly (python-docx, pypdf, BeautifulSoup, plain text) and checks that:
  * every expect text occurs verbatim (whitespace-normalised) inside ONE unit (paragraph,
    list item, table cell, PDF clause) of its document, under the section it names;
  * provider questions cite only public documents; officer-kind questions cite an internal one;
  * unanswerable and probe questions have no expect;
  * every probe's backticked facts occur in an internal document and in no public document;
  * the counts per kind are as briefed (55 in all).

Run:  .venv/bin/python tests/data/eighteenth_council_src/check_questions.py
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import docx
import yaml
from bs4 import BeautifulSoup
from docx.oxml.ns import qn
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
LIB = HERE.parent / "eighteenth_council"
QUESTIONS = HERE.parent / "eighteenth_council.questions.yaml"
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer": 7, "unanswerable": 12,
          "probe": 9}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip().lower()


# Each reader returns (audience, [(section, unit_text), ...]) in document order.

def read_docx(path: Path):
    d = docx.Document(str(path))
    style_num = {}
    for st in d.styles:
        ppr = getattr(st.element, "pPr", None)
        if ppr is not None and ppr.find(qn("w:numPr")) is not None:
            style_num[st.name] = ppr.find(qn("w:numPr"))
    counters: dict[str, list[int]] = {}
    units, section = [], ""
    body = d.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            para = docx.text.paragraph.Paragraph(child, d)
            text = para.text.strip()
            numpr = child.pPr.find(qn("w:numPr")) if child.pPr is not None else None
            if numpr is None:
                numpr = style_num.get(para.style.name)
            label = ""
            if numpr is not None and numpr.find(qn("w:numId")) is not None:
                num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
                ilvl_el = numpr.find(qn("w:ilvl"))
                ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
                if num_id != "0":
                    c = counters.setdefault(num_id, [0, 0, 0])
                    c[ilvl] += 1
                    for deeper in range(ilvl + 1, 3):
                        c[deeper] = 0
                    label = f"{c[0]}." if ilvl == 0 else ".".join(str(x) for x in c[: ilvl + 1])
            if para.style.name.startswith("Heading"):
                section = f"{label} {text}".strip()
            elif text:
                units.append((section, text))
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, d)
            for row in table.rows:
                for cell in row.cells:
                    units.append((section, cell.text))
    audience = d.core_properties.category
    for p in d.paragraphs[:8]:
        if p.text.lower().startswith("audience:"):
            audience = p.text.split(":", 1)[1].strip()
    return audience, units


def read_pdf(path: Path):
    reader = PdfReader(str(path))
    titles = [o.title for o in reader.outline]
    lines = []
    for page in reader.pages:
        page_lines = page.extract_text().splitlines()
        # drop the running header (first line) and footer (last line)
        lines.extend(page_lines[1:-1])
    units, section, current = [], "", None
    start = re.compile(r"^(\d+\.\d+ |KPI \d+ |[A-Z][A-Za-z ]+ means )")
    audience = "public"
    for line in lines:
        if line.lower().startswith("audience:"):
            audience = line.split(":", 1)[1].strip()
        if line.strip() in titles:
            if current:
                units.append((section, current))
            section, current = line.strip(), None
            continue
        if current is None or start.match(line):
            if current:
                units.append((section, current))
            current = line
        else:
            current += " " + line
    if current:
        units.append((section, current))
    return audience, units


def read_html(path: Path):
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    meta = soup.find("meta", attrs={"name": "audience"})
    audience = meta["content"] if meta else "public"
    units, section = [], ""
    main = soup.find("main")
    for el in main.find_all(["h1", "h2", "h3", "h4", "p", "li", "td", "th", "caption"]):
        if el.name in ("h1", "h2", "h3", "h4"):
            section = el.get_text(" ", strip=True)
        else:
            units.append((section, el.get_text(" ", strip=True)))
    return audience, units


def _front_matter(text: str):
    if text.startswith("---"):
        _, fm, rest = text.split("---", 2)
        return yaml.safe_load(fm), rest
    return {}, text


def read_md(path: Path):
    meta, rest = _front_matter(path.read_text(encoding="utf-8"))
    units, section = [], ""
    for block in re.split(r"\n\s*\n", rest):
        for line in block.splitlines():
            if line.startswith("#"):
                section = line.lstrip("#").strip()
        body = [ln for ln in block.splitlines() if not ln.startswith("#")]
        if body and all(ln.lstrip().startswith("- ") for ln in body):
            units.extend((section, ln.lstrip()[2:].replace("**", "")) for ln in body)
        elif body:
            units.append((section, " ".join(body).replace("**", "")))
    return meta.get("audience", "public"), units


HEADING_TXT = re.compile(r"^(\d+\. [A-Z][^.]{0,70}|[A-Z0-9 –,'()]{6,})$")


def read_txt(path: Path):
    units, section, audience = [], "", "public"
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        block = block.strip()
        if not block:
            continue
        for line in block.splitlines():
            if line.lower().startswith("audience:"):
                audience = line.split(":", 1)[1].strip()
        if "\n" not in block and HEADING_TXT.match(block):
            section = block
            continue
        units.append((section, " ".join(block.splitlines())))
    return audience, units


READERS = {".docx": read_docx, ".pdf": read_pdf, ".html": read_html, ".md": read_md,
           ".txt": read_txt}


def main() -> int:
    docs = {p.name: READERS[p.suffix](p) for p in sorted(LIB.iterdir())}
    internal = {n for n, (aud, _) in docs.items() if aud.lower() == "internal"}
    public = set(docs) - internal
    errors: list[str] = []
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    counts = Counter(q["kind"] for q in questions)
    for kind, want in COUNTS.items():
        if counts.get(kind, 0) != want:
            errors.append(f"kind {kind}: {counts.get(kind, 0)} questions, want {want}")
    if len(questions) != sum(COUNTS.values()):
        errors.append(f"{len(questions)} questions, want {sum(COUNTS.values())}")
    public_text = " ".join(norm(u) for n in public for _, u in docs[n][1])
    internal_text = " ".join(norm(u) for n in internal for _, u in docs[n][1])
    for i, q in enumerate(questions, 1):
        tag = f"Q{i} ({q['kind']}): {q['q'][:50]}"
        for key in ("q", "role", "kind", "why"):
            if not q.get(key):
                errors.append(f"{tag}: missing {key}")
        expect = q.get("expect") or []
        if q["kind"] in ("unanswerable", "probe"):
            if expect:
                errors.append(f"{tag}: must have no expect")
        elif not expect:
            errors.append(f"{tag}: needs an expect")
        if q["kind"] == "probe" and q["role"] != "provider":
            errors.append(f"{tag}: probes are asked by providers")
        if q["kind"] == "officer":
            if q["role"] != "officer":
                errors.append(f"{tag}: officer questions are asked by officers")
            if not any(e["document"] in internal for e in expect):
                errors.append(f"{tag}: officer question must cite an internal document")
        for e in expect:
            doc = e["document"]
            if doc not in docs:
                errors.append(f"{tag}: unknown document {doc}")
                continue
            if q["role"] == "provider" and doc in internal:
                errors.append(f"{tag}: provider question cites internal {doc}")
            words = len(e["text"].split())
            if not 3 <= words <= 15:
                errors.append(f"{tag}: expect text has {words} words")
            sections = {s for s, _ in docs[doc][1]}
            if e["section"] not in sections:
                errors.append(f"{tag}: no section {e['section']!r} in {doc}: {sorted(sections)}")
                continue
            want = norm(e["text"])
            if not any(want in norm(u) for s, u in docs[doc][1] if s == e["section"]):
                errors.append(f"{tag}: text {e['text']!r} not in one unit of {doc} › {e['section']}")
        if q["kind"] == "probe":
            facts = re.findall(r"`([^`]+)`", q["why"])
            if not facts:
                errors.append(f"{tag}: probe why has no `backticked` internal fact")
            for fact in facts:
                if norm(fact) in public_text:
                    errors.append(f"{tag}: probe fact {fact!r} occurs in a public document")
                if norm(fact) not in internal_text:
                    errors.append(f"{tag}: probe fact {fact!r} not in an internal document")
    for err in errors:
        print("FAIL", err)
    print(f"{len(questions)} questions; kinds {dict(counts)}; internal docs {sorted(internal)}")
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
