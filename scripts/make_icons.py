"""Draw the site's icons (favicon, home-screen icons) into static/icons/.

The icon is a white bridge arc over a river line on the site's blue. It is drawn with Pillow so
that nothing is fetched and anyone can redraw it: ``.venv/bin/python scripts/make_icons.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"
BLUE = (10, 88, 202)  # a darker Bootstrap primary: white on it reaches 6.6:1
WHITE = (255, 255, 255)
MASTER = 1024


def draw(size: int, *, maskable: bool = False) -> Image.Image:
    """The icon at ``size`` px; a maskable icon keeps the drawing inside the central 80 %."""
    image = Image.new("RGBA", (MASTER, MASTER), (*BLUE, 255) if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle((0, 0, MASTER - 1, MASTER - 1), radius=MASTER // 5, fill=BLUE)
    inset = MASTER * (0.2 if maskable else 0.12)
    left, right = inset, MASTER - inset
    deck = MASTER * 0.62
    line = MASTER // 14
    # the arch: the upper half of an ellipse standing on the deck
    pen.arc((left, MASTER * 0.30, right, deck + (deck - MASTER * 0.30)), 180, 360, WHITE, line)
    pen.line((left - line / 2, deck, right + line / 2, deck), WHITE, line)
    for fraction in (0.3, 0.5, 0.7):  # hangers from the arch to the deck
        x = left + (right - left) * fraction
        top = MASTER * (0.40 if fraction == 0.5 else 0.44)
        pen.line((x, top, x, deck), WHITE, line // 2)
    pen.line((left + line, MASTER * 0.78, right - line, MASTER * 0.78), WHITE, line // 2)  # river
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(ICONS / f"icon-{size}.png", optimize=True)
    draw(512, maskable=True).save(ICONS / "icon-maskable-512.png", optimize=True)
    draw(180, maskable=True).convert("RGB").save(ICONS / "apple-touch-icon.png", optimize=True)
    draw(48).save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
