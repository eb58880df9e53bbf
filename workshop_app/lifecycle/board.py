"""Read models of the service life for the front desk: the service-life tab's lists in one
read, and what to offer a car at its visit (the RO editor's strip)."""

from __future__ import annotations

from dataclasses import dataclass

from workshop_app.lifecycle import campaigns, due, follow_ups, no_shows
from workshop_app.lifecycle.campaigns import CampaignFlag, CampaignRow
from workshop_app.lifecycle.due import DueRow
from workshop_app.lifecycle.follow_ups import FollowUpRow
from workshop_app.lifecycle.no_shows import NoShowRow
from workshop_app.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class ServiceLifeBoard:
    due: tuple[DueRow, ...]
    campaigns: tuple[CampaignRow, ...]
    follow_ups: tuple[FollowUpRow, ...]
    no_shows: tuple[NoShowRow, ...]


@dataclass(frozen=True, slots=True)
class VisitOffers:
    campaigns: tuple[CampaignFlag, ...]
    follow_ups: tuple[FollowUpRow, ...]


def service_life_board(uow: UnitOfWork) -> ServiceLifeBoard:
    """The due list, the campaigns, the follow-ups due within a month and the no-shows,
    read in one snapshot."""
    with uow.for_reading() as r:
        return ServiceLifeBoard(
            tuple(due.due_list(r)),
            tuple(campaigns.list_campaigns(r)),
            tuple(follow_ups.follow_up_list(r)),
            tuple(no_shows.no_show_list(r)),
        )


def visit_offers(uow: UnitOfWork, vehicle_id: int) -> VisitOffers:
    """The car's open campaigns and follow-ups: what to offer while it is here."""
    with uow.for_reading() as r:
        return VisitOffers(
            tuple(campaigns.flags_for_vehicles(r, [vehicle_id]).get(vehicle_id, ())),
            tuple(follow_ups.open_for_vehicle(r, vehicle_id)),
        )
