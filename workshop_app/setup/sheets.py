"""The set-up workbook's layout: one sheet per kind, its columns, their help and example.

Row 1 of every sheet is the header (the column keys below), row 2 a line of Chinese/English
help, row 3 one example row (left as it is, it is not imported). The template, the import
and the export all read this one description.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    en: str
    example: str | int | float = ""
    required: bool = False

    @property
    def help(self) -> str:
        mark = "（必填）" if self.required else ""
        return f"{self.zh}{mark} / {self.en}{' (required)' if self.required else ''}"


SHEETS: dict[str, tuple[Column, ...]] = {
    "store": (
        Column("code", "门店代码", "Store code", "GZ01", True),
        Column("name", "门店名称", "Store name", "粤港汽车4S店（示例）", True),
        Column("name_en", "英文名称", "English name", "Yuegang Motors 4S"),
        Column("phone", "电话", "Phone", "020-8888 6666"),
        Column("address", "地址", "Address", "广州市天河区车陂路 88 号"),
        Column("timezone", "时区", "Time zone", "Asia/Shanghai"),
        Column("opening_hours", "营业时间", "Opening hours", "08:30-18:00"),
        Column("parts_tax_rate", "配件税率", "Parts tax rate", "0.13"),
        Column("labor_tax_rate", "工时税率", "Labour tax rate", "0.13"),
        Column("labor_rate_per_hour", "工时单价（元/小时）", "Labour rate per hour", "180.00"),
        Column("prices_include_tax", "价格含税（是/否）", "Prices include tax (yes/no)", "是"),
        Column("ro_prefix", "工单号前缀", "RO number prefix", "RO"),
        Column("invoice_prefix", "发票号前缀", "Invoice number prefix", "INV"),
        Column("credit_prefix", "红字发票号前缀", "Credit note prefix", "CN"),
    ),
    "bays": (
        Column("name", "工位名称", "Bay name", "机修1（示例）", True),
        Column("kind", "类型", "Kind (quick, general, alignment, ev, wash)", "general"),
        Column("equipment", "设备（逗号分隔）", "Equipment (comma separated)", "lift, diagnostic"),
        Column("active", "启用（是/否）", "Active (yes/no)", "是"),
    ),
    "staff": (
        Column("code", "工号", "Staff code", "A01", True),
        Column("name", "姓名", "Name", "陈静（示例）", True),
        Column(
            "role",
            "角色",
            "Role (advisor, technician, foreman, cashier, parts, manager)",
            "advisor",
            True,
        ),
        Column("skills", "技能（逗号分隔）", "Skills (comma separated)", ""),
        Column("pin", "初始密码（4-8 位数字）", "Initial PIN (4-8 digits)", "2580"),
        Column("phone", "电话", "Phone", "13900000001"),
        Column("active", "在职（是/否）", "Active (yes/no)", "是"),
    ),
    "labour": (
        Column("code", "工时代码", "Labour code", "OIL01", True),
        Column("name_zh", "中文名称", "Chinese name", "更换机油机滤（示例）", True),
        Column("name_en", "英文名称", "English name", "Oil and filter change"),
        Column("standard_hours", "标准工时", "Standard hours", "0.5", True),
        Column("skill", "所需技能", "Skill", "general"),
        Column("equipment", "所需设备", "Equipment", "lift"),
        Column("price", "一口价（空=按工时）", "Flat price (empty: by the hour)", "298.00"),
        Column("interval_km", "保养间隔（公里）", "Service interval (km)", 5000),
        Column("interval_months", "保养间隔（月）", "Service interval (months)", 6),
        Column("active", "启用（是/否）", "Active (yes/no)", "是"),
    ),
    "suppliers": (
        Column("code", "供应商代码", "Supplier code", "SUP01", True),
        Column("name", "供应商名称", "Supplier name", "华南汽配（示例）", True),
        Column("contact", "联系人", "Contact", "李经理"),
        Column("phone", "电话", "Phone", "020-8888 0000"),
        Column("email", "邮箱", "Email", "orders@example.com"),
        Column("lead_days", "到货天数", "Lead time (days)", 2),
        Column("active", "启用（是/否）", "Active (yes/no)", "是"),
    ),
    "parts": (
        Column("number", "配件编号", "Part number", "FLT-OIL-01", True),
        Column("name_zh", "中文名称", "Chinese name", "机油滤清器（示例）", True),
        Column("name_en", "英文名称", "English name", "Oil filter"),
        Column("unit", "单位", "Unit", "个"),
        Column("price", "单价", "Price", "68.00", True),
        Column("stock", "库存", "Stock", 20),
        Column("reorder_point", "补货点", "Reorder point", 5),
        Column("active", "启用（是/否）", "Active (yes/no)", "是"),
        Column("supplier", "供应商代码", "Supplier code", "SUP01"),
    ),
    "vehicles": (
        Column("plate", "车牌号", "Plate", "粤A12345", True),
        Column("vin", "车架号（17 位）", "VIN (17 characters)", "LSVAU218XN2183294"),
        Column("make", "品牌", "Make", "大众"),
        Column("model", "车型", "Model", "帕萨特"),
        Column("year", "年款", "Year", 2021),
        Column("mileage", "里程（公里）", "Mileage (km)", 35200),
        Column("owner", "车主姓名", "Owner name", "王芳（示例）"),
        Column("phone", "车主电话", "Owner phone", "13800138000"),
    ),
    "history": (
        Column("plate", "车牌号", "Plate", "粤A12345", True),
        Column("date", "日期（2025-03-14）", "Date (2025-03-14)", "2025-03-14", True),
        Column("mileage", "里程（公里）", "Mileage (km)", 30100),
        Column(
            "items",
            "项目（分号分隔）",
            "Items (semicolon separated)",
            "更换机油机滤; 轮胎换位（示例）",
        ),
        Column("amount", "金额", "Amount", "486.00"),
    ),
}

SHEET_NAMES = tuple(SHEETS)
SHEET_TITLES = {
    "store": ("门店", "Store"),
    "bays": ("工位", "Bays"),
    "staff": ("员工", "Staff"),
    "labour": ("工时项目", "Labour"),
    "suppliers": ("供应商", "Suppliers"),
    "parts": ("配件", "Parts"),
    "vehicles": ("车辆", "Vehicles"),
    "history": ("维修历史", "History"),
}
# Skills a technician can have and a labour operation can need.
SKILLS = (
    "general",
    "engine",
    "brakes",
    "electrical",
    "ac",
    "tyre",
    "alignment",
    "ev_hv",
    "body",
    "paint",
)
