"""Settings: a TOML file in the user config dir, overridden by ``WORKSHOP_*`` variables.

Sections map to nested dataclasses; an env var ``WORKSHOP_<FIELD>`` overrides a top-level
field and ``WORKSHOP_<SECTION>_<FIELD>`` a field of a section (``WORKSHOP_BARRIER_PORT``,
``WORKSHOP_EXIT_CAMERA_SOURCE``). ``[exit_camera]`` and ``[exit_barrier]`` (same keys as
``[camera]`` and ``[barrier]``) are empty unless a lane has a camera and barrier at the exit.
"""

from __future__ import annotations

import dataclasses
import math
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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


# A new store's time zone until its settings say another (Chinese dealers first).
DEFAULT_TIMEZONE = "Asia/Shanghai"


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
    timezone: str = DEFAULT_TIMEZONE
    default_region: str = "cn"
    # The workshop's opening hours (store local time) and open weekdays (ISO: 1 = Monday):
    # the open bay-hours that bay utilisation is measured against.
    opening_hours: str = "08:30-18:00"
    open_days: str = "1234567"
    # The service life: a booked car not arrived this many minutes after its slot is a
    # no-show; a car with no mileage history is projected at this many km a day; declined
    # work and findings are offered again after this many days (urgent findings: a week).
    no_show_after_min: int = 60
    default_daily_km: int = 40
    follow_up_days: int = 30


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


@dataclass
class BayCameraSettings:
    # The bay terminal's camera for inspection photos: "" (none: photos from files only), a
    # device index ("0"), a device path (/dev/video0), an rtsp:// / http(s):// URL, or "demo"
    # (the simulator: a rendered brake disc or tyre).
    source: str = ""
    warmup_frames: int = 5  # frames read and dropped first, so exposure settles
    timeout_s: float = 5.0  # no frame in this time: the camera is offline


def bay_camera_source_ok(source: str) -> bool:
    """A ``bay_camera.source`` the adapter can open (see :class:`BayCameraSettings`)."""
    s = source.strip()
    if not s or s.isdigit() or s.lower() in ("demo", "simulated", "sim"):
        return True
    if s.startswith("/dev/"):
        return True
    scheme = s.split("://", 1)[0].lower() if "://" in s else ""
    return scheme in ("rtsp", "rtsps", "http", "https")


def _no_exit_camera() -> CameraSettings:
    return CameraSettings(source="")  # "": the lane has no exit camera


@dataclass
class PlateSettings:
    engine: str = "rapidocr"  # or "easyocr"
    # rapidocr engine: "ensemble" (PP-OCR + our plate model, per character), "ppocr", "plate"
    recogniser: str = "ensemble"
    easyocr_model_dir: str = ""
    vote_window_s: float = 3.0
    repeat_suppress_s: float = 60.0
    accept_score: float = 0.85
    regions: list[str] = field(default_factory=lambda: ["cn", "eu", "us", "br"])


