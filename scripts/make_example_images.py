"""Draw the example site's screenshots and diagrams into images/<version>/.

The example docs describe a fictional product, Lumen, so there are no real screenshots to ship. This script
draws product-like stand-ins with Pillow, deterministically, so that the committed images can be regenerated
byte-for-byte and every format the build pipeline must handle is represented: PNG (some wider than 1280 px so
responsive variants are produced, some narrower than 640 px so they are not), one JPEG, one animated GIF and
one WebP. Each version gets its own accent colour and version label, so a reader (and a test) can tell which
version's image a page shows.

Run from the repository root:  python scripts/make_example_images.py [--out images]
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RGB = tuple[int, int, int]

INK: RGB = (31, 41, 55)
MUTED: RGB = (107, 114, 128)
LINE: RGB = (209, 213, 219)
PANEL: RGB = (249, 250, 251)
WHITE: RGB = (255, 255, 255)
GREEN: RGB = (22, 163, 74)
AMBER: RGB = (217, 119, 6)
RED: RGB = (220, 38, 38)

ACCENTS: dict[str, RGB] = {"v1.8": (37, 99, 235), "v1.9": (124, 58, 237)}


@dataclass(frozen=True)
class Canvas:
    """One image being drawn, with the version it belongs to (for accent colour and labels)."""

    image: Image.Image
    draw: ImageDraw.ImageDraw
    version: str

    @property
    def accent(self) -> RGB:
        return ACCENTS[self.version]

    @property
    def width(self) -> int:
        return self.image.width

    @property
    def height(self) -> int:
        return self.image.height


Painter = Callable[[Canvas, str], None]


@dataclass(frozen=True)
class ImageSpec:
    """What to draw: a path under images/<version>/, a size, a painter and the title it shows."""

    path: str
    size: tuple[int, int]
    painter: Painter
    title: str
    versions: tuple[str, ...] = ("v1.8", "v1.9")


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled scalable font, so the output does not depend on the fonts of the machine."""
    return ImageFont.load_default(size=size)


def text(canvas: Canvas, xy: tuple[int, int], value: str, size: int = 14, fill: RGB = INK) -> None:
    canvas.draw.text(xy, value, font=font(size), fill=fill)


def box(
    canvas: Canvas, rect: tuple[int, int, int, int], fill: RGB = WHITE, outline: RGB = LINE, radius: int = 8
) -> None:
    canvas.draw.rounded_rectangle(rect, radius=radius, fill=fill, outline=outline, width=1)


def tint(colour: RGB, amount: float) -> RGB:
    """Mix a colour towards white; amount 0 keeps it, 1 gives white."""
    r, g, b = colour
    return (round(r + (255 - r) * amount), round(g + (255 - g) * amount), round(b + (255 - b) * amount))


