"""Validate thirtyfourth_council.questions.yaml against the BUILT library files.

Checks:
  * the file starts with the WRITTEN BLIND comment line;
  * exactly 55 items with the required kind counts, keys and roles
    (probe -> provider, officer-only -> officer, role in officer|provider);
  * answerable kinds (direct, paraphrase, typo, officer-only) have a non-empty
    `expect` list; unanswerable and probe have none;
  * direct/paraphrase/typo cite only public documents, officer-only only
    internal ones (audience read from each built file's own metadata);
  * every expect names an existing document, a section heading that exists in
    that document exactly as written, and a text span (no '|') that occurs
    verbatim, whitespace-normalised, inside ONE paragraph / list item / table
    cell of that section.  For the PDF, which has no block structure in its
    text layer, the span must occur in the section text extracted by pypdf
    (headings = runs in a bold font) AND inside one block of that section in
    the Markdown source the PDF was built from.

Run:  /work/main/.venv/bin/python check_questions.py
"""
from __future__ import annotations

import pathlib
import re
import sys
from collections import Counter, OrderedDict

import yaml

HERE = pathlib.Path(__file__).resolve().parent
LIB = HERE.parent / "thirtyfourth_council"
QFILE = HERE.parent / "thirtyfourth_council.questions.yaml"
SOURCES = HERE / "sources"

BLIND = ("# WRITTEN BLIND: these questions were written without reading, running or searching "
         "the assistant's code, data or other test libraries; the only project file consulted "
         "was docs/knowledge-format.md.")
COUNTS = {"direct": 10, "paraphrase": 12, "typo": 5, "officer-only": 7,
          "unanswerable": 12, "probe": 9}
ANSWERABLE = {"direct", "paraphrase", "typo", "officer-only"}


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ")).strip()


class Doc:
    def __init__(self, name):
        self.name = name
        self.audience = None
        # heading text -> list of blocks (normalised strings)
        self.sections: "OrderedDict[str, list[str]]" = OrderedDict()
        # for PDF: heading -> whole section text
        self.section_text: dict[str, str] = {}

    def add(self, heading, block):
        if heading is None:
            return
        b = norm(block)
        if b:
            self.sections.setdefault(heading, []).append(b)

    def heading(self, h):
        self.sections.setdefault(norm(h), [])


# ---------------------------------------------------------------- Markdown
def md_blocks(body: str):
    """Yield (kind, text) with kind in heading/block, for a Markdown body."""
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            yield "heading", m.group(2).strip()
            i += 1
            continue
        if line.startswith("|"):
            while i < len(lines) and lines[i].startswith("|"):
                for c in lines[i].strip().strip("|").split("|"):
                    c = c.strip()
                    if c and not re.fullmatch(r":?-{3,}:?", c):
                        yield "block", c
                i += 1
            continue
        if re.match(r"^\s*([-*]|\d+[.)])\s+", line) and not re.match(r"^\d+\.\d", line):
            yield "block", re.sub(r"^\s*([-*]|\d+[.)])\s+", "", line)
            i += 1
            continue
        para = [line]
        i += 1
        while (i < len(lines) and lines[i].strip()
               and not re.match(r"^(#{1,4}\s|\||\s*[-*]\s)", lines[i])):
            para.append(lines[i])
            i += 1
        yield "block", " ".join(para)


def split_front_matter(text):
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        return {}, text
    return yaml.safe_load(m.group(1)) or {}, text[m.end():]


def load_md(path):
    doc = Doc(path.name)
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    doc.audience = str(meta.get("audience", "public")).lower()
    current = None
    for kind, text in md_blocks(body):
        if kind == "heading":
            current = norm(text)
            doc.heading(current)
        else:
            doc.add(current, text)
    return doc


# -------------------------------------------------------------------- TXT
TXT_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+\S.*$")


def is_txt_heading(line, nxt):
    s = line.strip()
    if not s:
        return False
    if nxt is not None and re.fullmatch(r"(=|-){3,}", nxt.strip()):
        return True
    if TXT_HEADING.match(s) and len(s) <= 80 and not s.endswith("."):
        return True
    if s.isupper() and len(s) <= 80 and re.search(r"[A-Z]", s):
        return True
    return False


