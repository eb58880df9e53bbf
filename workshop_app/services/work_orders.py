"""The work order (维修委托书) of an RO: its read model and its PDF.

Everything on it comes from the RO as it is now, at the store's prices and tax rates
(``uow.store``): the lines the customer approved (or will approve) with their prices
including tax, the lines still waiting for the customer's answer shown apart, the status
page link of the check-in ticket as a QR code, and the customer's newest signature.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

from workshop_app.i18n import _, current_language, name_for
from workshop_app.invoices.work_order import (
    WorkOrderLine,
    WorkOrderView,
    default_terms,
    render_work_order_pdf,
)
from workshop_app.models import (
    Customer,
    ExtraWorkRequest,
    LaborOperation,
    Part,
    RepairOrder,
    Staff,
    Vehicle,
)
from workshop_app.services.estimates import line_amounts, money
from workshop_app.services.extra_work import question_price
from workshop_app.services.repair_orders import estimate_lines, get_ro_row, ro_estimate
from workshop_app.services.signatures import latest_signature
from workshop_app.uow import UnitOfWork


def approval_method_label(method: str) -> str:
    labels = {
        "signature": _("signature"),
        "phone": _("phone"),
        "wechat": _("WeChat"),
        "sms": _("SMS"),
        "in_person": _("in person"),
        "status_page": _("phone status page"),
    }
    return labels.get(method, method)


def _local(uow: UnitOfWork, at: datetime | None) -> str:
    return uow.store.local(at).strftime("%Y-%m-%d %H:%M") if at is not None else ""


def _waiting_lines(uow: UnitOfWork, ro: RepairOrder, lang: str) -> list[WorkOrderLine]:
    """Questions still waiting for the customer, priced (a question in words has no line)."""
    s = uow.session
    out: list[WorkOrderLine] = []
    for req in s.execute(
        select(ExtraWorkRequest)
        .where(ExtraWorkRequest.ro_id == ro.id, ExtraWorkRequest.status == "pending")
        .order_by(ExtraWorkRequest.id)
    ).scalars():
        price = question_price(uow, req)
        if price is None:
            continue
        if req.part_line_id is not None:
            pl = next((p for p in ro.parts if p.id == req.part_line_id), None)
            part = s.get(Part, pl.part_id) if pl is not None else None
            if pl is None or part is None:
                continue
            desc = name_for(lang, part.name_zh, part.name_en)
            out.append(
                WorkOrderLine("part", part.sku, desc, pl.quantity, price, price, waiting=True)
            )
        else:
            op = s.get(LaborOperation, req.operation_id) if req.operation_id else None
            desc = req.description or (name_for(lang, op.name_zh, op.name_en) if op else "")
            hours = op.standard_hours if op else Decimal(1)
            code = op.code if op else ""
            out.append(WorkOrderLine("labor", code, desc, hours, price, price, waiting=True))
    return out


def work_order(uow: UnitOfWork, ro_number: str) -> WorkOrderView:
    """The work order of an RO in the current language."""
    lang = current_language()
    zh = lang == "zh_CN"
    with uow.for_reading() as r:
        s = r.session
        ro = get_ro_row(r, ro_number)
        store = r.store
        vehicle = s.get(Vehicle, ro.vehicle_id)
        customer = s.get(Customer, ro.customer_id) if ro.customer_id else None
        advisor = s.get(Staff, ro.advisor_id) if ro.advisor_id else None
        tax = store.tax
        lines: list[WorkOrderLine] = []
        for ln in estimate_lines(r, ro, language=lang):
            _net, _tax, gross = line_amounts(ln, tax.prices_include_tax)
            unit = money(gross / ln.quantity) if ln.quantity else gross
            lines.append(WorkOrderLine(ln.kind, ln.code, ln.description, ln.quantity, unit, gross))
        lines += _waiting_lines(r, ro, lang)
        est = ro_estimate(r, ro)
        sig = latest_signature(r, ro.id)
        return WorkOrderView(
            store_name=store.display_name(lang),
            store_name_other=(store.name_en if zh else store.name)
            if store.name_en and store.name_en != store.name
            else "",
            store_address=store.address,
            store_phone=store.phone,
            ro_number=ro.number,
            status=ro.status,
            opened_at=_local(r, ro.opened_at),
            advisor=advisor.name if advisor else "",
            customer=customer.name if customer else "",
            phone=customer.phone if customer else "",
            plate=vehicle.plate if vehicle else "",
            vehicle=f"{vehicle.make} {vehicle.model}".strip() if vehicle else "",
            vin=vehicle.vin if vehicle else "",
            mileage=ro.mileage_in,
            fuel_level=ro.fuel_level,
            complaint=ro.complaint,
            walkaround=ro.walkaround,
            promised_at=_local(r, ro.promised_at),
            lines=tuple(lines),
            net=est.net,
            tax=est.tax,
            gross=est.gross,
            prices_include_tax=tax.prices_include_tax,
            terms=default_terms(),
            status_url=store.status_url(ro.status_token),
            approved_by=ro.approved_by,
            approved_at=_local(r, ro.approved_at),
            approval_method=approval_method_label(ro.approval_method),
            signature_png=sig.png if sig is not None else None,
            signed_at=_local(r, sig.signed_at) if sig is not None else "",
            cancelled_reason=(ro.cancel_reason or _("cancelled"))
            if ro.status == "cancelled"
            else "",
        )


def work_order_pdf(uow: UnitOfWork, ro_number: str) -> bytes:
    """The work order of an RO as PDF bytes, in the current language."""
    return render_work_order_pdf(work_order(uow, ro_number))
