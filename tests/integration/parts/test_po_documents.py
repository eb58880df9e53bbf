"""A purchase order saved for the supplier: PDF (its text names the order and the parts) or
XLSX, from the counter's export."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from workshop_app.bootstrap import App
from workshop_app.parts import purchasing
from workshop_app.parts.po_documents import write_po
from workshop_app.services.staff import Actor


def test_a_sent_order_saves_as_pdf_and_xlsx(demo_app: App, clerk: Actor, tmp_path: Path) -> None:
    po = purchasing.create_po(demo_app.uow(), clerk, "FS-TYRE", [("TYR-225-45R18", "8")])
    purchasing.send_po(demo_app.uow(), clerk, po.number)
    pdf = write_po(demo_app.uow(), po.number, tmp_path / "po.pdf")
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert po.number in text and "TYR-225-45R18" in text
    xlsx = write_po(demo_app.uow(), po.number, tmp_path / "po.xlsx")
    ws = load_workbook(xlsx).active
    assert ws is not None
    rows = [r for r in ws.iter_rows(values_only=True) if r and r[0] == "TYR-225-45R18"]
    assert rows and rows[0][2] == 8