@dataclass
class LaneSettings:
    """The barrier lane (``workshop lane``): when to read, when a visit ends, when to open."""

    auto_open_score: float = 0.95  # a match this close opens by itself (exact or look-alikes)
    min_candidate_score: float = 0.6  # candidates below this are not shown to the desk
    min_vote_confidence: float = 0.5  # a vote less sure than this never opens by itself
    decide_reads: int = 3  # reads of the car before deciding (a vote of min_vote_confidence)
    decide_after_s: float = 1.5  # ... or this long after its first read, whichever is first
    agree_reads: int = 2  # ... or this many reads in a row that agree, each sure of every
    agree_confidence: float = 0.9  # character to at least this
    known_confidence: float = 0.95  # ... or one read this sure of a plate the shop expects
    expected_refresh_s: float = 15.0  # how often the lane re-reads which plates it expects
    empty_reads_to_leave: int = 3  # reads with no plate in a row: the car has left
    next_car_gap_s: float = 1.5  # a clearly different plate this soon after the car's last
    # read is that car misread (approach, glare, a passer-by); later, it is the next car
    visit_max_s: float = 120.0  # a visit ends after this long even if the car stays
    repeat_s: float = 60.0  # the same plate again this soon after its visit ended: same car
    read_interval_s: float = 0.2  # at most one read this often while a car is in view
    idle_check_s: float = 0.2  # how often a quiet scene is checked for movement
    look_s: float = 6.0  # movement but no plate read: keep looking this long after it stopped
    look_interval_s: float = 1.0  # ... with one read this often
    motion_threshold: float = 8.0  # mean grey-level change (0..255) of a moved 32x18 cell
    motion_cells: float = 0.01  # share of cells that must change to count as movement
    retry_s: float = 2.0  # a visit not recorded (database away) is retried this often
    frame_budget: bool = True  # a frame read runs the text detector at one scale, not two
    hint_s: float = 0.0  # > 0: a plate read this recently: its region of the next frame first
    raw_match_score: float = 0.8  # text fitting no plate this close to an expected plate:
    # the desk is asked with that car (never opened by itself)


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
class LoyaltySettings:
    """Membership points earned on paid invoices (see workshop_app.lifecycle.loyalty)."""

    points_per_yuan: Decimal = Decimal("0")  # e.g. 1: a point per yuan; 0: none earned
    payers: list[str] = field(default_factory=lambda: ["customer"])  # whose payments earn
    # how they paid; points are a discount, never a payment, and never earn ("points" here
    # is refused when the settings are loaded)
    methods: list[str] = field(default_factory=lambda: ["cash", "card", "wechat", "alipay"])


