"""Draw the site mark (three rising bars on a teal tile) as SVG and PNG icons.

Run once after changing the mark: `.venv/bin/python tools/make_icons.py`.
Writes lms/static/icons/: favicon.svg, favicon-32.png, apple-touch-icon.png (180),
icon-192.png, icon-512.png and favicon.ico. The PNGs are committed, so Pillow is
only needed to regenerate them.
"""

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "lms" / "static" / "icons"
BRAND = "#0b5f73"
ACCENT = "#f2a65a"
WHITE = "#ffffff"
# Bars on a 64-unit grid: (x, top, width); all end at y=50.
BARS = [(14, 34, 9, WHITE), (27.5, 24, 9, WHITE), (41, 14, 9, ACCENT)]


def svg() -> str:
    bars = "".join(
        f'<rect x="{x}" y="{top}" width="{w}" height="{50 - top}" rx="2" fill="{fill}"/>' for x, top, w, fill in BARS
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="14" fill="{BRAND}"/>{bars}</svg>\n'
    )


def png(size: int, *, rounded: bool = True) -> Image.Image:
    scale = 8  # draw large, then downsample for smooth edges
    big = size * scale
    unit = big / 64
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    radius = int(14 * unit) if rounded else 0
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=radius, fill=BRAND)
    for x, top, w, fill in BARS:
        box = (x * unit, top * unit, (x + w) * unit, 50 * unit)
        draw.rounded_rectangle(box, radius=int(2 * unit), fill=fill)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "favicon.svg").write_text(svg())
    png(32).save(OUT / "favicon-32.png")
    # iOS rounds the corners itself and shows transparency as black: fill the square.
    png(180, rounded=False).save(OUT / "apple-touch-icon.png")
    png(192).save(OUT / "icon-192.png")
    png(512).save(OUT / "icon-512.png")
    png(48).save(OUT / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