def app_frame(canvas: Canvas, title: str) -> tuple[int, int, int, int]:
    """Window chrome, top bar and sidebar of the Lumen web app; returns the content rectangle."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=PANEL)
    canvas.draw.rectangle((0, 0, w, 52), fill=canvas.accent)
    text(canvas, (20, 15), "Lumen", 20, WHITE)
    text(canvas, (110, 19), canvas.version, 14, tint(canvas.accent, 0.6))
    box(
        canvas,
        (w // 3, 11, w // 3 + min(420, w // 3), 41),
        fill=tint(canvas.accent, 0.85),
        outline=tint(canvas.accent, 0.85),
        radius=15,
    )
    text(canvas, (w // 3 + 16, 18), "Search tables, topics, dashboards", 13, MUTED)
    canvas.draw.ellipse((w - 44, 12, w - 16, 40), fill=tint(canvas.accent, 0.5))
    sidebar = min(220, w // 5)
    canvas.draw.rectangle((0, 52, sidebar, h), fill=WHITE, outline=LINE)
    for index, item in enumerate(("Explore", "Lineage", "Quality", "Glossary", "Settings")):
        y = 76 + index * 40
        if index == 0:
            canvas.draw.rectangle((0, y - 8, sidebar, y + 26), fill=tint(canvas.accent, 0.88))
        text(canvas, (24, y), item, 14, INK if index else canvas.accent)
    text(canvas, (sidebar + 28, 72), title, 22)
    return (sidebar + 28, 116, w - 28, h - 24)


def paint_table(canvas: Canvas, title: str) -> None:
    """A catalog listing: the most common screen of a data catalog."""
    left, top, right, bottom = app_frame(canvas, title)
    box(canvas, (left, top, right, bottom))
    columns = ("Name", "Owner", "Tier", "Freshness")
    widths = (0.4, 0.25, 0.15, 0.2)
    canvas.draw.rectangle((left + 1, top + 1, right - 1, top + 40), fill=PANEL)
    rows = [
        ("orders", "data-eng", "Tier1", "5 min"),
        ("customers", "crm", "Tier1", "1 h"),
        ("payments", "finance", "Tier2", "1 h"),
        ("sessions", "web", "Tier3", "1 d"),
        ("inventory", "ops", "Tier2", "15 min"),
        ("refunds", "finance", "Tier3", "1 d"),
    ]
    row_height = 44
    x_positions = [left + 16 + round(sum(widths[:i]) * (right - left)) for i in range(len(columns))]
    for x, name in zip(x_positions, columns):
        text(canvas, (x, top + 12), name, 13, MUTED)
    for r, row in enumerate(rows):
        y = top + 40 + r * row_height
        if y + row_height > bottom:
            break
        canvas.draw.line((left, y, right, y), fill=LINE)
        for c, (x, value) in enumerate(zip(x_positions, row)):
            text(canvas, (x, y + 14), value, 14, canvas.accent if c == 0 else INK)


def paint_form(canvas: Canvas, title: str) -> None:
    """A connection form with labelled fields and a primary button."""
    left, top, right, bottom = app_frame(canvas, title)
    box(canvas, (left, top, right, bottom))
    fields = ("Service name", "Host and port", "Username", "Password", "Database")
    field_width = min(520, right - left - 48)
    for index, label in enumerate(fields):
        y = top + 24 + index * 64
        if y + 56 > bottom - 56:
            break
        text(canvas, (left + 24, y), label, 13, MUTED)
        box(canvas, (left + 24, y + 20, left + 24 + field_width, y + 50), fill=PANEL, radius=5)
    button_top = bottom - 52
    box(
        canvas,
        (left + 24, button_top, left + 164, button_top + 34),
        fill=canvas.accent,
        outline=canvas.accent,
        radius=6,
    )
    text(canvas, (left + 52, button_top + 9), "Continue", 14, WHITE)


def paint_cards(canvas: Canvas, title: str) -> None:
    """A grid of service types to choose from, one highlighted."""
    left, top, right, _bottom = app_frame(canvas, title)
    names = ("Postgres", "Snowflake", "MySQL", "Kafka", "BigQuery", "Airflow", "Looker", "S3")
    chosen = title.split()[-1]
    columns = 4
    card_w = (right - left - (columns - 1) * 16) // columns
    for index, name in enumerate(names):
        x = left + (index % columns) * (card_w + 16)
        y = top + (index // columns) * 120
        selected = name == chosen
        box(
            canvas,
            (x, y, x + card_w, y + 104),
            fill=tint(canvas.accent, 0.9) if selected else WHITE,
            outline=canvas.accent if selected else LINE,
        )
        canvas.draw.ellipse((x + 16, y + 18, x + 52, y + 54), fill=tint(canvas.accent, 0.3 + 0.08 * index))
        text(canvas, (x + 16, y + 68), name, 15)


def paint_status(canvas: Canvas, title: str) -> None:
    """A small dialog reporting that each connection check passed."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=tint(INK, 0.85))
    box(canvas, (24, 24, w - 24, h - 24), radius=10)
    text(canvas, (48, 44), title, 18)
    checks = ("Reach host", "Authenticate", "List schemas", "Read query log")
    for index, label in enumerate(checks):
        y = 92 + index * 40
        if y + 30 > h - 40:
            break
        canvas.draw.ellipse((48, y, 70, y + 22), fill=GREEN)
        canvas.draw.line((53, y + 11, 58, y + 16, 66, y + 6), fill=WHITE, width=3)
        text(canvas, (84, y + 3), label, 14)
    text(canvas, (48, h - 58), canvas.version, 12, MUTED)


