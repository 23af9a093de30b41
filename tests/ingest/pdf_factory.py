"""Small PDFs drawn with reportlab inside the tests, laid out as NHS decision summaries are.

`decision_summary` writes a four-page document: a title whose subtitle follows a colon on the next
line, a publisher and date line, section headings on new pages, a bulleted list, a ruled table with a
header row, a running footer with page numbers, a word hyphenated at a line end and a paragraph that
runs from page 3 onto page 4. The texts below are what the tests look for.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

TITLE = ("Community specialist palliative care for adults:", "decision and next steps")
FULL_TITLE = " ".join(TITLE)
PUBLISHED = "NHS North West London, July 2025"
FOOTER = "CSPC decision summary - NHS North West London"
HYPHENATED = ("It will improve access for every commun-", "ity in the eight boroughs of North West London.")
PAGE3_QUOTE = "A single telephone advice line will answer calls from patients, carers and professionals."
CROSSING = (
    "The Board asked for a report on the first year of the new service, to be",
    "presented in the spring of 2027 with figures for every borough.",
)
TABLE = [
    ["Service", "Today", "From 2026"],
    ["Specialist nursing", "9am to 5pm", "12 hours a day, 7 days a week"],
    ["End of life beds", "8", "54"],
]
BULLETS = (
    ("Specialist nursing in the community every day of the week.",),
    ("A single point of access for referrals, open to patients, carers", "and professionals alike."),
    ("Enhanced end of life beds in every borough.",),
)

_LEFT = 72.0
_WIDTH, _HEIGHT = A4


class _Writer:
    """Draws lines top to bottom on the current page, with the running footer on every page."""

    def __init__(self, canvas: Canvas, pages: int) -> None:
        self.canvas = canvas
        self.pages = pages
        self.page = 1
        self.y = _HEIGHT - 72

    def line(self, text: str, size: float = 11, bold: bool = False, x: float = _LEFT, gap: float = 4) -> None:
        self.canvas.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        self.y -= size
        self.canvas.drawString(x, self.y, text)
        self.y -= gap

    def space(self, points: float = 12) -> None:
        self.y -= points

    def heading(self, text: str) -> None:
        self.space(8)
        self.line(text, size=14, bold=True, gap=10)

    def bullet(self, lines: tuple[str, ...]) -> None:
        self.canvas.setFont("Helvetica", 11)
        self.canvas.drawString(_LEFT, self.y - 11, "•")
        for text in lines:
            self.line(text, x=_LEFT + 14)
        self.space(4)

    def table(self, rows: list[list[str]]) -> None:
        table = Table(rows, colWidths=[140, 110, 200])
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                    ("FONTSIZE", (0, 0), (-1, -1), 10),
                ]
            )
        )
        _, height = table.wrapOn(self.canvas, _WIDTH - 2 * _LEFT, self.y)
        self.y -= height
        table.drawOn(self.canvas, _LEFT, self.y)
        self.space(16)

    def new_page(self) -> None:
        self._footer()
        self.canvas.showPage()
        self.page += 1
        self.y = _HEIGHT - 72

    def finish(self) -> None:
        self._footer()
        self.canvas.save()

    def _footer(self) -> None:
        self.canvas.setFont("Helvetica", 8)
        self.canvas.drawString(_LEFT, 36, FOOTER)
        self.canvas.drawRightString(_WIDTH - _LEFT, 36, f"Page {self.page} of {self.pages}")


def decision_summary(path: Path) -> Path:
    """Write the four-page decision summary to `path`."""
    w = _Writer(Canvas(str(path), pagesize=A4), pages=4)
    w.line(TITLE[0], size=20, bold=True, gap=6)
    w.line(TITLE[1], size=20, bold=True, gap=14)
    w.line(PUBLISHED)
    w.heading("Summary")
    w.line("The Board agreed one model of specialist palliative care for adults across the area.")
    w.line(HYPHENATED[0])
    w.line(HYPHENATED[1])
    w.new_page()
    w.heading("Pembridge Palliative Care Centre")
    w.line("The Board confirmed that the inpatient unit at the Pembridge Palliative Care Centre")
    w.line("will not reopen, and that its beds move to hospices nearby.")
    w.space()
    w.line("What the new model brings:")
    w.space(6)
    for item in BULLETS:
        w.bullet(item)
    w.new_page()
    w.heading("What changes")
    w.line("The table sets out the services as they are today and as they will be from 2026.")
    w.space(8)
    w.table(TABLE)
    w.line(PAGE3_QUOTE)
    w.space()
    w.y = 80  # the paragraph starts at the foot of the page and runs on overleaf
    w.line(CROSSING[0])
    w.new_page()
    w.line(CROSSING[1])
    w.heading("Next steps")
    w.line("Contracts for the new services will be awarded by 1 October 2025.")
    w.finish()
    return path


def scanned(path: Path) -> Path:
    """A one-page PDF holding only a picture of text: what a scanner produces."""
    canvas = Canvas(str(path), pagesize=A4)
    picture = Image.new("L", (400, 120), color=200)
    canvas.drawImage(ImageReader(picture), _LEFT, _HEIGHT - 200, width=300, height=90)
    canvas.save()
    return path


def typeset(path: Path, raw_text: str) -> Path:
    """Typeset a text document as a publisher's layout engine would: wrapped, justified, paginated.

    Headings, paragraphs, bullets and tables come from the cleaner's reading of `raw_text`; every page
    gets a running footer with its number. reportlab's platypus does the line breaking and pagination.
    """
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer
    from reportlab.platypus.flowables import Flowable

    from ingest.cleaning import clean

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    body.alignment = 4  # justified
    flow: list[Flowable] = []
    rows: list[list[Paragraph]] = []
    items: list[ListItem] = []

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def close_runs() -> None:
        if rows:
            widths = [(_WIDTH - 2 * _LEFT) / max(len(r) for r in rows)] * max(len(r) for r in rows)
            table = Table([r + [Paragraph("", body)] * (len(widths) - len(r)) for r in rows], colWidths=widths)
            table.setStyle(
                TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
            )
            flow.extend([table, Spacer(1, 8)])
            rows.clear()
        if items:
            flow.append(ListFlowable(list(items), bulletType="bullet", start="•", leftIndent=14))
            items.clear()

    for block in clean(raw_text).blocks:
        if block.kind == "table_row":
            if items:
                close_runs()
            rows.append([Paragraph(escape(c.text), body) for c in block.cells])
            continue
        if block.kind == "list":
            if rows:
                close_runs()
            items.append(ListItem(Paragraph(escape(block.text.removeprefix("- ")), body)))
            continue
        close_runs()
        style = styles["Heading2"] if block.kind == "heading" else body
        flow.append(Paragraph(escape(block.text), style))
    close_runs()

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.setFont("Helvetica", 8)
        canvas.drawString(_LEFT, 30, "NHS North West London")
        canvas.drawRightString(_WIDTH - _LEFT, 30, f"Page {doc.page}")

    SimpleDocTemplate(str(path), pagesize=A4).build(flow, onFirstPage=footer, onLaterPages=footer)
    return path
