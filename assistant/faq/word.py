"""A Word document for a pack (python-docx): headings per question, each answer's sources beneath it."""

from __future__ import annotations

import io

from assistant.faq.lines import NOT_COVERED, NOT_COVERED_NOTE, answer_blocks, built_line, source_line, status_line
from assistant.faq.models import CONFIDENCE_HELP, FaqPack


def render_docx(pack: FaqPack) -> bytes:
    """Title, summary, one Heading 2 per question with bullets, status and a 'Sources' list, then the rest."""
    from docx import Document
    from docx.shared import Pt, RGBColor

    grey = RGBColor(0x4C, 0x62, 0x72)
    doc = Document()
    doc.core_properties.title = f"{pack.label}: questions and answers"
    doc.core_properties.subject = "FAQ pack built from NHS North West London documents"
    doc.add_heading(f"{pack.label}: questions and answers", level=0)
    doc.add_paragraph(built_line(pack))
    note = doc.add_paragraph().add_run(CONFIDENCE_HELP)
    note.italic = True
    note.font.size = Pt(9)

    doc.add_heading("Answers", level=1)
    for number, item in enumerate(pack.answered, start=1):
        doc.add_heading(f"{number}. {item.question}", level=2)
        for kind, line in answer_blocks(item.answer):
            doc.add_paragraph(line, style="List Bullet" if kind == "bullet" else None)
        status = doc.add_paragraph().add_run(status_line(item))
        status.font.size = Pt(9)
        status.font.color.rgb = grey
        doc.add_heading("Sources", level=3)
        for c in item.citations:
            run = doc.add_paragraph().add_run(f"[{c.n}] {source_line(c)}")
            run.font.size = Pt(9)

    if pack.not_covered:
        doc.add_heading(NOT_COVERED, level=1)
        doc.add_paragraph(NOT_COVERED_NOTE)
        for item in pack.not_covered:
            doc.add_paragraph(item.question, style="List Bullet")

    doc.add_heading("Documents", level=1)
    for d in pack.documents:
        doc.add_paragraph(d.describe(), style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
