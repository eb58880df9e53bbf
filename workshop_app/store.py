"""The store a program works for: who it is and the settings the services read.

Built once by the composition root (:func:`workshop_app.bootstrap.build`) from the settings
and carried by every unit of work as ``uow.store``. Services read the tax rates, the labour
rate, the time zone and the invoice language from here, never from parameters with silent
defaults, so every screen, command and test of one store computes the same figures::

    price = job.hours * uow.store.tax.labor_rate_per_hour
    today = uow.store.local_date(uow.clock.now())

Frozen: a setting changed while a program runs takes effect at its next start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from workshop_app.config import Settings, TaxSettings
from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, normalise_language
from workshop_app.lifecycle.points_rule import LoyaltyRule
from workshop_app.models import Store

T = TypeVar("T")


def _given(value: T | None, configured: T) -> T:
    """The store row's value where its set-up gave one (``None``: as configured)."""
    return configured if value is None else value


@dataclass(frozen=True, slots=True)
class TaxRates:
    """The store's tax and pricing settings (``[tax]``), frozen."""

    parts_rate: Decimal
    labor_rate: Decimal
    fees_rate: Decimal
    prices_include_tax: bool
    labor_rate_per_hour: Decimal
    points_value: Decimal
    points_cap_ratio: Decimal

    @classmethod
    def from_settings(cls, tax: TaxSettings) -> TaxRates:
        return cls(
            parts_rate=tax.parts_rate,
            labor_rate=tax.labor_rate,
            fees_rate=tax.fees_rate,
            prices_include_tax=tax.prices_include_tax,
            labor_rate_per_hour=tax.labor_rate_per_hour,
            points_value=tax.points_value,
            points_cap_ratio=tax.points_cap_ratio,
        )


@dataclass(frozen=True, slots=True)
class StoreContext:
    """One store's identity and the settings services need, as one frozen value."""

    id: int
    code: str
    name: str
    name_en: str
    phone: str
    address: str
    zone: ZoneInfo
    default_region: str
    tax: TaxRates
    invoice_language: str  # the language invoice lines are frozen in (zh_CN, en)
    status_page_url: str  # base URL of the phone status page (no trailing slash)
    token_days_after_delivery: int
    photos_dir: Path
    # Opening hours (local) and open ISO weekdays: the open bay-hours of bay utilisation.
    opening_hours: str = "08:30-18:00"
    open_days: str = "1234567"
    # The service life ([store] no_show_after_min, default_daily_km, follow_up_days).
    no_show_after: timedelta = timedelta(minutes=60)
    default_daily_km: int = 40
    follow_up_days: int = 30
    # Points earned on paid invoices ([loyalty]: per yuan, per payer, never on points).
    loyalty: LoyaltyRule = field(default_factory=LoyaltyRule)

    @classmethod
    def from_settings(
        cls, settings: Settings, *, store_id: int = 1, profile: Store | None = None
    ) -> StoreContext:
        """The context for ``settings`` and the store's database row (``profile``): the
        row's time zone, tax rates and labour rate where its set-up gave them, else the
        configured ones. A time zone the system does not know is one clear
        :class:`InvalidInput` here, at start, not a traceback in the first screen."""
        store = settings.store
        timezone = (profile.timezone if profile is not None else "") or store.timezone
        try:
            zone = ZoneInfo(timezone.strip())
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidInput(
                _("Setting {name} has a bad value: {value}", name="store.timezone", value=timezone)
            ) from exc
        tax = TaxRates.from_settings(settings.tax)
        if profile is not None:
            tax = replace(
                tax,
                parts_rate=_given(profile.parts_tax_rate, tax.parts_rate),
                labor_rate=_given(profile.labor_tax_rate, tax.labor_rate),
                labor_rate_per_hour=_given(profile.labor_rate_per_hour, tax.labor_rate_per_hour),
                prices_include_tax=_given(profile.prices_include_tax, tax.prices_include_tax),
            )
        return cls(
            id=store_id,
            code=store.code or (profile.code if profile is not None else ""),
            name=store.name or (profile.name if profile is not None else ""),
            name_en=store.name_en or (profile.name_en if profile is not None else ""),
            phone=store.phone or (profile.phone if profile is not None else ""),
            address=store.address or (profile.address if profile is not None else ""),
            zone=zone,
            default_region=store.default_region,
            tax=tax,
            invoice_language=settings.effective_invoice_language,
            status_page_url=settings.status_page.base_url.rstrip("/"),
            token_days_after_delivery=settings.status_page.token_days_after_delivery,
            photos_dir=settings.effective_photos_dir(),
            # the set-up's opening hours when they read HH:MM-HH:MM, else the configured ones
            opening_hours=_hours(profile.opening_hours if profile is not None else "")
            or store.opening_hours,
            open_days=store.open_days,
            no_show_after=timedelta(minutes=store.no_show_after_min),
            default_daily_km=store.default_daily_km,
            follow_up_days=store.follow_up_days,
            loyalty=LoyaltyRule.from_settings(settings.loyalty),
        )

    @property
    def timezone(self) -> str:
        """The zone's IANA name (``Asia/Shanghai``)."""
        return self.zone.key

    @property
    def labor_rate_per_hour(self) -> Decimal:
        return self.tax.labor_rate_per_hour

    def display_name(self, language: str) -> str:
        """The store's name in ``language`` (the Chinese name unless an English one is set)."""
        return self.name_en if normalise_language(language) == "en" and self.name_en else self.name

    def local(self, at: datetime) -> datetime:
        """``at`` (tz-aware) in the store's time zone."""
        return at.astimezone(self.zone)

    def local_date(self, at: datetime) -> date:
        """The store's calendar day at ``at``."""
        return at.astimezone(self.zone).date()

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        """UTC bounds ``[start, end)`` of a calendar day in the store."""
        start = datetime.combine(day, time(0, 0), self.zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0, 0), self.zone).astimezone(UTC)
        return start, end

    def status_url(self, token: str) -> str:
        """The phone status page of an RO's token."""
        return f"{self.status_page_url}/s/{token}"


def _hours(text: str) -> str:
    """``text`` if it is opening hours the reports can measure against (``08:30-18:00``)."""
    t = (text or "").strip().replace("–", "-").replace(" ", "")
    return t if re.fullmatch(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}", t) else ""
