"""Demo pictures drawn locally with Pillow: no downloads, no copyrighted photos."""

from __future__ import annotations

import io
import random

from PIL import Image as PILImage
from PIL import ImageDraw

RED = (155, 28, 28)
DARK_RED = (111, 19, 19)
GOLD = (246, 211, 101)


def _png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _gradient(
    width: int, height: int, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> PILImage.Image:
    image = PILImage.new("RGB", (width, height), top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / max(height - 1, 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    return image


def banner() -> bytes:
    """A wide red banner with rice fields and a road drawn in perspective."""
    image = _gradient(1200, 200, DARK_RED, RED)
    draw = ImageDraw.Draw(image)
    for i in range(9):
        x = 620 + i * 70
        draw.polygon([(x, 200), (x + 60, 200), (900, 70), (890, 70)], fill=(120 + i * 6, 40, 30))
    draw.polygon([(820, 200), (1000, 200), (905, 70), (895, 70)], fill=(90, 20, 20))
    draw.ellipse([1040, 20, 1120, 100], fill=GOLD)
    return _png(image)


def _star(cx: float, cy: float, outer: float, inner: float) -> list[tuple[float, float]]:
    import math

    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    return points


def emblem() -> bytes:
    """A plain logo (red disc, gold ring and star) standing in for the commune's emblem."""
    image = PILImage.new("RGBA", (176, 176), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, 172, 172], fill=GOLD)
    draw.ellipse([16, 16, 160, 160], fill=RED)
    draw.polygon(_star(88, 88, 60, 24), fill=GOLD)
    return _png(image)


def tile(seed: int, width: int = 960, height: int = 600) -> bytes:
    """An illustration: sky, fields in bands of green, a road, houses; varied by `seed`."""
    rng = random.Random(seed)
    sky_top = (rng.randint(90, 140), rng.randint(150, 200), rng.randint(210, 250))
    image = _gradient(width, height, sky_top, (235, 240, 245))
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.38, 0.5))
    for band in range(6):
        top = horizon + band * (height - horizon) // 6
        green = (rng.randint(40, 90), rng.randint(120, 170), rng.randint(40, 80))
        draw.rectangle([0, top, width, height], fill=green)
    road_x = rng.randint(width // 4, 3 * width // 4)
    draw.polygon(
        [
            (road_x - 220, height),
            (road_x + 220, height),
            (road_x + 12, horizon),
            (road_x - 12, horizon),
        ],
        fill=(150, 150, 150),
    )
    for _ in range(rng.randint(3, 6)):
        x = rng.randint(0, width - 80)
        base = horizon + rng.randint(-10, 20)
        draw.rectangle([x, base - 40, x + 70, base], fill=(rng.randint(200, 240), 220, 200))
        draw.polygon([(x - 8, base - 40), (x + 78, base - 40), (x + 35, base - 75)], fill=RED)
    draw.ellipse([width - 150, 40, width - 70, 120], fill=GOLD)
    return _png(image)


def link_tile(seed: int) -> bytes:
    rng = random.Random(seed)
    colour = rng.choice([(11, 79, 156), (155, 28, 28), (24, 110, 70), (120, 70, 20)])
    image = _gradient(600, 200, colour, tuple(min(255, c + 60) for c in colour))  # type: ignore[arg-type]
    draw = ImageDraw.Draw(image)
    for i in range(5):
        draw.ellipse(
            [420 + i * 30, 40 + i * 10, 520 + i * 30, 140 + i * 10],
            outline=(255, 255, 255),
            width=3,
        )
    return _png(image)
