"""Screenshots drawn with PIL and real DejaVu fonts, with the exact box of every widget drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = Path("/usr/share/fonts/truetype/dejavu")
ICONS = Path(__file__).resolve().parents[2] / "src" / "seer" / "perception" / "icons" / "templates"


def font(size: int = 13, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")), size)


@dataclass
class Screen:
    image: Image.Image
    truth: dict[str, tuple[str, tuple[int, int, int, int]]] = field(default_factory=dict)  # key -> (type, box)

    def add(self, key: str, typ: str, box: tuple[int, int, int, int]) -> None:
        self.truth[key] = (typ, tuple(int(v) for v in box))


class Painter:
    def __init__(self, w: int, h: int, bg=(255, 255, 255), fg=(30, 30, 30)):
        self.screen = Screen(Image.new("RGB", (w, h), bg))
        self.d = ImageDraw.Draw(self.screen.image)
        self.bg, self.fg = bg, fg

    def text(self, key, xy, s, size=13, fill=None, bold=False, typ="text"):
        f = font(size, bold)
        self.d.text(xy, s, font=f, fill=fill or self.fg)
        x0, y0, x1, y1 = self.d.textbbox(xy, s, font=f)
        if key:
            self.screen.add(key, typ, (x0, y0, x1, y1))
        return (x0, y0, x1, y1)

    def button(self, key, box, label, fill=(37, 99, 235), fg=(255, 255, 255), border=None, size=13):
        self.d.rounded_rectangle(box, radius=5, fill=fill, outline=border, width=1)
        f = font(size)
        tw = self.d.textlength(label, font=f)
        x0, y0, x1, y1 = box
        self.d.text(((x0 + x1 - tw) / 2, (y0 + y1) / 2 - size * 0.6), label, font=f, fill=fg)
        self.screen.add(key, "button", (x0, y0, x1 + 1, y1 + 1))

    def input(self, key, box, placeholder="", border=(160, 160, 170), fill=(255, 255, 255), chevron=False):
        self.d.rounded_rectangle(box, radius=4, fill=fill, outline=border, width=1)
        x0, y0, x1, y1 = box
        if placeholder:
            self.d.text(
                (x0 + 10, (y0 + y1) / 2 - 8),
                placeholder,
                font=font(13),
                fill=(110, 110, 120) if not chevron else self.fg,
            )
        if chevron:
            cx, cy = x1 - 16, (y0 + y1) // 2
            self.d.line([(cx - 5, cy - 2), (cx, cy + 3), (cx + 5, cy - 2)], fill=self.fg, width=2)
        self.screen.add(key, "dropdown" if chevron else "input", (x0, y0, x1 + 1, y1 + 1))

    def checkbox(self, key, xy, label, checked=False, accent=(37, 99, 235)):
        x, y = xy
        box = (x, y, x + 14, y + 14)
        if checked:
            self.d.rounded_rectangle(box, radius=3, fill=accent)
            self.d.line([(x + 3, y + 7), (x + 6, y + 10), (x + 11, y + 4)], fill=(255, 255, 255), width=2)
        else:
            self.d.rounded_rectangle(box, radius=3, fill=self.bg, outline=(120, 120, 130), width=1)
        self.text(None, (x + 22, y - 1), label)
        self.screen.add(key, "checkbox", (x, y, x + 15, y + 15))

    def radio(self, key, xy, label, checked=False, accent=(37, 99, 235)):
        x, y = xy
        self.d.ellipse(
            (x, y, x + 15, y + 15),
            outline=accent if checked else (120, 120, 130),
            width=1 if not checked else 2,
            fill=self.bg,
        )
        if checked:
            self.d.ellipse((x + 4, y + 4, x + 11, y + 11), fill=accent)
        self.text(None, (x + 23, y), label)
        self.screen.add(key, "radio", (x, y, x + 16, y + 16))

    def toggle(self, key, xy, on=False, accent=(37, 99, 235)):
        x, y = xy
        w, h = 36, 20
        self.d.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=accent if on else (200, 200, 205))
        kx = x + w - h + 2 if on else x + 2
        self.d.ellipse((kx, y + 2, kx + h - 4, y + h - 2), fill=(255, 255, 255))
        self.screen.add(key, "toggle", (x, y, x + w + 1, y + h + 1))

    def icon(self, key, name, xy, size=20, colour=None):
        gray = cv2.imread(str(ICONS / f"{name}.png"), cv2.IMREAD_GRAYSCALE)
        small = cv2.resize(gray, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
        colour = np.array(colour or self.fg, np.float32)
        region = np.asarray(self.screen.image.crop((xy[0], xy[1], xy[0] + size, xy[1] + size))).astype(np.float32)
        out = region * small[:, :, None] + colour * (1 - small[:, :, None])
        self.screen.image.paste(Image.fromarray(out.astype(np.uint8)), xy)
        self.screen.add(key, "icon", (xy[0], xy[1], xy[0] + size, xy[1] + size))


def settings_form() -> Screen:
    """A light settings/login page with a toolbar, a form, a table and a dialog (900×700)."""
    p = Painter(900, 700)
    d = p.d
    d.rectangle((0, 0, 900, 44), fill=(245, 246, 248))
    d.line((0, 44, 900, 44), fill=(220, 220, 225))
    p.text("title", (16, 14), "Acme Console", size=14, bold=True)
    p.icon("icon_search", "search.lucide", (760, 12))
    p.icon("icon_bell", "bell.lucide", (800, 12))
    p.icon("icon_settings", "settings.lucide", (840, 12))
    p.text("h_account", (40, 70), "Account", size=16, bold=True)
    p.text("lbl_email", (40, 105), "Email")
    p.input("email", (40, 124, 360, 156), "you@example.com")
    p.text("lbl_password", (40, 170), "Password")
    p.input("password", (40, 189, 360, 221))
    p.text("lbl_name", (40, 246), "Name")
    p.input("name", (110, 238, 360, 270))
    p.checkbox("remember", (40, 290), "Remember me")
    p.checkbox("newsletter", (200, 290), "Send me news", checked=True)
    p.radio("personal", (40, 322), "Personal", checked=True)
    p.radio("business", (160, 322), "Business")
    p.text("lbl_dark", (40, 362), "Dark mode")
    p.toggle("dark", (300, 358), on=True)
    p.text("lbl_country", (40, 402), "Country")
    p.input("country", (130, 394, 360, 426), "Germany", chevron=True)
    p.button("login", (40, 450, 140, 484), "Log in")
    p.button("cancel", (154, 450, 254, 484), "Cancel", fill=(255, 255, 255), fg=(30, 30, 30), border=(160, 160, 170))
    p.text("forgot", (270, 459), "Forgot password?", fill=(37, 99, 235), typ="link")
    # table with repeated row actions
    p.text("h_users", (440, 70), "Users", size=16, bold=True)
    for i, who in enumerate(["Alice Martin", "Bob Stone", "Carol Diaz"]):
        y = 110 + i * 44
        d.line((440, y + 36, 860, y + 36), fill=(230, 230, 235))
        p.text(f"user{i}", (440, y + 8), who)
        p.button(
            f"edit{i}", (680, y + 2, 740, y + 30), "Edit", fill=(255, 255, 255), fg=(30, 30, 30), border=(160, 160, 170)
        )
        p.button(f"delete{i}", (752, y + 2, 830, y + 30), "Delete", fill=(220, 38, 38))
    # a dialog
    d.rectangle((440, 300, 860, 480), fill=(255, 255, 255), outline=(150, 150, 160), width=1)
    p.text("dlg_title", (460, 318), "Delete file?", size=15, bold=True)
    p.icon("dlg_close", "close.lucide", (826, 316), size=18)
    p.text("dlg_body", (460, 356), "This cannot be undone.")
    p.button(
        "dlg_cancel", (640, 428, 730, 460), "Cancel", fill=(255, 255, 255), fg=(30, 30, 30), border=(160, 160, 170)
    )
    p.button("dlg_ok", (742, 428, 840, 460), "OK")
    p.text("footer", (40, 640), "Terms of service", fill=(37, 99, 235), typ="link")
    return p.screen


def dark_toolbar() -> Screen:
    """A dark IDE-like strip of icon-only buttons and tabs (700×240)."""
    p = Painter(700, 240, bg=(30, 30, 34), fg=(220, 220, 225))
    names = [
        ("add", "add.tabler"),
        ("save", "save.lucide"),
        ("refresh", "refresh.tabler"),
        ("delete", "delete.lucide"),
        ("download", "download.tabler"),
        ("more", "more.lucide"),
    ]
    for i, (key, tpl) in enumerate(names):
        p.icon(f"icon_{key}", tpl, (20 + i * 40, 14), size=18)
    p.text("tab_main", (20, 60), "main.py")
    p.text("tab_utils", (110, 60), "utils.py")
    p.d.rectangle((20, 78, 72, 80), fill=(0, 122, 204))
    p.button("run", (20, 110, 110, 140), "Run", fill=(0, 122, 204))
    p.button("debug", (124, 110, 224, 140), "Debug", fill=(60, 60, 66), fg=(220, 220, 225))
    p.text("status", (20, 200), "Ln 12, Col 4")
    return p.screen


def phone_browser() -> Screen:
    """A phone screen at 3x (1080×1920): a settings-like app bar with a back arrow over a list, and a
    browser's bottom bar: home, an address pill with the site's lock, a tab counter and ⋮ as three dots."""
    p = Painter(1080, 1920, bg=(250, 250, 250), fg=(33, 33, 33))
    d = p.d
    p.text(None, (30, 18), "10:53", size=36)
    d.rectangle((0, 72, 1080, 240), fill=(240, 240, 240))
    p.icon("navigate_up", "back.lucide", (40, 123), size=66)
    p.text(None, (218, 126), "Notification access", size=52)
    for i, (title, sub) in enumerate(
        [("Downloads", "Files saved here"), ("Bookmarks", "Pages you kept"), ("History", "Pages you visited")]
    ):
        y = 290 + i * 210
        p.text(f"row_{title.lower()}", (218, y), title, size=46)
        p.text(None, (218, y + 66), sub, size=38, fill=(110, 110, 110))
    d.rectangle((0, 1600, 1080, 1790), fill=(238, 238, 242))
    p.icon("home", "home.lucide", (38, 1656), size=66)
    d.rounded_rectangle((143, 1631, 828, 1752), radius=28, fill=(235, 235, 239))  # barely set off: no outline
    p.icon("site_info", "lock.lucide", (170, 1658), size=66, colour=(40, 30, 60))
    p.text("address", (268, 1668), "example.org/news", size=44, fill=(40, 30, 60))
    d.rounded_rectangle((869, 1662, 931, 1720), radius=8, outline=(40, 30, 60), width=5)
    p.text(None, (880, 1673), "12", size=30, bold=True, fill=(40, 30, 60))
    p.screen.add("tabs", "icon", (866, 1659, 935, 1724))
    for i in range(3):  # ⋮ with its dots further apart than a stroke gap
        y = 1648 + i * 32
        d.ellipse((1014, y, 1029, y + 15), fill=(40, 30, 60))
    p.screen.add("menu", "icon", (1000, 1640, 1044, 1730))
    return p.screen


def phone_shade() -> Screen:
    """A phone's notification shade at 3x (1080×1920): a group header with its own ×, a notification,
    "Manage" and "CLEAR ALL" below, and a round ✓ button."""
    p = Painter(1080, 1920, bg=(32, 24, 30), fg=(235, 235, 235))
    d = p.d
    d.rectangle((12, 1062, 1068, 1520), fill=(250, 250, 250))
    p.text("group", (60, 1115), "Silent notifications", size=40, fill=(33, 33, 33))
    p.icon("group_close", "close.lucide", (950, 1100), size=66, colour=(60, 60, 60))
    d.line((12, 1206, 1068, 1206), fill=(220, 220, 220), width=2)
    p.text(None, (60, 1260), "Backup finished", size=40, fill=(33, 33, 33))
    p.text(None, (60, 1320), "All files are safe", size=36, fill=(90, 90, 90))
    p.text("manage", (80, 1570), "Manage", size=40)
    p.text("clear_all", (808, 1570), "CLEAR ALL", size=40)
    d.ellipse((880, 1700, 1040, 1860), fill=(0, 120, 100))
    p.icon("validate", "check.lucide", (927, 1747), size=66, colour=(255, 255, 255))
    p.screen.add("validate", "button", (880, 1700, 1041, 1861))
    return p.screen


def format_bar() -> Screen:
    """A text editor's formatting row at 1x (480×120): bold B, italic I (narrower than an icon's square), underlined U."""
    p = Painter(480, 120, bg=(250, 250, 250))
    p.text(None, (20, 16), "Calibri")
    for i, (key, ch, face) in enumerate(
        [
            ("bold", "B", "DejaVuSans-Bold.ttf"),
            ("italic", "I", "DejaVuSerif-Italic.ttf"),
            ("underline", "U", "DejaVuSans.ttf"),
        ]
    ):
        f = ImageFont.truetype(str(FONTS / face), 14)
        xy = (20 + i * 28, 52)
        p.d.text(xy, ch, font=f, fill=(40, 40, 40))
        p.screen.add(key, "icon", p.d.textbbox(xy, ch, font=f))
    p.d.line((76, 70, 88, 70), fill=(40, 40, 40))
    p.text(None, (20, 92), "Font", size=12)
    return p.screen
