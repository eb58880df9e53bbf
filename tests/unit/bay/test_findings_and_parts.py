from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import cv2
import numpy as np
import pytest
from sqlalchemy import func, select

from workshop_app.errors import Conflict, IllegalTransition, InvalidInput, PermissionDenied
from workshop_app.models import Finding
from workshop_app.parts import counter
from workshop_app.services import bay_parts, extra_work, findings, progress
from workshop_app.views import bay_queue


def _png() -> bytes:
    img = np.zeros((40, 60, 3), np.uint8)
    img[:, :30] = (0, 0, 255)
    ok, buf = cv2.imencode(".png", img)
    assert ok
    return buf.tobytes()


def test_a_photo_is_stored_as_jpeg_under_the_photos_folder(tmp_path: Path):
    rel = findings.save_photo(_png(), ro_id=7, folder=tmp_path)
    assert rel.startswith("ro_7/") and rel.endswith(".jpg")
    stored = cv2.imread(str(tmp_path / rel))
    assert stored is not None and stored.shape[:2] == (40, 60)


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 not a picture", b"\x89PNG\r\n\x1a\n broken"])
def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path, data: bytes):
    with pytest.raises(InvalidInput):
        findings.save_photo(data, ro_id=1, folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_rating_an_item_again_replaces_the_rating_and_keeps_the_photo(demo_app, job_at, tmp_path):
    j = job_at("repair")
    rel = findings.save_photo(_png(), ro_id=j.ro_id, folder=tmp_path)
    first = findings.record_finding(
        demo_app.uow(), j.tech, j.job_id, "brakes", "advise", note="2 mm left", photo_path=rel
    )
    again = findings.record_finding(demo_app.uow(), j.tech, j.job_id, "brakes", "urgent")
    findings.record_finding(demo_app.uow(), j.tech, j.job_id, "tyres", "ok")
    assert again.id == first.id
    listed = findings.findings_for_job(demo_app.uow(), j.job_id)
    assert [(f.item, f.rating, f.note, f.photo_path) for f in listed] == [
        ("tyres", "ok", "", ""),
        ("brakes", "urgent", "2 mm left", rel),
    ]


def test_bad_findings_are_refused(demo_app, job_at, advisor):
    j = job_at("repair")
    with pytest.raises(InvalidInput):
        findings.record_finding(demo_app.uow(), j.tech, j.job_id, "engine", "ok")
    with pytest.raises(InvalidInput):
        findings.record_finding(demo_app.uow(), j.tech, j.job_id, "tyres", "fine")
    with pytest.raises(InvalidInput):
        findings.record_finding(
            demo_app.uow(), j.tech, j.job_id, "tyres", "ok", photo_path="/etc/passwd"
        )
    with pytest.raises(PermissionDenied):
        findings.record_finding(demo_app.uow(), advisor, j.job_id, "tyres", "ok")
    with demo_app.uow() as uow:
        assert (
            uow.session.execute(
                select(func.count()).select_from(Finding).where(Finding.job_line_id == j.job_id)
            ).scalar_one()
            == 0
        )


def _customer_says_yes(app, advisor, part_line_id: int) -> None:
    """The part costs something: the customer approves it before the counter issues it."""
    (asked,) = [
        r
        for r in extra_work.pending_extra_work(app.uow())
        if r.part is not None and r.part.part_line_id == part_line_id
    ]
    extra_work.answer_extra_work(
        app.uow(), advisor, asked.id, approved=True, customer_method="phone"
    )


def test_a_requested_part_is_reserved_then_issued_with_its_time(demo_app, job_at, advisor, clock):
    j = job_at("repair")
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "wb-600", Decimal(2))
    assert (req.status, req.from_bay, req.issued_at) == ("reserved", True, None)
    _customer_says_yes(demo_app, advisor, req.id)
    clock.advance(minutes=5)
    issued = bay_parts.issue_part(demo_app.uow(), advisor, req.id)
    assert issued.status == "issued" and issued.issued_at == clock.now()
    mine = [p for p in bay_parts.parts_for_job(demo_app.uow(), j.job_id) if p.id == req.id]
    assert mine[0].issued_at == clock.now()
    with pytest.raises(IllegalTransition):
        bay_parts.issue_part(demo_app.uow(), advisor, req.id)


def test_a_part_out_of_stock_is_back_ordered_and_cannot_be_issued(
    demo_app, job_at, advisor, manager
):
    j = job_at("repair")
    req = bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "EV-COOL-4L", Decimal(1))
    assert req.status == "back_order" and req.expected_at is not None
    _customer_says_yes(demo_app, advisor, req.id)
    with pytest.raises(Conflict):
        bay_parts.issue_part(demo_app.uow(), advisor, req.id)
    counter.receive(demo_app.uow(), manager, "EV-COOL-4L", "3")  # the delivery came
    assert bay_parts.issue_part(demo_app.uow(), advisor, req.id).status == "issued"


def test_a_retried_part_request_is_applied_once(demo_app, job_at):
    j = job_at("repair")
    a = bay_parts.request_part(
        demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1), idempotency_key="p1"
    )
    b = bay_parts.request_part(
        demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1), idempotency_key="p1"
    )
    assert a.id == b.id
    assert sum(p.from_bay for p in bay_parts.parts_for_job(demo_app.uow(), j.job_id)) == 1


def test_bad_part_requests_are_refused(demo_app, job_at):
    j = job_at("repair")
    with pytest.raises(InvalidInput):
        bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(0))
    with pytest.raises(InvalidInput):
        bay_parts.request_part(demo_app.uow(), j.tech, j.job_id, "WB-600", Decimal(1000))
    assert [c.sku for c in bay_parts.part_catalog(demo_app.uow(), "wiper")] == ["WB-600"]


def test_the_bay_queue_lists_my_jobs_first_with_their_state(demo_app, job_at):
    j = job_at("repair")
    progress.clock_on(demo_app.uow(), j.tech, j.job_id)
    extra_work.request_extra_work(demo_app.uow(), j.tech, j.job_id, "Pads")
    rows = bay_queue.bay_queue(demo_app.uow(), bay_id=None, technician_id=j.tech.id)
    assert rows and all(r.mine for r in rows)
    row = next(r for r in rows if r.job_id == j.job_id)
    assert row.paused_reason == "approval" and row.pending_extra == 1
    assert row.clocked_on == ()  # asking clocked everyone off
    assert row.plate and row.operation
    assert bay_queue.open_clock(demo_app.uow(), j.tech.id) is None


def test_the_bay_queue_shows_quality_checks_to_the_foreman(demo_app, job_at, foreman):
    j = job_at("quality_check")
    rows = bay_queue.bay_queue(
        demo_app.uow(), bay_id=None, technician_id=foreman.id, quality_checks=True
    )
    assert j.job_id in [r.job_id for r in rows]
    bay_id = bay_queue.bay_id_by_name(demo_app.uow(), "机修1")
    assert bay_id is not None
    at_bay = bay_queue.bay_queue(demo_app.uow(), bay_id=bay_id, technician_id=None)
    assert all(r.bay_name == "机修1" for r in at_bay)
    assert bay_queue.bay_id_by_name(demo_app.uow(), "nowhere") is None
