"""Render a check-in ticket (workshop_app.ports.Ticket) to an image: the fallback when no
receipt printer is configured, and the preview."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from workshop_app.ports import Ticket

WIDTH = 384  # 58 mm thermal paper at 203 dpi


def qr_matrix(text: str) -> list[list[bool]]:
    import qrcode

    qr = qrcode.QRCode(border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    return [list(row) for row in qr.get_matrix()]


def render_ticket(ticket: Ticket, font: QFont | None = None) -> QImage:
    base = QFont(font) if font is not None else QFont()
    rows = 5 + len(ticket.lines)
    height = 40 + rows * 30 + (WIDTH - 120 if ticket.qr_url else 0) + 40
    img = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor("black"))
    y = 16.0

    def text(
        s: str,
        size: float,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter,
    ) -> None:
        nonlocal y
        f = QFont(base)
        f.setPixelSize(int(size))
        f.setBold(bold)
        p.setFont(f)
        r = QRectF(12, y, WIDTH - 24, size * 1.5)
        p.drawText(r, int(align | Qt.AlignmentFlag.AlignVCenter), s)
        y += size * 1.5

    text(ticket.store_name, 18, True)
    text(ticket.title, 22, True)
    y += 6
    for line in ticket.lines:
        f = QFont(base)
        f.setPixelSize(17)
        p.setFont(f)
        r = QRectF(16, y, WIDTH - 32, 26)
        p.drawText(r, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line.label)
        f.setBold(True)
        p.setFont(f)
        p.drawText(r, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), line.value)
        y += 28
    if ticket.qr_url:
        m = qr_matrix(ticket.qr_url)
        size = WIDTH - 140
        cell = size / len(m)
        x0 = (WIDTH - size) / 2
        y += 10
        for r_i, row in enumerate(m):
            for c_i, on in enumerate(row):
                if on:
                    p.fillRect(
                        QRectF(x0 + c_i * cell, y + r_i * cell, cell + 0.5, cell + 0.5),
                        QColor("black"),
                    )
        y += size + 8
    if ticket.footer:
        text(ticket.footer, 15)
    p.end()
    return img.copy(0, 0, WIDTH, int(y) + 16)
