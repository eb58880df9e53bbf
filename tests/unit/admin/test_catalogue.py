"""The catalogue services behind the administration window: the workbook's checks, the
manager's role, never a deletion, and every change in the audit trail."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from workshop_app.bootstrap import App
from workshop_app.demo_store import DEMO_PIN
from workshop_app.errors import (
    Conflict,
    IllegalTransition,
    InvalidInput,
    NotFound,
    PermissionDenied,
)
from workshop_app.models import (
    Bay,
    JobLine,
    LaborOperation,
    Part,
    RepairOrder,
    Staff,
    Supplier,
)
from workshop_app.parts import purchasing
from workshop_app.services.staff import Actor, sign_in
from workshop_app.setup import catalogue
from workshop_app.setup.importer import READERS
from workshop_app.views.audit_trail import audit_trail
from workshop_app.vocabulary import RO_ON_BOARD, JobStep


class _BayNow:
    def __init__(self, bay: Bay) -> None:
        self.kind, self.equipment, self.active, self.sort = (
            bay.kind,
            list(bay.equipment),
            bay.active,
            bay.sort,
        )


def _bay(app: App, name: str) -> _BayNow:
    with app.read() as uow:
        return _BayNow(uow.session.execute(select(Bay).where(Bay.name == name)).scalar_one())


def test_a_manager_edits_a_bay_and_the_trail_says_what_changed(
    demo_app: App, manager: Actor
) -> None:
    change = catalogue.save_entry(
        demo_app.uow(),
        manager,
        "bays",
        {"name": "快修2", "kind": "general", "equipment": "lift, diagnostic"},
        new=False,
    )
    assert change.action == "edited"
    assert change.changes == {
        "kind": ("quick", "general"),
        "equipment": ("lift", "lift, diagnostic"),
    }
    bay = _bay(demo_app, "快修2")
    assert (bay.kind, bay.equipment, bay.active) == ("general", ["lift", "diagnostic"], True)
    with demo_app.read() as uow:
        rows = audit_trail(uow, person="M01", kind="catalogue")
    assert rows[0].actor.startswith("M01")
    assert "kind: quick → general" in rows[0].summary


def test_edits_keep_the_bays_order(demo_app: App, manager: Actor) -> None:
    before = _bay(demo_app, "机修1").sort
    catalogue.save_entry(
        demo_app.uow(), manager, "bays", {"name": "机修1", "kind": "general"}, new=False
    )
    assert _bay(demo_app, "机修1").sort == before


def test_a_field_is_checked_as_the_workbook_checks_it(demo_app: App, manager: Actor) -> None:
    with pytest.raises(InvalidInput) as bad:
        catalogue.save_entry(
            demo_app.uow(),
            manager,
            "labour",
            {"code": "NEW01", "name_zh": "新项目", "standard_hours": "-1", "skill": "juggling"},
            new=True,
        )
    text = str(bad.value)
    assert "-1" in text and "juggling" in text  # both bad cells named at once
    # the same reader the import uses gives the same message
    with pytest.raises(Exception) as cell:
        READERS["labour"]["standard_hours"]("-1")
    assert str(cell.value) in text
    with demo_app.read() as uow:
        assert (
            uow.session.execute(
                select(LaborOperation).where(LaborOperation.code == "NEW01")
            ).first()
            is None
        )


def test_adding_a_code_that_exists_is_refused_whatever_its_case(
    demo_app: App, manager: Actor
) -> None:
    with pytest.raises(Conflict):
        catalogue.save_entry(
            demo_app.uow(),
            manager,
            "staff",
            {"code": "t01", "name": "某人", "role": "technician", "pin": "2468"},
            new=True,
        )
    with demo_app.read() as uow:
        existing = uow.session.execute(select(Part.sku)).scalars().first()
    assert existing is not None
    with pytest.raises(Conflict):
        catalogue.save_entry(
            demo_app.uow(),
            manager,
            "parts",
            {"number": existing, "name_zh": "重复", "price": "1"},
            new=True,
        )


def test_a_new_part_is_added_without_stock_and_stock_is_not_edited_here(
    demo_app: App, manager: Actor
) -> None:
    catalogue.save_entry(
        demo_app.uow(),
        manager,
        "parts",
        {"number": "ADM-01", "name_zh": "测试件", "price": "12.5", "stock": "99"},
        new=True,
    )
    with demo_app.read() as uow:
        part = uow.session.execute(select(Part).where(Part.sku == "ADM-01")).scalar_one()
        assert (part.price, part.stock, part.name_en) == (Decimal("12.50"), 0, "测试件")
    assert "stock" not in catalogue.catalogue_editable("parts")


def test_only_a_manager_edits_catalogues(demo_app: App, advisor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        catalogue.save_entry(
            demo_app.uow(), advisor, "bays", {"name": "快修1", "kind": "general"}, new=False
        )
    with pytest.raises(PermissionDenied):
        catalogue.set_active(demo_app.uow(), advisor, "parts", "X", False)
    assert _bay(demo_app, "快修1").kind == "quick"


def test_a_bay_with_a_car_in_it_cannot_be_deactivated(demo_app: App, manager: Actor) -> None:
    with demo_app.read() as uow:
        busy = uow.session.execute(
            select(Bay.name, RepairOrder.number)
            .join(JobLine, JobLine.bay_id == Bay.id)
            .join(RepairOrder, RepairOrder.id == JobLine.ro_id)
            .where(JobLine.step != JobStep.READY, RepairOrder.status.in_(RO_ON_BOARD))
        ).first()
    assert busy is not None, "the demo has work in a bay"
    with pytest.raises(IllegalTransition) as refused:
        catalogue.set_active(demo_app.uow(), manager, "bays", busy[0], False)
    assert busy[0] in str(refused.value)
    assert _bay(demo_app, busy[0]).active


def test_deactivating_keeps_the_row_and_can_be_undone(demo_app: App, manager: Actor) -> None:
    with demo_app.write() as uow:
        bay = Bay(store_id=uow.store_id, name="备用", kind="general", equipment=[], sort=99)
        uow.session.add(bay)
        uow.commit()
    change = catalogue.set_active(demo_app.uow(), manager, "bays", "备用", False)
    assert change.changes == {"active": ("是", "否")}
    assert not _bay(demo_app, "备用").active
    with pytest.raises(IllegalTransition):
        catalogue.set_active(demo_app.uow(), manager, "bays", "备用", False)
    catalogue.set_active(demo_app.uow(), manager, "bays", "备用", True)
    assert _bay(demo_app, "备用").active


def test_a_deactivated_person_cannot_sign_in(demo_app: App, manager: Actor) -> None:
    catalogue.set_active(demo_app.uow(), manager, "staff", "A02", False)
    with pytest.raises(PermissionDenied):
        sign_in(demo_app.uow(), "A02", DEMO_PIN)
    with pytest.raises(IllegalTransition):
        catalogue.set_active(demo_app.uow(), manager, "staff", "M01", False)  # oneself


def test_the_last_manager_stays(demo_app: App) -> None:
    with pytest.raises(IllegalTransition):
        catalogue.set_active(demo_app.uow(), None, "staff", "M01", False)


def test_a_pin_reset_is_checked_unlocks_and_is_in_the_trail(demo_app: App, manager: Actor) -> None:
    for _i in range(5):
        with pytest.raises(PermissionDenied):
            sign_in(demo_app.uow(), "T02", "0000")
    with pytest.raises(InvalidInput):
        catalogue.reset_pin(demo_app.uow(), manager, "T02", "12a")
    with pytest.raises(NotFound):
        catalogue.reset_pin(demo_app.uow(), manager, "T99", "2468")
    catalogue.reset_pin(demo_app.uow(), manager, "T02", "2468")
    assert sign_in(demo_app.uow(), "T02", "2468").number == "T02"  # unlocked at once
    with demo_app.read() as uow:
        rows = audit_trail(uow, person="M01", kind="staff.pin_reset")
        assert "T02" in rows[0].summary
        with pytest.raises(NotFound):
            audit_trail(uow, person="ZZ9")


def test_a_new_staff_member_needs_a_pin_and_signs_in_with_it(demo_app: App, manager: Actor) -> None:
    values = {"code": "T20", "name": "钱多", "role": "technician", "skills": "general, tyre"}
    with pytest.raises(InvalidInput):
        catalogue.save_entry(demo_app.uow(), manager, "staff", values, new=True)
    with pytest.raises(InvalidInput):
        catalogue.save_entry(demo_app.uow(), manager, "staff", {**values, "pin": "12"}, new=True)
    catalogue.save_entry(demo_app.uow(), manager, "staff", {**values, "pin": "97531"}, new=True)
    who = sign_in(demo_app.uow(), "T20", "97531")
    assert who.skills == ("general", "tyre")
    with demo_app.read() as uow:
        assert uow.session.execute(select(Staff).where(Staff.number == "T20")).scalar_one()


def test_the_store_profile_is_edited_with_the_same_checks(demo_app: App, manager: Actor) -> None:
    with demo_app.read() as uow:
        store = catalogue.catalogue(uow, "store").entries[0]
    with pytest.raises(InvalidInput):
        catalogue.save_entry(
            demo_app.uow(), manager, "store", {**store.values, "timezone": "Mars/Base"}, new=False
        )
    catalogue.save_entry(
        demo_app.uow(), manager, "store", {**store.values, "phone": "020-1234 5678"}, new=False
    )
    with demo_app.read() as uow:
        assert catalogue.catalogue(uow, "store").entries[0].values["phone"] == "020-1234 5678"
    with pytest.raises(IllegalTransition):
        catalogue.set_active(demo_app.uow(), manager, "store", store.key, False)


def test_the_trail_filters_by_ro_and_pages_back(demo_app: App) -> None:
    with demo_app.read() as uow:
        number = uow.session.execute(select(RepairOrder.number).limit(1)).scalar_one()
        rows = audit_trail(uow, ro=number)
        assert rows and all(r.ro == number for r in rows)
        first = audit_trail(uow, limit=3)
        older = audit_trail(uow, limit=3, before=first[-1].id)
        assert older[0].id < first[-1].id
        with pytest.raises(NotFound):
            audit_trail(uow, ro="NOPE-1")


def _supplier_of(app: App, sku: str) -> str | None:
    with app.read() as uow:
        return uow.session.execute(
            select(Supplier.code).join(Part, Part.supplier_id == Supplier.id).where(Part.sku == sku)
        ).scalar_one_or_none()


def test_a_part_moved_to_another_supplier_is_ordered_from_it(demo_app: App, manager: Actor) -> None:
    """The parts tab's supplier column reaches the part (and so the purchase orders)."""
    assert _supplier_of(demo_app, "WB-600") == "SZ-BRAKE"
    with demo_app.read() as uow:
        (entry,) = [e for e in catalogue.catalogue(uow, "parts").entries if e.key == "WB-600"]
    change = catalogue.save_entry(
        demo_app.uow(), manager, "parts", {**entry.values, "supplier": "gz-auto"}, new=False
    )
    assert change.changes["supplier"] == ("SZ-BRAKE", "GZ-AUTO")
    assert _supplier_of(demo_app, "WB-600") == "GZ-AUTO"
    with demo_app.write() as uow:
        uow.session.execute(
            select(Part).where(Part.sku == "WB-600")
        ).scalar_one().reorder_point = 99
        uow.commit()
    groups = {g.supplier_code: g for g in purchasing.suggest(demo_app.uow())}
    assert "WB-600" in [ln.sku for ln in groups["GZ-AUTO"].lines]
    assert "WB-600" not in [ln.sku for g in groups.values() if g.supplier_code != "GZ-AUTO"
                            for ln in g.lines]  # fmt: skip
    # emptied: the part has no supplier (it is suggested apart, to be given one)
    catalogue.save_entry(
        demo_app.uow(), manager, "parts", {**entry.values, "supplier": ""}, new=False
    )
    assert _supplier_of(demo_app, "WB-600") is None


def test_an_unknown_supplier_code_is_refused_and_nothing_changes(
    demo_app: App, manager: Actor
) -> None:
    with demo_app.read() as uow:
        (entry,) = [e for e in catalogue.catalogue(uow, "parts").entries if e.key == "WB-600"]
    for new in (False, True):
        values = {**entry.values, "supplier": "NOPE"}
        if new:
            values["number"] = "ADM-02"
        with pytest.raises(InvalidInput, match="NOPE"):
            catalogue.save_entry(demo_app.uow(), manager, "parts", values, new=new)
    assert _supplier_of(demo_app, "WB-600") == "SZ-BRAKE"
    with demo_app.read() as uow:
        assert uow.session.execute(select(Part).where(Part.sku == "ADM-02")).first() is None
