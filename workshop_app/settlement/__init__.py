"""Settlement: invoice an RO to its payers, take payments, issue credit notes.

The public API; callers write ``from workshop_app import settlement`` and call
``settlement.issue_invoice(...)``.
"""

from workshop_app.settlement.credit_plan import CreditRequest
from workshop_app.settlement.issuing import (
    Fee,
    InvoiceSummary,
    InvoiceView,
    LineAdjust,
    PackageInfo,
    PayerInfo,
    PaymentInfo,
    Preview,
    SettlementRequest,
    SettleRow,
    active_invoice,
    bill_to_account,
    get_invoice,
    invoice_for_ro,
    issue_credit_note,
    issue_invoice,
    list_invoices,
    open_questions,
    preview,
    record_payment,
    settle_rows,
    verify_code,
)

__all__ = [
    "CreditRequest",
    "Fee",
    "InvoiceSummary",
    "InvoiceView",
    "LineAdjust",
    "PackageInfo",
    "PayerInfo",
    "PaymentInfo",
    "Preview",
    "SettleRow",
    "SettlementRequest",
    "active_invoice",
    "bill_to_account",
    "get_invoice",
    "invoice_for_ro",
    "issue_credit_note",
    "issue_invoice",
    "list_invoices",
    "open_questions",
    "preview",
    "record_payment",
    "settle_rows",
    "verify_code",
]
