"""A car the lane's read may be, as the desk is shown it (no reading code in here: screens
import it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workshop_app.i18n import _


@dataclass(frozen=True, slots=True)
class Candidate:
    """A car the read may be, as the desk is shown it."""

    plate: str
    label: str  # appointment | open_ro | known_vehicle
    score: float  # 1.0 = the same plate
    differs: int  # characters that differ (a look-alike swap counts as one)
    appointment_id: int | None = None
    appointment_start: datetime | None = None
    ro_number: str | None = None

    def as_payload(self) -> dict[str, object]:
        return {
            "plate": self.plate,
            "label": self.label,
            "score": self.score,
            "differs": self.differs,
            "appointment_id": self.appointment_id,
            "appointment_start": (
                self.appointment_start.isoformat() if self.appointment_start else None
            ),
            "ro_number": self.ro_number,
        }

    @classmethod
    def of_payload(cls, d: dict[str, object]) -> Candidate:
        start = d.get("appointment_start")
        return cls(
            str(d.get("plate", "")),
            str(d.get("label", "")),
            float(str(d.get("score", 0.0))),
            int(str(d.get("differs", 0))),
            int(str(d["appointment_id"])) if d.get("appointment_id") is not None else None,
            datetime.fromisoformat(str(start)) if start else None,
            str(d["ro_number"]) if d.get("ro_number") else None,
        )


def candidate_text(c: Candidate, local_time: str = "") -> str:
    """ "粤B682D2, booked 09:30 — 1 character differs" (translated)."""
    what = {
        "appointment": _("booked {time}", time=local_time) if local_time else _("booked today"),
        "open_ro": _("in the shop ({ro})", ro=c.ro_number or "—"),
        "known_vehicle": _("known vehicle"),
    }.get(c.label, c.label)
    if c.differs == 0:
        return f"{c.plate}, {what}"
    if c.differs == 1:
        return _("{plate}, {what} — 1 character differs", plate=c.plate, what=what)
    return _("{plate}, {what} — {n} characters differ", plate=c.plate, what=what, n=c.differs)