def paint_login(canvas: Canvas, title: str) -> None:
    """A sign-in card, for the SSO and first-login pages."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=tint(canvas.accent, 0.9))
    card = (w // 2 - 170, 40, w // 2 + 170, h - 40)
    box(canvas, card, radius=12)
    canvas.draw.ellipse((w // 2 - 22, 62, w // 2 + 22, 106), fill=canvas.accent)
    text(canvas, (card[0] + 30, 122), title, 18)
    for index, label in enumerate(("Email", "Password")):
        y = 164 + index * 56
        text(canvas, (card[0] + 30, y), label, 12, MUTED)
        box(canvas, (card[0] + 30, y + 18, card[2] - 30, y + 46), fill=PANEL, radius=5)
    button_y = 164 + 2 * 56 + 8  # below the two fields; sizes in SPECS leave room for it
    box(
        canvas,
        (card[0] + 30, button_y, card[2] - 30, button_y + 36),
        fill=canvas.accent,
        outline=canvas.accent,
        radius=6,
    )
    text(canvas, (w // 2 - 28, button_y + 10), "Sign in", 14, WHITE)


def paint_graph(canvas: Canvas, title: str) -> None:
    """A lineage graph: source tables flowing through transformations into a dashboard."""
    left, top, right, bottom = app_frame(canvas, title)
    box(canvas, (left, top, right, bottom))
    layers = (
        ("raw.orders", "raw.customers"),
        ("stg.orders", "stg.customers"),
        ("mart.revenue",),
        ("Revenue dashboard",),
    )
    step = (right - left) // len(layers)
    centres: list[list[tuple[int, int]]] = []
    for column, names in enumerate(layers):
        x = left + 24 + column * step
        gap = (bottom - top) // (len(names) + 1)
        centres.append([(x, top + gap * (row + 1)) for row in range(len(names))])
    for column in range(len(layers) - 1):
        for start in centres[column]:
            for end in centres[column + 1]:
                canvas.draw.line(
                    (start[0] + step - 60, start[1], end[0], end[1]), fill=tint(canvas.accent, 0.4), width=2
                )
    for column, names in enumerate(layers):
        for (x, y), name in zip(centres[column], names):
            box(canvas, (x, y - 22, x + step - 60, y + 22), fill=tint(canvas.accent, 0.9), outline=canvas.accent)
            text(canvas, (x + 12, y - 8), name, 13)


def paint_columns(canvas: Canvas, title: str) -> None:
    """Column-level lineage: two tables with lines joining the columns derived from each other."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=WHITE)
    text(canvas, (20, 14), title, 16)
    tables = (("stg.orders", ("order_id", "amount", "currency")), ("mart.revenue", ("order_id", "revenue_eur")))
    rows: list[list[int]] = []
    for index, (name, columns) in enumerate(tables):
        x = 30 + index * (w - 260)
        box(canvas, (x, 50, x + 200, 90 + 34 * len(columns)), outline=canvas.accent)
        text(canvas, (x + 12, 60), name, 14, canvas.accent)
        rows.append([])
        for r, column in enumerate(columns):
            y = 96 + 34 * r
            text(canvas, (x + 12, y - 8), column, 13)
            rows[-1].append(y)
    links = ((0, 0), (1, 1), (2, 1))
    for source, target in links:
        canvas.draw.line((230, rows[0][source], w - 230, rows[1][target]), fill=canvas.accent, width=2)