def load_txt(path):
    doc = Doc(path.name)
    lines = path.read_text(encoding="utf-8").split("\n")
    # control block
    aud = "public"
    for line in lines:
        if not line.strip():
            break
        m = re.match(r"^(Audience|Classification|Protective marking)\s*:\s*(.+)$", line, re.I)
        if m and m.group(1).lower() == "audience":
            aud = m.group(2).strip().lower()
    doc.audience = aud
    current = None
    para: list[str] = []

    def flush():
        if para:
            doc.add(current, " ".join(para))
            para.clear()

    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if re.fullmatch(r"\s*(=|-){3,}\s*", line):
            continue
        if is_txt_heading(line, nxt):
            flush()
            current = norm(line)
            doc.heading(current)
            continue
        if not line.strip():
            flush()
            continue
        if re.match(r"^\s*[-*•]\s+", line):
            flush()
            doc.add(current, re.sub(r"^\s*[-*•]\s+", "", line))
            continue
        para.append(line.strip())
    flush()
    return doc


# ------------------------------------------------------------------- HTML
def load_html(path):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    doc = Doc(path.name)
    m = soup.find("meta", attrs={"name": "audience"})
    doc.audience = (m["content"].strip().lower() if m else "public")
    heads = ["h1", "h2", "h3", "h4"]
    current = None
    for el in soup.body.descendants:
        if getattr(el, "name", None) in heads:
            current = norm(el.get_text(" "))
            doc.heading(current)
        elif getattr(el, "name", None) in ("p", "li", "td", "th", "dd", "dt", "blockquote"):
            if el.find_parent(["nav", "header", "footer"]):
                continue
            doc.add(current, el.get_text(" "))
    return doc


# ------------------------------------------------------------------- DOCX
def load_docx(path):
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    d = docx.Document(str(path))
    doc = Doc(path.name)
    aud = (d.core_properties.category or "").strip().lower() or "public"
    current = None
    seen_heading = False
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            text = p.text.strip()
            if not text:
                continue
            if not seen_heading:
                m = re.match(r"^Audience\s*:\s*(.+)$", text, re.I)
                if m:
                    aud = m.group(1).strip().lower()
            runs = [r for r in p.runs if r.text.strip()]
            styled = (p.style is not None and p.style.name.lower().startswith("heading"))
            bold = bool(runs) and all(r.bold for r in runs) and len(text) <= 100 \
                and not text.endswith(".")
            if styled or bold:
                seen_heading = True
                current = norm(text)
                doc.heading(current)
            else:
                doc.add(current, text)
        elif tag == "tbl":
            t = Table(child, d)
            for row in t.rows:
                for cell in row.cells:
                    doc.add(current, cell.text)
    doc.audience = aud
    return doc


# -------------------------------------------------------------------- PDF
def load_pdf(path):
    from pypdf import PdfReader

    r = PdfReader(str(path))
    doc = Doc(path.name)
    chunks: list[tuple[str, bool]] = []

    for page in r.pages:
        def visit(text, cm, tm, font_dict, font_size):
            if not text:
                return
            base = str((font_dict or {}).get("/BaseFont", ""))
            chunks.append((text, "bold" in base.lower()))
        page.extract_text(visitor_text=visit)
        chunks.append(("\n", False))

    # merge consecutive runs of the same weight
    merged: list[list] = []
    for text, bold in chunks:
        if not text.strip() and merged:
            merged[-1][0] += text
            continue
        if merged and merged[-1][1] == bold:
            merged[-1][0] += text
        else:
            merged.append([text, bold])

    pre = ""
    current = None
    texts: dict[str, list[str]] = {}
    for text, bold in merged:
        if bold:
            current = norm(text)
            doc.heading(current)
            texts.setdefault(current, [])
        elif current is None:
            pre += text
        else:
            texts[current].append(text)
    m = re.search(r"Audience\s*:\s*(\w+)", pre)
    kw = str((r.metadata or {}).get("/Keywords", ""))
    mk = re.search(r"audience\s*:\s*(\w+)", kw)
    doc.audience = (m.group(1) if m else mk.group(1) if mk else "public").lower()
    for h, parts in texts.items():
        doc.section_text[h] = norm(" ".join(parts))

    # blocks from the Markdown source, for the one-block check
    src = SOURCES / (path.stem + ".md")
    if src.exists():
        _, body = split_front_matter(src.read_text(encoding="utf-8"))
        cur = None
        for kind, text in md_blocks(body):
            if kind == "heading":
                cur = norm(text)
                doc.sections.setdefault(cur, [])
            else:
                doc.add(cur, text)
    return doc


