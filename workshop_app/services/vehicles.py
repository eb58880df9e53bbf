"""Vehicles and their owners: find by plate, search, register."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NotRequired, TypedDict

from sqlalchemy import select

from workshop_app import values
from workshop_app.errors import Conflict, InvalidInput, NotFound
from workshop_app.event_kinds import EventKind
from workshop_app.i18n import _
from workshop_app.models import Customer, Vehicle
from workshop_app.plates.grammar import validate_plate
from workshop_app.services.staff import Actor
from workshop_app.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class VehicleInfo:
    id: int
    plate: str
    vin: str
    make: str
    model: str
    year: int | None
    colour: str
    energy: str
    mileage: int
    customer_id: int | None
    customer_name: str
    customer_phone: str

    @classmethod
    def of(cls, v: Vehicle, c: Customer | None) -> VehicleInfo:
        """The vehicle and its owner as screens see them."""
        return cls(
            v.id,
            v.plate,
            v.vin,
            v.make,
            v.model,
            v.year,
            v.colour,
            v.energy,
            v.mileage,
            v.customer_id,
            c.name if c else "",
            c.phone if c else "",
        )


class NewVehicle(TypedDict):
    """A car and its owner to register, by :func:`register_vehicle`'s names: what the
    desk's "new vehicle" form gives and its outbox keeps (plain JSON) until it is sent."""

    plate: str
    customer_name: str
    customer_phone: NotRequired[str]
    make: NotRequired[str]
    model: NotRequired[str]
    vin: NotRequired[str]
    year: NotRequired[int | None]
    colour: NotRequired[str]
    energy: NotRequired[str]
    mileage: NotRequired[int]


def find_by_plate(uow: UnitOfWork, plate: str) -> VehicleInfo:
    p = validate_plate(plate)
    with uow.for_reading() as uow:
        row = uow.session.execute(
            select(Vehicle, Customer)
            .outerjoin(Customer, Customer.id == Vehicle.customer_id)
            .where(Vehicle.store_id == uow.store_id, Vehicle.plate == p)
        ).first()
        if row is None:
            raise NotFound(_("No vehicle with plate {plate}.", plate=p))
        return VehicleInfo.of(row[0], row[1])


def register_vehicle(
    uow: UnitOfWork,
    actor: Actor,
    *,
    plate: str,
    customer_name: str,
    customer_phone: str = "",
    make: str = "",
    model: str = "",
    vin: str = "",
    year: int | None = None,
    colour: str = "",
    energy: str = "petrol",
    mileage: int = 0,
) -> VehicleInfo:
    p = validate_plate(plate)
    if mileage < 0:
        raise InvalidInput(_("Mileage cannot be negative."))
    vin = values.vin(vin)
    customer_name = values.text(customer_name, what=_("The customer's name"), max_len=120)
    make = values.text(make, what=_("The make"), max_len=40, required=False)
    model = values.text(model, what=_("The model"), max_len=60, required=False)
    colour = values.text(colour, what=_("The colour"), max_len=30, required=False)
    with uow:
        s = uow.session
        exists = s.execute(
            select(Vehicle.id).where(Vehicle.store_id == uow.store_id, Vehicle.plate == p)
        ).first()
        if exists:
            raise Conflict(_("A vehicle with plate {plate} is already registered.", plate=p))
        cust = Customer(store_id=uow.store_id, name=customer_name, phone=customer_phone)
        s.add(cust)
        s.flush()
        v = Vehicle(
            store_id=uow.store_id,
            plate=p,
            vin=vin,
            make=make,
            model=model,
            year=year,
            colour=colour,
            energy=energy,
            mileage=mileage,
            customer_id=cust.id,
        )
        s.add(v)
        s.flush()
        uow.add_event(EventKind.VEHICLE_REGISTERED, actor_id=actor.id, vehicle_id=v.id, plate=p)
        uow.commit()
        return VehicleInfo.of(v, cust)