def paint_architecture(canvas: Canvas, title: str) -> None:
    """The component diagram: sources, the ingestion agent, the server with its stores, and the users."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=WHITE)
    text(canvas, (32, 24), title, 24)
    text(canvas, (32, 58), f"Lumen {canvas.version}", 14, MUTED)
    lanes = (
        ("Sources", ("Postgres", "Snowflake", "Kafka")),
        ("Ingestion", ("lumen-agent",)),
        ("Server", ("API", "Search index", "Metadata store")),
        ("People", ("Web app", "lumenctl")),
    )
    lane_w = (w - 64) // len(lanes)
    exits: list[list[tuple[int, int, int]]] = []
    for index, (lane, items) in enumerate(lanes):
        x = 32 + index * lane_w
        box(canvas, (x + 8, 100, x + lane_w - 8, h - 32), fill=PANEL, radius=12)
        text(canvas, (x + 28, 116), lane, 16, MUTED)
        exits.append([])
        for row, item in enumerate(items):
            y = 170 + row * ((h - 230) // max(len(items), 1))
            box(canvas, (x + 36, y, x + lane_w - 36, y + 64), fill=tint(canvas.accent, 0.88), outline=canvas.accent)
            text(canvas, (x + 52, y + 22), item, 16)
            exits[-1].append((x + 36, x + lane_w - 36, y + 32))
    for index in range(len(exits) - 1):
        for _, right_edge, y1 in exits[index]:
            for left_edge, _, y2 in exits[index + 1][:1]:
                canvas.draw.line((right_edge, y1, left_edge, y2), fill=canvas.accent, width=2)


def paint_chart(canvas: Canvas, title: str) -> None:
    """A data-quality dashboard: pass/fail counts per day as stacked bars."""
    left, top, right, bottom = app_frame(canvas, title)
    box(canvas, (left, top, right, bottom))
    days = 14
    bar_w = (right - left - 60) // days
    for day in range(days):
        passed = 60 + round(40 * math.sin(day / 2.0) ** 2)
        failed = (day * 7) % 23
        x = left + 40 + day * bar_w
        base = bottom - 30
        canvas.draw.rectangle((x, base - passed * 2, x + bar_w - 8, base), fill=GREEN)
        canvas.draw.rectangle((x, base - passed * 2 - failed * 2, x + bar_w - 8, base - passed * 2), fill=RED)
    text(canvas, (left + 40, top + 12), "Passed", 13, GREEN)
    text(canvas, (left + 110, top + 12), "Failed", 13, RED)


def paint_hero(canvas: Canvas, title: str) -> None:
    """A soft gradient banner: photographic content, which is what JPEG is for."""
    w, h = canvas.width, canvas.height
    end = tint(canvas.accent, 0.75)
    for y in range(h):
        share = y / max(h - 1, 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(canvas.accent, end))
        canvas.draw.line((0, y, w, y), fill=colour)
    for index in range(7):
        radius = 40 + index * 22
        cx, cy = w - 160 - index * 60, h // 2 + round(40 * math.sin(index))
        canvas.draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), outline=tint(canvas.accent, 0.5), width=3
        )
    text(canvas, (56, h // 2 - 40), title, 40, WHITE)
    text(canvas, (58, h // 2 + 14), f"Documentation for Lumen {canvas.version}", 18, tint(canvas.accent, 0.85))


def paint_logo(canvas: Canvas, title: str) -> None:
    """The Lumen mark: a lit circle."""
    w, h = canvas.width, canvas.height
    canvas.draw.rectangle((0, 0, w, h), fill=WHITE)
    canvas.draw.ellipse((8, 8, w - 8, h - 8), fill=canvas.accent)
    canvas.draw.ellipse((w // 3, h // 3, w - w // 3, h - h // 3), fill=tint(canvas.accent, 0.8))
    text(canvas, (w // 2 - 6, h // 2 - 10), title[:1], 18, canvas.accent)


SPECS: tuple[ImageSpec, ...] = (
    ImageSpec("home/hero.jpg", (1200, 420), paint_hero, "Lumen"),
    ImageSpec("brand/lumen-logo.png", (96, 96), paint_logo, "Lumen"),
    ImageSpec("getting-started/install-wizard.png", (1600, 900), paint_form, "Set up your Lumen server"),
    ImageSpec("getting-started/explore.png", (1100, 620), paint_table, "Explore"),
    ImageSpec("getting-started/first-login.png", (480, 400), paint_login, "Welcome to Lumen"),
    ImageSpec("concepts/architecture.png", (1440, 760), paint_architecture, "How Lumen fits together"),
    ImageSpec("concepts/lineage-graph.png", (1000, 560), paint_graph, "Lineage of mart.revenue"),
    ImageSpec("concepts/column-lineage.png", (600, 300), paint_columns, "Column lineage"),
    ImageSpec("concepts/quality-dashboard.webp", (1000, 600), paint_chart, "Data quality", ("v1.9",)),
    ImageSpec("connectors/add-service.png", (1000, 600), paint_table, "Services"),
    ImageSpec("connectors/select-postgres.png", (1000, 600), paint_cards, "Select Postgres"),
    ImageSpec("connectors/select-snowflake.png", (1000, 600), paint_cards, "Select Snowflake", ("v1.9",)),
    ImageSpec("connectors/connection-form.png", (1000, 600), paint_form, "Connection details"),
    ImageSpec("connectors/test-connection.png", (560, 320), paint_status, "Test connection"),
    ImageSpec("deployment/sso-login.png", (520, 400), paint_login, "Sign in with SSO"),
)

GIF_PATH = "releases/agent-pulse.gif"
GIF_SIZE = 160
GIF_FRAMES = 8


def draw_spec(spec: ImageSpec, version: str) -> Image.Image:
    """Render one spec for one version into a new RGB image."""
    image = Image.new("RGB", spec.size, WHITE)
    canvas = Canvas(image, ImageDraw.Draw(image), version)
    spec.painter(canvas, spec.title)
    return image


def draw_pulse_frames(version: str) -> list[Image.Image]:
    """Frames of a pulsing dot: the release notes' 'agent is alive' animation, small enough for a GIF."""
    accent = ACCENTS[version]
    frames = []
    for index in range(GIF_FRAMES):
        frame = Image.new("P", (GIF_SIZE, GIF_SIZE))
        frame.putpalette([*WHITE, *accent, *tint(accent, 0.6), *INK] + [0] * (256 - 4) * 3)
        draw = ImageDraw.Draw(frame)
        draw.rectangle((0, 0, GIF_SIZE, GIF_SIZE), fill=0)
        radius = 24 + round(40 * abs(math.sin(math.pi * index / GIF_FRAMES)))
        centre = GIF_SIZE // 2
        draw.ellipse((centre - radius, centre - radius, centre + radius, centre + radius), fill=2)
        draw.ellipse((centre - 20, centre - 20, centre + 20, centre + 20), fill=1)
        frames.append(frame)
    return frames


def save(image: Image.Image, target: Path) -> None:
    """Write in the format the suffix names, with settings that keep files small and output stable."""
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix.lower()
    if suffix == ".jpg":
        image.save(target, "JPEG", quality=82, optimize=True, progressive=True)
    elif suffix == ".webp":
        image.save(target, "WEBP", quality=80, method=6)
    else:
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, "PNG", optimize=True)


def make_images(out_dir: Path) -> list[Path]:
    """Draw every image for every version; returns the written paths."""
    written: list[Path] = []
    for version in ACCENTS:
        for spec in SPECS:
            if version not in spec.versions:
                continue
            target = out_dir / version / spec.path
            save(draw_spec(spec, version), target)
            written.append(target)
        gif_target = out_dir / version / GIF_PATH
        gif_target.parent.mkdir(parents=True, exist_ok=True)
        first, *rest = draw_pulse_frames(version)
        first.save(gif_target, "GIF", save_all=True, append_images=rest, duration=120, loop=0, optimize=True)
        written.append(gif_target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "images",
        help="images folder of the example site (default: <repo>/images)",
    )
    args = parser.parse_args()
    written = make_images(args.out)
    total = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} images, {total / 1024:.0f} KiB, into {args.out}")


if __name__ == "__main__":
    main()