@dataclass
class EhrSettings:
    """The national repair record (汽车维修电子健康档案) upload; no URL: export only."""

    url: str = ""  # the province's upload endpoint
    company_code: str = ""  # the shop's code on the platform
    username: str = ""
    password: str = ""
    company_name: str = ""  # "": the store's name
    timeout_s: float = 10.0
    max_attempts: int = 12


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
    # The front desk locks itself (sign in again) after this many idle minutes; 0: never.
    lock_after_idle_min: int = 10
    store: StoreSettings = field(default_factory=StoreSettings)
    tax: TaxSettings = field(default_factory=TaxSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    bay_camera: BayCameraSettings = field(default_factory=BayCameraSettings)
    plates: PlateSettings = field(default_factory=PlateSettings)
    barrier: BarrierSettings = field(default_factory=BarrierSettings)
    lane: LaneSettings = field(default_factory=LaneSettings)
    # Optional second lane: the exit camera and barrier (same keys as [camera] / [barrier]).
    exit_camera: CameraSettings = field(default_factory=_no_exit_camera)
    exit_barrier: BarrierSettings = field(default_factory=_no_exit_barrier)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    status_page: StatusPageSettings = field(default_factory=StatusPageSettings)
    notify: NotifySettings = field(default_factory=NotifySettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    sms: SmsSettings = field(default_factory=SmsSettings)
    wechat: WechatSettings = field(default_factory=WechatSettings)
    loyalty: LoyaltySettings = field(default_factory=LoyaltySettings)
    ehr: EhrSettings = field(default_factory=EhrSettings)

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


_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _bad(name: str, raw: Any, why: str = "") -> InvalidInput:
    if why:
        return InvalidInput(
            _("Setting {name} has a bad value: {value} ({why})", name=name, value=raw, why=why)
        )
    return InvalidInput(_("Setting {name} has a bad value: {value}", name=name, value=raw))


def _coerce(current: Any, raw: Any, name: str) -> Any:
    """``raw`` (from TOML or an env var) as the type of ``current``, exactly: a bool is
    true/false (not "maybe"), an int is whole (not 8750.9), a number is finite."""
    if isinstance(current, bool):
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise _bad(name, raw, _("use true or false"))
    if isinstance(current, Decimal):
        if isinstance(raw, bool) or not isinstance(raw, str | int | float | Decimal):
            raise _bad(name, raw)
        try:
            value = Decimal(str(raw).strip())
        except ArithmeticError:
            raise _bad(name, raw) from None
        if not value.is_finite():
            raise _bad(name, raw, _("not a finite number"))
        return value
    if isinstance(current, int):
        if isinstance(raw, bool):
            raise _bad(name, raw, _("not a whole number"))
        if isinstance(raw, int):
            return raw
        text = str(raw).strip()
        if isinstance(raw, str) and text.lstrip("+-").isdigit() and len(text) <= 19:
            return int(text)
        raise _bad(name, raw, _("not a whole number"))
    if isinstance(current, float):
        if isinstance(raw, bool) or not isinstance(raw, str | int | float):
            raise _bad(name, raw)
        try:
            number = float(raw)
        except ValueError:
            raise _bad(name, raw) from None
        if not math.isfinite(number):
            raise _bad(name, raw, _("not a finite number"))
        return number
    if isinstance(current, list):
        if isinstance(raw, list):
            return [str(x) for x in raw]
        return [x.strip() for x in str(raw).split(",") if x.strip()]
    if isinstance(raw, dict | list):
        raise _bad(name, raw, _("expected text"))
    return str(raw)


def _apply(obj: Any, values: dict[str, Any], prefix: str) -> None:
    known = {f.name for f in dataclasses.fields(obj)}
    for key, raw in values.items():
        if key == "store" and isinstance(raw, str) and isinstance(obj, Settings):
            obj.store.code = raw.strip()  # ``store = "GZ02"``: this terminal's store
            continue
        if key not in known:
            raise InvalidInput(_("Unknown setting: {name}", name=prefix + key))
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(raw, dict):
                raise InvalidInput(_("Setting {name} must be a table.", name=prefix + key))
            _apply(current, raw, f"{prefix}{key}.")
        else:
            if isinstance(raw, dict):
                raise _bad(prefix + key, raw, _("expected a value, not a table"))
            setattr(obj, key, _coerce(current, raw, prefix + key))


def _env_overrides(settings: Settings, env: dict[str, str]) -> dict[str, str]:
    """Apply ``WORKSHOP_*`` overrides; returns {dotted setting: env var} for messages."""
    sources: dict[str, str] = {}
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        if dataclasses.is_dataclass(value):
            for sub in dataclasses.fields(value):
                key = f"WORKSHOP_{f.name}_{sub.name}".upper()
                if key in env:
                    setattr(value, sub.name, _coerce(getattr(value, sub.name), env[key], key))
                    sources[f"{f.name}.{sub.name}"] = key
        else:
            key = f"WORKSHOP_{f.name}".upper()
            if key in env:
                setattr(settings, f.name, _coerce(value, env[key], key))
                sources[f.name] = key
    return sources


# Ranges, by dotted setting: (low, high) for numbers, a tuple of choices for text. Checked
# once the file and the environment are applied, so a bad value is one line naming its key.
_RANGES: dict[str, tuple[Any, ...]] = {
    "tax.parts_rate": (Decimal(0), Decimal(1)),
    "tax.labor_rate": (Decimal(0), Decimal(1)),
    "tax.fees_rate": (Decimal(0), Decimal(1)),
    "tax.labor_rate_per_hour": (Decimal(0), Decimal(1_000_000)),
    "tax.points_value": (Decimal(0), Decimal(1_000)),
    "tax.points_cap_ratio": (Decimal(0), Decimal(1)),
    "lock_after_idle_min": (0, 24 * 60),
    "store.no_show_after_min": (5, 24 * 60),
    "store.default_daily_km": (1, 2000),
    "store.follow_up_days": (1, 3650),
    "camera.fps": (0.1, 120.0),
    "bay_camera.warmup_frames": (0, 120),
    "bay_camera.timeout_s": (0.1, 120.0),
    "exit_camera.fps": (0.1, 120.0),
    "plates.vote_window_s": (0.0, 600.0),
    "plates.repeat_suppress_s": (0.0, 86_400.0),
    "plates.accept_score": (0.0, 1.0),
    "status_page.token_days_after_delivery": (0, 3650),
    "status_page.requests_per_minute": (1, 100_000),
    "status_page.burst": (0, 100_000),
    "status_page.port": (1, 65535),
    "printer.baud": (1200, 230_400),
    "printer.paper_width_mm": (58, 80),
    "loyalty.points_per_yuan": (Decimal(0), Decimal(1_000)),
    "ehr.timeout_s": (0.5, 300.0),
    "ehr.max_attempts": (1, 100),
}
for _lane in ("barrier", "exit_barrier"):
    _RANGES.update(
        {
            f"{_lane}.baud": (1200, 230_400),
            f"{_lane}.unit": (1, 247),
            f"{_lane}.coil": (0, 65535),
            f"{_lane}.pulse_ms": (0, 60_000),
            f"{_lane}.timeout_s": (0.01, 60.0),
            f"{_lane}.retries": (0, 20),
            f"{_lane}.duplicate_window_s": (0.0, 86_400.0),
        }
    )
_CHOICES: dict[str, tuple[str, ...]] = {
    "barrier.driver": ("", "modbus", "ascii", "simulated"),
    "exit_barrier.driver": ("", "modbus", "ascii", "simulated"),
    "printer.driver": ("none", "serial", "network", "usb", "file"),
    "plates.engine": ("rapidocr", "easyocr"),
    "plates.recogniser": ("ensemble", "ppocr", "plate"),
    "printer.paper_width_mm": ("58", "80"),
}


def _walk(obj: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            out.extend(_walk(value, f"{prefix}{f.name}."))
        else:
            out.append((prefix + f.name, value))
    return out


def validate(settings: Settings, sources: dict[str, str] | None = None) -> None:
    """Refuse a setting out of its range with one line naming it (and the env var it came
    from, if any): tax rates in 0..1, a port in 1..65535, a known time zone, ..."""
    sources = sources or {}
    for key, value in _walk(settings):
        name = f"{key} ({sources[key]})" if key in sources else key
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\r\n\t" for c in value):
            raise _bad(name, repr(value), _("control characters"))
        if key in _RANGES and not isinstance(value, bool):
            low, high = _RANGES[key]
            if not low <= value <= high:
                raise _bad(name, value, _("must be between {low} and {high}", low=low, high=high))
        if key in _CHOICES and str(value).strip() not in _CHOICES[key]:
            raise _bad(
                name,
                value,
                _("use one of: {choices}", choices=", ".join(c for c in _CHOICES[key] if c)),
            )
    if not bay_camera_source_ok(settings.bay_camera.source):
        name = "bay_camera.source"
        raise _bad(
            f"{name} ({sources[name]})" if name in sources else name,
            settings.bay_camera.source,
            _("use a device index (0), /dev/videoN, an rtsp:// or http(s):// URL, or demo"),
        )
    _validate_loyalty(settings, sources)
    try:
        ZoneInfo(settings.store.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        name = "store.timezone"
        if name in sources:
            name = f"{name} ({sources[name]})"
        raise _bad(name, settings.store.timezone, _("not a known time zone")) from None


LOYALTY_PAYERS = ("customer", "insurer", "warranty", "internal")
LOYALTY_METHODS = ("cash", "card", "wechat", "alipay", "account")


def _validate_loyalty(settings: Settings, sources: dict[str, str]) -> None:
    """The points rule earns on money paid, never on points: a rule naming points (as a
    payer or a way of paying) would give points for points, and is refused."""
    rule = settings.loyalty
    for key, values, allowed in (
        ("loyalty.payers", rule.payers, LOYALTY_PAYERS),
        ("loyalty.methods", rule.methods, LOYALTY_METHODS),
    ):
        name = f"{key} ({sources[key]})" if key in sources else key
        for value in values:
            v = value.strip().lower()
            if v in ("points", "point", "membership_points"):
                raise _bad(
                    name,
                    value,
                    _("what is paid with points earns no points: take points out of the rule"),
                )
            if v not in allowed:
                raise _bad(name, value, _("use one of: {choices}", choices=", ".join(allowed)))


def load_settings(path: Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if it exists), then ``WORKSHOP_*`` variables; then
    every value is checked (:func:`validate`)."""
    settings = Settings()
    path = path or default_config_path()
    if path.exists():
        try:
            data = tomllib.loads(path.read_text("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise InvalidInput(
                _("Config file {path} is not valid TOML: {err}", path=path, err=exc)
            ) from exc
        except OSError as exc:  # a directory, unreadable, ...
            raise InvalidInput(
                _(
                    "Config file {path} cannot be read: {err}",
                    path=path,
                    err=exc.strerror or exc,
                )
            ) from exc
        _apply(settings, data, "")
    sources = _env_overrides(settings, dict(os.environ) if env is None else env)
    validate(settings, sources)
    return settings
