"""A sample shop as set-up workbook rows: a realistic small shop, or a large one for the
import benchmark (deterministic with its seed). Tests, the benchmark and the wizard's
"try with a sample" use it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from workshop_app.setup.template import new_workbook, save
from workshop_app.values import vin_check_digit

SAMPLE_PIN = "2580"
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def sample_vin(rng: random.Random) -> str:
    body = "L" + "".join(rng.choices(_VIN_CHARS, k=16))
    return body[:8] + vin_check_digit(body[:8] + "0" + body[9:]) + body[9:]


def sample_rows(
    *, vehicles: int = 30, parts: int = 12, seed: int = 1
) -> dict[str, list[list[Any]]]:
    rng = random.Random(seed)
    rows: dict[str, list[list[Any]]] = {
        "store": [
            [
                "SZ01",
                "深港汽车服务中心",
                "Shengang Auto Service",
                "0755-2666 8888",
                "深圳市南山区科技园 1 号",
                "Asia/Shanghai",
                "08:30-18:00",
                "0.13",
                "0.06",
                "200.00",
                "是",
                "SZ-RO",
                "SZ-INV",
                "SZ-CN",
            ]
        ],
        "bays": [
            ["快修1", "quick", "lift", "是"],
            ["机修1", "general", "lift, diagnostic", "是"],
            ["四轮定位", "alignment", "lift, alignment, tyre", "是"],
        ],
        "staff": [
            ["S01", "周敏", "advisor", "", SAMPLE_PIN, "13900000001", "是"],
            ["S02", "钱红", "cashier", "", SAMPLE_PIN, "13900000002", "是"],
            ["S03", "冯刚", "technician", "general, engine, brakes", SAMPLE_PIN, "", "是"],
            ["S04", "陈亮", "technician", "general, tyre, alignment", SAMPLE_PIN, "", "是"],
            ["S05", "蒋华", "parts", "", SAMPLE_PIN, "", "是"],
            ["S09", "韩雪", "manager", "", SAMPLE_PIN, "13900000009", "是"],
        ],
        "labour": [
            [
                "OIL01",
                "更换机油机滤",
                "Oil and filter change",
                "0.5",
                "general",
                "lift",
                "298.00",
                5000,
                6,
                "是",
            ],
            [
                "BRK01",
                "更换前刹车片",
                "Front brake pads",
                "1.0",
                "brakes",
                "lift",
                "",
                "",
                "",
                "是",
            ],
            [
                "ALN01",
                "四轮定位",
                "Wheel alignment",
                "1.0",
                "alignment",
                "alignment",
                "268.00",
                20000,
                12,
                "是",
            ],
        ],
        "suppliers": [
            ["HN01", "华南汽配", "李经理", "020-8888 0001", "orders@hn-parts.example", 2, "是"],
            ["YS02", "粤顺轮胎", "王主管", "0755-2333 0002", "", 4, "是"],
        ],
        "parts": [],
        "vehicles": [],
        "history": [],
    }
    for i in range(parts):
        rows["parts"].append(
            [
                f"P-{i:05d}",
                f"配件{i}",
                f"Part {i}",
                "个",
                f"{rng.randrange(10, 2000)}.00",
                rng.randrange(0, 50),
                5,
                "是",
                ("HN01", "YS02", "")[i % 3],
            ]
        )
    plates: set[str] = set()
    while len(plates) < vehicles:
        plate = "粤B" + "".join(rng.choices(_PLATE_LETTERS + "0123456789", k=5))
        if plate in plates:
            continue
        plates.add(plate)
        n = len(plates)
        rows["vehicles"].append(
            [
                plate,
                sample_vin(rng),
                rng.choice(["大众", "丰田", "本田", "比亚迪"]),
                rng.choice(["帕萨特", "卡罗拉", "雅阁", "汉"]),
                rng.randrange(2012, 2026),
                rng.randrange(1000, 150_000),
                f"车主{n}",
                f"138{n:08d}",
            ]
        )
    for plate, *_rest in rows["vehicles"][:3]:
        rows["history"].append([plate, "2025-03-14", 30100, "更换机油机滤; 轮胎换位", "486.00"])
    return rows


def write_sample(path: Path, **kwargs: Any) -> Path:
    return save(new_workbook(sample_rows(**kwargs)), path)
