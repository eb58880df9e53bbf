"""The national repair record platform (汽车维修电子健康档案): the HTTP client, and the
platform played on this machine (in-process for the demo, over HTTP for the tests)."""

from __future__ import annotations

from workshop_app.config import EhrSettings
from workshop_app.ports import RepairRecordUploader


def make_uploader(settings: EhrSettings, *, simulated: bool = False) -> RepairRecordUploader | None:
    """The client for ``settings.url``; the in-process simulator when ``simulated``; None
    when no URL is set (the records are exported for a manual upload)."""
    if simulated:
        from hardware.ehr.simulator import SimulatedRepairRecordPlatform

        return SimulatedRepairRecordPlatform()
    if not settings.url.strip():
        return None
    from hardware.ehr.http_uploader import HttpRepairRecordUploader

    return HttpRepairRecordUploader(
        settings.url.strip(),
        company_code=settings.company_code,
        username=settings.username,
        password=settings.password,
        timeout=settings.timeout_s,
    )
