"""Settings: a TOML file in the user config dir, overridden by ``WORKSHOP_*`` variables.

Sections map to nested dataclasses; an env var ``WORKSHOP_<FIELD>`` overrides a top-level
field and ``WORKSHOP_<SECTION>_<FIELD>`` a field of a section (``WORKSHOP_BARRIER_PORT``,
``WORKSHOP_EXIT_CAMERA_SOURCE``). ``[exit_camera]`` and ``[exit_barrier]`` (same keys as
``[camera]`` and ``[barrier]``) are empty unless a lane has a camera and barrier at the exit.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import platformdirs

from workshop_app.errors import InvalidInput
from workshop_app.i18n import _, normalise_language, system_language

APP_NAME = "workshop"
DEFAULT_INVOICE_LANGUAGE = "zh_CN"  # a Chinese dealer's invoices are in Chinese


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_config_path() -> Path:
    return Path(os.environ.get("WORKSHOP_CONFIG", config_dir() / "workshop.toml"))


@dataclass
class StoreSettings:
    """Which store this terminal belongs to, and overrides of its profile.

    ``code`` picks the store in a database with several (``store = "GZ02"`` at the top of
    workshop.toml is the same); empty: the database's first store. Empty name/phone/address
    are filled from the store's row in the database (its set-up workbook or wizard): a real
    shop never shows the demo store's name.
    """

    name: str = ""
    name_en: str = ""
    code: str = ""
    phone: str = ""
    address: str = ""
    timezone: str = "Asia/Shanghai"
    default_region: str = "cn"


@dataclass
class TaxSettings:
    parts_rate: Decimal = Decimal("0.13")
    labor_rate: Decimal = Decimal("0.13")
    fees_rate: Decimal = Decimal("0.06")
    prices_include_tax: bool = True
    labor_rate_per_hour: Decimal = Decimal("180.00")
    points_value: Decimal = Decimal("0.01")
    points_cap_ratio: Decimal = Decimal("0.20")


@dataclass
class CameraSettings:
    # "" (none: typed plates only), a USB index ("0"), an RTSP/HTTP URL, a video file, a folder,
    # or "demo" (the demo's rendered cars; ``workshop demo`` sets it)
    source: str = ""
    fps: float = 5.0


def _no_exit_camera() -> CameraSettings:
    return CameraSettings(source="")  # "": the lane has no exit camera


@dataclass
class PlateSettings:
    engine: str = "rapidocr"  # or "easyocr"
    easyocr_model_dir: str = ""
    vote_window_s: float = 3.0
    repeat_suppress_s: float = 60.0
    accept_score: float = 0.85
    regions: list[str] = field(default_factory=lambda: ["cn", "eu", "us", "br"])


@dataclass
class BarrierSettings:
    driver: str = ""  # "" (none), "modbus", "ascii" or "simulated" (the demo's)
    port: str = ""
    baud: int = 9600
    unit: int = 1
    coil: int = 0
    pulse_ms: int = 500
    timeout_s: float = 1.0
    retries: int = 2
    open_command: str = "OPEN\r\n"
    close_command: str = "CLOSE\r\n"
    ack: str = "OK"
    open_for_known_customers: bool = False  # entry only
    duplicate_window_s: float = 30.0


def _no_exit_barrier() -> BarrierSettings:
    return BarrierSettings(driver="")  # "": the lane has no exit barrier


@dataclass
class PrinterSettings:
    driver: str = "none"  # "none", "serial", "network", "usb", "file"
    target: str = ""  # COM3 / /dev/ttyUSB0, host[:9100], VID:PID (0416:5011), a file path
    baud: int = 9600
    paper_width_mm: int = 80  # 58 or 80
    encoding: str = "gb18030"  # Chinese printers (FS & mode); e.g. "cp437" for Western ones
    spool_dir: str = ""  # where unprinted jobs wait for a retry (empty: in memory only)


@dataclass
class StatusPageSettings:
    base_url: str = "http://127.0.0.1:8750"
    token_days_after_delivery: int = 7
    requests_per_minute: int = 60
    burst: int = 0  # bucket size per client IP; 0 = requests_per_minute
    host: str = "0.0.0.0"
    port: int = 8750


@dataclass
class NotifySettings:
    """Messages to owners (see workshop_app.notify). No channel: nothing is sent."""

    channels: list[str] = field(default_factory=list)  # by preference: "wechat", "sms", "email"
    events: list[str] = field(
        default_factory=lambda: ["received", "approval", "promise_at_risk", "ready", "delivered"]
    )
    quiet_hours: str = "21:00-08:00"  # store time; "" for none
    max_attempts: int = 8
    promise_grace_min: int = 15  # tell the owner when the new expected time is this late
    texts: list[str] = field(default_factory=list)  # "ready.zh_CN=...{plate}...{link}"


@dataclass
class SmtpSettings:
    host: str = ""
    port: int = 587
    username: str = ""
    password: str = ""
    sender: str = ""
    starttls: bool = True
    cafile: str = ""  # a private CA for the mail server's certificate ("" = the system's)
    timeout_s: float = 10.0


@dataclass
class SmsSettings:
    provider: str = "aliyun"  # "aliyun" (Alibaba Cloud SendSms) or "webhook" (generic JSON)
    url: str = "https://dysmsapi.aliyuncs.com/"
    key_id: str = ""  # Aliyun AccessKeyId (webhook: unused)
    key_secret: str = ""  # Aliyun AccessKeySecret / webhook bearer token
    sign_name: str = ""
    templates: list[str] = field(default_factory=list)  # "ready=SMS_123456", one per event
    timeout_s: float = 10.0


@dataclass
class WechatSettings:
    app_id: str = ""
    app_secret: str = ""
    api_base: str = "https://api.weixin.qq.com"
    templates: list[str] = field(default_factory=list)  # "ready=<template id>", one per event
    timeout_s: float = 10.0


@dataclass
class Settings:
    db_url: str = ""
    language: str = ""
    # The language of what an invoice says (its line descriptions are frozen in it at issue),
    # whatever language the issuing desk's UI runs in. WORKSHOP_INVOICE_LANGUAGE overrides it.
    invoice_language: str = DEFAULT_INVOICE_LANGUAGE
    # Inspection photos from the bays; "" = <user data dir>/photos. On a shop floor, a folder
    # every bay terminal can write (a network share). WORKSHOP_PHOTOS_DIR overrides it.
    photos_dir: str = ""
    store: StoreSettings = field(default_factory=StoreSettings)
    tax: TaxSettings = field(default_factory=TaxSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    plates: PlateSettings = field(default_factory=PlateSettings)
    barrier: BarrierSettings = field(default_factory=BarrierSettings)
    # Optional second lane: the exit camera and barrier (same keys as [camera] / [barrier]).
    exit_camera: CameraSettings = field(default_factory=_no_exit_camera)
    exit_barrier: BarrierSettings = field(default_factory=_no_exit_barrier)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    status_page: StatusPageSettings = field(default_factory=StatusPageSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    sms: SmsSettings = field(default_factory=SmsSettings)
    wechat: WechatSettings = field(default_factory=WechatSettings)

    @property
    def effective_language(self) -> str:
        return self.language or system_language()

    @property
    def effective_invoice_language(self) -> str:
        return normalise_language(self.invoice_language or DEFAULT_INVOICE_LANGUAGE)

    def effective_db_url(self) -> str:
        if self.db_url:
            return self.db_url
        return f"sqlite:///{data_dir() / 'workshop.db'}"

    def effective_photos_dir(self) -> Path:
        if self.photos_dir.strip():
            return Path(self.photos_dir.strip()).expanduser()
        return data_dir() / "photos"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = _jsonable(dataclasses.asdict(self))
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    return value


def _coerce(current: Any, raw: Any, name: str) -> Any:
    try:
        if isinstance(current, bool):
            if isinstance(raw, bool):
                return raw
            return str(raw).strip().lower() in ("1", "true", "yes", "on")
        if isinstance(current, Decimal):
            return Decimal(str(raw))
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
        if isinstance(current, list):
            if isinstance(raw, list):
                return [str(x) for x in raw]
            return [x.strip() for x in str(raw).split(",") if x.strip()]
        return str(raw)
    except (ValueError, ArithmeticError) as exc:
        raise InvalidInput(
            _("Setting {name} has a bad value: {value}", name=name, value=raw)
        ) from exc


def _apply(obj: Any, values: dict[str, Any], prefix: str) -> None:
    for key, raw in values.items():
        if key == "store" and isinstance(raw, str) and isinstance(obj, Settings):
            obj.store.code = raw.strip()  # ``store = "GZ02"``: this terminal's store
            continue
        if not hasattr(obj, key):
            raise InvalidInput(_("Unknown setting: {name}", name=prefix + key))
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(raw, dict):
                raise InvalidInput(_("Setting {name} must be a table.", name=prefix + key))
            _apply(current, raw, f"{prefix}{key}.")
        else:
            setattr(obj, key, _coerce(current, raw, prefix + key))


def _env_overrides(settings: Settings, env: dict[str, str]) -> None:
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if dataclasses.is_dataclass(value):
            for sub in dataclasses.fields(value):
                key = f"WORKSHOP_{f.name}_{sub.name}".upper()
                if key in env:
                    setattr(value, sub.name, _coerce(getattr(value, sub.name), env[key], key))
        else:
            key = f"WORKSHOP_{f.name}".upper()
            if key in env:
                setattr(settings, f.name, _coerce(value, env[key], key))


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if it exists), then ``WORKSHOP_*`` variables."""
    settings = Settings()
    path = path or default_config_path()
    if path.exists():
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                _("Config file {path} is not valid TOML: {err}", path=path, err=exc)
            ) from exc
        _apply(settings, data, "")
    _env_overrides(settings, dict(os.environ) if env is None else env)
    return settings
