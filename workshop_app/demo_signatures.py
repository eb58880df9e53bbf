"""Signatures for the demo's signed estimates: a flowing pen line drawn from a seed, the
same on every run (no font, no file)."""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw


def demo_signature_png(seed: str, width: int = 600, height: int = 200) -> bytes:
    """A plausible handwritten signature (PNG, ink on white) drawn from ``seed``."""
    rng = random.Random(seed)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    x = 40.0
    base = height * 0.62
    points: list[tuple[float, float]] = []
    for _glyph in range(rng.randint(3, 5)):  # a few "characters", each a loop or two
        loops = rng.randint(1, 3)
        span = rng.uniform(60, 110)
        amp = rng.uniform(25, 55)
        for k in range(loops * 24):
            t = k / 24
            points.append(
                (
                    x + span * t / loops + 12 * math.sin(t * 2 * math.pi),
                    base - amp * abs(math.sin(t * math.pi)) + 10 * math.cos(t * 2 * math.pi),
                )
            )
        x += span + rng.uniform(5, 20)
        if x > width - 120:
            break
    draw.line(points, fill=20, width=4, joint="curve")
    # The flourish underneath.
    y = base + 18
    draw.line(
        [(50 + i * 6, y + 6 * math.sin(i / 6)) for i in range(int((x - 50) / 6))],
        fill=20,
        width=3,
    )
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()
