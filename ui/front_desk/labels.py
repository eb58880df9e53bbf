"""Translated names of states, steps, methods (Qt translations, context "Labels")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ui.widgets import palette


def tr(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def step_name(step: str) -> str:
    names = {
        "received": QCoreApplication.translate("Labels", "Received"),
        "waiting": QCoreApplication.translate("Labels", "Waiting"),
        "in_bay": QCoreApplication.translate("Labels", "In bay"),
        "diagnosis": QCoreApplication.translate("Labels", "Diagnosis"),
        "repair": QCoreApplication.translate("Labels", "Repair"),
        "road_test": QCoreApplication.translate("Labels", "Road test"),
        "quality_check": QCoreApplication.translate("Labels", "Quality check"),
        "wash": QCoreApplication.translate("Labels", "Wash"),
        "ready": QCoreApplication.translate("Labels", "Ready"),
    }
    return names.get(step, step)


def pause_name(reason: str | None) -> str:
    names = {
        "parts": QCoreApplication.translate("Labels", "Waiting for parts"),
        "approval": QCoreApplication.translate("Labels", "Waiting for approval"),
        "break": QCoreApplication.translate("Labels", "Break"),
        "customer": QCoreApplication.translate("Labels", "Waiting for customer"),
        "other": QCoreApplication.translate("Labels", "Paused"),
    }
    return names.get(reason or "", reason or "")


def ro_status_name(status: str) -> str:
    names = {
        "open": QCoreApplication.translate("Labels", "Awaiting approval"),
        "approved": QCoreApplication.translate("Labels", "Approved"),
        "in_progress": QCoreApplication.translate("Labels", "In progress"),
        "ready": QCoreApplication.translate("Labels", "Ready"),
        "settled": QCoreApplication.translate("Labels", "Settled"),
        "delivered": QCoreApplication.translate("Labels", "Delivered"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }
    return names.get(status, status)


def ro_status_color(status: str) -> QColor:
    return QColor(
        {
            "open": palette.PAUSED,
            "approved": palette.WAITING,
            "in_progress": palette.IN_PROGRESS,
            "ready": palette.READY,
            "settled": palette.READY,
            "delivered": palette.MUTED,
            "cancelled": palette.MUTED,
        }.get(status, palette.WAITING)
    )


def appointment_state_name(state: str) -> str:
    names = {
        "booked": QCoreApplication.translate("Labels", "Booked"),
        "arrived": QCoreApplication.translate("Labels", "Arrived"),
        "late": QCoreApplication.translate("Labels", "Late"),
        "no_show": QCoreApplication.translate("Labels", "No-show"),
        "cancelled": QCoreApplication.translate("Labels", "Cancelled"),
    }
    return names.get(state, state)


def appointment_state_color(state: str) -> QColor:
    return QColor(
        {
            "booked": palette.WAITING,
            "arrived": palette.READY,
            "late": palette.PAUSED,
            "no_show": palette.LATE,
            "cancelled": palette.MUTED,
        }.get(state, palette.WAITING)
    )


APPROVAL_METHODS = ("signature", "phone", "wechat", "sms", "in_person")


def method_name(method: str) -> str:
    names = {
        "signature": QCoreApplication.translate("Labels", "Signature"),
        "phone": QCoreApplication.translate("Labels", "Phone"),
        "wechat": QCoreApplication.translate("Labels", "WeChat"),
        "sms": QCoreApplication.translate("Labels", "SMS"),
        "in_person": QCoreApplication.translate("Labels", "In person"),
        "status_page": QCoreApplication.translate("Labels", "Phone status page"),
    }
    return names.get(method, method)


def part_status_name(status: str) -> str:
    names = {
        "requested": QCoreApplication.translate("Labels", "Requested"),
        "reserved": QCoreApplication.translate("Labels", "In stock"),
        "back_order": QCoreApplication.translate("Labels", "Back-order"),
        "issued": QCoreApplication.translate("Labels", "Issued"),
    }
    return names.get(status, status)


def equipment_name(eq: str) -> str:
    names = {
        "lift": QCoreApplication.translate("Labels", "Lift"),
        "alignment": QCoreApplication.translate("Labels", "Alignment"),
        "ev_hv": QCoreApplication.translate("Labels", "EV high voltage"),
        "wash": QCoreApplication.translate("Labels", "Wash"),
        "tyre": QCoreApplication.translate("Labels", "Tyre"),
        "diagnostic": QCoreApplication.translate("Labels", "Diagnostic"),
    }
    return names.get(eq, eq)


def skill_name(skill: str) -> str:
    names = {
        "general": QCoreApplication.translate("Labels", "General"),
        "engine": QCoreApplication.translate("Labels", "Engine"),
        "brakes": QCoreApplication.translate("Labels", "Brakes"),
        "electrical": QCoreApplication.translate("Labels", "Electrical"),
        "ac": QCoreApplication.translate("Labels", "A/C"),
        "alignment": QCoreApplication.translate("Labels", "Alignment"),
        "tyre": QCoreApplication.translate("Labels", "Tyres"),
        "ev_hv": QCoreApplication.translate("Labels", "EV high voltage"),
    }
    return names.get(skill, skill)
