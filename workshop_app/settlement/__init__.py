"""Settlement: invoice an RO to its payers, take payments, issue credit notes.

The public API; callers write ``from workshop_app import settlement`` and call
``settlement.issue_invoice(...)``. The modules:

* :mod:`.totals`: the invoice maths, pure functions over ``Decimal``;
* :mod:`.requests`: what the advisor asks for (line adjustments, fees, discounts, payers);
* :mod:`.pricing`: an RO's invoice as it would be, and ``preview`` (writes nothing);
* :mod:`.issuing`: ``issue_invoice`` (gapless number, frozen lines, one transaction);
* :mod:`.payments`: ``record_payment``, ``bill_to_account``; paid in full settles the RO;
* :mod:`.credit_plan` and :mod:`.credit_notes`: what a credit note credits, and issuing it;
* :mod:`.read_models` and :mod:`.queries`: invoices as plain data (the status is defined
  there, once), for the screens, the PDF and the receipt.
"""

from workshop_app.settlement.credit_notes import issue_credit_note
from workshop_app.settlement.credit_plan import CreditRequest
from workshop_app.settlement.issuing import issue_invoice, open_questions
from workshop_app.settlement.payments import bill_to_account, record_payment
from workshop_app.settlement.pricing import preview
from workshop_app.settlement.queries import (
    active_invoice,
    get_invoice,
    invoice_for_ro,
    list_invoices,
    settle_rows,
)
from workshop_app.settlement.read_models import (
    InvoiceSummary,
    InvoiceView,
    PackageInfo,
    PayerInfo,
    PaymentInfo,
    Preview,
    SettleRow,
    invoice_status,
    verify_code,
)
from workshop_app.settlement.requests import Fee, LineAdjust, SettlementRequest

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
    "invoice_status",
    "issue_credit_note",
    "issue_invoice",
    "list_invoices",
    "open_questions",
    "preview",
    "record_payment",
    "settle_rows",
    "verify_code",
]
