"""Invoices as the screens, the PDF and the receipt see them: plain frozen data, no session.

An invoice's status is worked out here, once (:func:`invoice_status`), for the full view
and the list alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from workshop_app.settlement.totals import ZERO, LineIn, Totals


@dataclass(frozen=True, slots=True)
class PaymentInfo:
    payer: str
    method: str
    amount: Decimal
    tendered: Decimal | None
    change: Decimal
    reference: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class PayerInfo:
    kind: str
    name: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    paid: Decimal
    credited: Decimal = ZERO  # by credit notes so far

    @property
    def outstanding(self) -> Decimal:
        return self.gross - self.credited - self.paid


@dataclass(frozen=True, slots=True)
class InvoiceView:
    """An invoice as the screens, the PDF and the receipt see it (plain data)."""

    id: int
    number: str
    kind: str  # invoice | credit_note
    original_number: str
    ro_number: str
    ro_id: int
    issued_at: datetime | None
    issued_by: str
    prices_include_tax: bool
    totals: Totals
    payer_names: Mapping[str, str]
    payers: tuple[PayerInfo, ...]
    payments: tuple[PaymentInfo, ...]
    snapshot: Mapping[str, Any]
    credited_by: str  # number of the credit note that reversed it in full, if any
    reason: str
    credit_notes: tuple[str, ...] = ()  # every credit note on this invoice, oldest first
    credited: Decimal = ZERO  # gross credited by them (positive)
    lines_left: tuple[Decimal, ...] = ()  # gross still creditable per line
    line_numbers: tuple[int, ...] = ()  # 1-based; a credit note's: the invoice lines credited

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    @property
    def outstanding(self) -> Decimal:
        return self.totals.gross - self.credited - self.paid

    @property
    def left_to_credit(self) -> Decimal:
        return sum(self.lines_left, ZERO)

    @property
    def fully_paid(self) -> bool:
        return all(p.outstanding <= 0 for p in self.payers)

    @property
    def status(self) -> str:
        return invoice_status(
            self.kind, reversed=bool(self.credited_by), owed=(p.outstanding for p in self.payers)
        )

    @property
    def verify_code(self) -> str:
        return verify_code(
            str(self.snapshot.get("store_code", "")), self.number, self.totals.gross, self.issued_at
        )


@dataclass(frozen=True, slots=True)
class PackageInfo:
    id: int
    name: str
    operation_code: str
    remaining: int


@dataclass(frozen=True, slots=True)
class Preview:
    ro_number: str
    plate: str
    customer_name: str
    points_available: int
    packages: tuple[PackageInfo, ...]
    lines: tuple[LineIn, ...]
    totals: Totals


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    number: str
    kind: str
    ro: str
    plate: str
    gross: Decimal
    paid: Decimal
    status: str
    issued_at: datetime | None


@dataclass(frozen=True, slots=True)
class SettleRow:
    """An RO on the settlement screen's list."""

    ro_id: int
    ro_number: str
    plate: str
    customer_name: str
    status: str
    estimate_gross: Decimal
    invoice_number: str
    invoice_status: str
    outstanding: Decimal


def invoice_status(kind: str, *, reversed: bool, owed: Iterable[Decimal]) -> str:
    """``credit_note``; ``credited`` (reversed in full by credit notes); ``paid`` (no payer
    owes anything); else ``issued``. ``owed`` is what each payer still owes (their share,
    less credit notes and payments), so a payer refunded by a credit note does not hide
    another payer who has not paid."""
    if kind == "credit_note":
        return "credit_note"
    if reversed:
        return "credited"
    return "paid" if all(o <= 0 for o in owed) else "issued"


def verify_code(store_code: str, number: str, gross: Decimal, issued_at: datetime | None) -> str:
    """The string in the invoice's QR code: who, what, how much, and a short checksum."""
    day = issued_at.date().isoformat() if issued_at else ""
    body = f"WSINV|{store_code}|{number}|{gross}|{day}"
    digest = hashlib.sha256(body.encode()).hexdigest()[:8].upper()
    return f"{body}|{digest}"