LOADERS = {".md": load_md, ".txt": load_txt, ".html": load_html, ".htm": load_html,
           ".docx": load_docx, ".pdf": load_pdf}


def main():
    errors: list[str] = []
    raw = QFILE.read_text(encoding="utf-8")
    if raw.split("\n", 1)[0] != BLIND:
        errors.append("first line is not the WRITTEN BLIND comment")
    items = yaml.safe_load(raw)
    if not isinstance(items, list):
        sys.exit("questions file is not a YAML list")

    docs = {}
    for p in sorted(LIB.iterdir()):
        if p.suffix.lower() in LOADERS:
            docs[p.name] = LOADERS[p.suffix.lower()](p)

    if len(items) != 55:
        errors.append(f"expected 55 items, found {len(items)}")
    kinds = Counter(it.get("kind") for it in items)
    for k, n in COUNTS.items():
        if kinds.get(k, 0) != n:
            errors.append(f"kind {k}: expected {n}, found {kinds.get(k, 0)}")
    for k in kinds:
        if k not in COUNTS:
            errors.append(f"unknown kind {k!r}")

    seen_q = set()
    for n, it in enumerate(items, 1):
        tag = f"item {n} ({it.get('kind')}: {str(it.get('q'))[:50]!r})"
        for key in ("q", "role", "kind", "why"):
            if not it.get(key):
                errors.append(f"{tag}: missing {key}")
        extra = set(it) - {"q", "role", "kind", "why", "expect"}
        if extra:
            errors.append(f"{tag}: unexpected keys {sorted(extra)}")
        if it.get("q") in seen_q:
            errors.append(f"{tag}: duplicate question")
        seen_q.add(it.get("q"))
        role, kind = it.get("role"), it.get("kind")
        if role not in ("officer", "provider"):
            errors.append(f"{tag}: bad role {role!r}")
        if kind == "probe" and role != "provider":
            errors.append(f"{tag}: probe must be role provider")
        if kind == "officer-only" and role != "officer":
            errors.append(f"{tag}: officer-only must be role officer")
        exp = it.get("expect")
        if kind in ANSWERABLE:
            if not exp or not isinstance(exp, list):
                errors.append(f"{tag}: answerable kind needs an expect list")
                continue
        else:
            if exp:
                errors.append(f"{tag}: {kind} must not have expect")
            continue
        for e in exp:
            if set(e) != {"document", "section", "text"}:
                errors.append(f"{tag}: expect keys must be document/section/text: {e}")
                continue
            name, sec, text = e["document"], e["section"], e["text"]
            if "|" in text:
                errors.append(f"{tag}: text contains '|'")
            d = docs.get(name)
            if d is None:
                errors.append(f"{tag}: no document {name}")
                continue
            if kind == "officer-only" and d.audience != "internal":
                errors.append(f"{tag}: officer-only cites non-internal {name} ({d.audience})")
            if kind in ("direct", "paraphrase", "typo") and d.audience != "public":
                errors.append(f"{tag}: {kind} cites non-public {name} ({d.audience})")
            if sec not in d.sections:
                errors.append(f"{tag}: section {sec!r} not in {name}; have {list(d.sections)}")
                continue
            span = norm(text)
            if not any(span in b for b in d.sections[sec]):
                errors.append(f"{tag}: text {text!r} not inside one block of {name} > {sec}")
            if name.endswith(".pdf"):
                if sec not in d.section_text:
                    errors.append(f"{tag}: PDF heading {sec!r} not found as bold text in built file")
                elif span not in d.section_text[sec]:
                    errors.append(f"{tag}: text {text!r} not in built PDF section {sec!r}")

    print("documents:")
    for name, d in docs.items():
        print(f"  {name:48s} {d.audience:9s} {len(d.sections)} sections")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  - " + e)
        sys.exit(1)
    print(f"\nOK: {len(items)} questions; " + ", ".join(f"{k} {kinds[k]}" for k in COUNTS))


if __name__ == "__main__":
    main()
