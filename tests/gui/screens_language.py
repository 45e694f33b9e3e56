"""A PIL-drawn screen whose labels read like grammar, with groups to count in and rows to relate."""

from __future__ import annotations

from .screens import Painter, Screen, font

GREY_BORDER = (160, 160, 170)
WHITE = (255, 255, 255)
DARK = (30, 30, 30)
LINK = (37, 99, 235)


def _union(screen: Screen, key: str, *parts: str) -> None:
    boxes = [screen.truth.pop(p)[1] for p in parts]
    screen.add(
        key,
        "button",
        (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)),
    )


def language_screen() -> Screen:
    """1280×820: a radio group under a title, app rows with toggles and Install buttons, an invoice table,
    a two-column board with overflow menus, ribbon labels on two lines, a context menu and short labels."""
    p = Painter(1280, 820)
    d = p.d
    # a radio group under its title
    p.text("h_ship", (40, 30), "Shipping method", size=15, bold=True)
    for i, (name, price) in enumerate(
        [("Standard", "$4.99"), ("Express", "$12.99"), ("Next day", "$24.99"), ("Pickup", "Free")]
    ):
        p.radio(f"ship{i}", (40, 70 + 36 * i), name, checked=i == 0)
        p.text(None, (300, 70 + 36 * i), price)
    p.text(None, (40, 230), "Don't have an account?")
    p.text("signup", (212, 230), "Sign up", fill=LINK, typ="link")
    # phone-style rows: a label that reads like grammar and the control on its line
    for i, (label, key) in enumerate([("Airplane mode", "air"), ("Vibrate for calls", "vib")]):
        y = 290 + 50 * i
        p.text(key, (40, y), label, size=14)
        p.toggle(f"tg_{key}", (340, y - 2), on=i == 1)
    for i, (label, key) in enumerate([("Kona for arm64", "kona"), ("AdGuard for Android", "adguard")]):
        y = 400 + 50 * i
        p.text(key, (40, y), label, size=14)
        p.button(f"inst_{key}", (320, y - 8, 400, y + 22), "Install")
    # an invoice table with one Delete button per row
    for i, (num, client) in enumerate(
        [("INV-6601", "Acme"), ("INV-6607", "Globex"), ("INV-6615", "Umbrella"), ("INV-6620", "Hooli")]
    ):
        y = 40 + 44 * i
        p.text(None, (460, y + 8), num)
        p.text(None, (560, y + 8), client)
        p.button(f"del{i}", (720, y + 2, 800, y + 30), "Delete", fill=(220, 38, 38))
    # a board: two columns, each with an overflow menu in its header and cards below
    for c, (title, cards) in enumerate([("To do", ["Write notes", "Audit packages"]), ("Done", ["Fix login"])]):
        x = 460 + 200 * c
        p.text(f"head{c}", (x, 280), title, bold=True)
        p.icon(f"more{c}", "more.lucide", (x + 150, 278), size=16)
        for j, card in enumerate(cards):
            d.rounded_rectangle((x - 8, 312 + 48 * j, x + 172, 350 + 48 * j), radius=5, outline=GREY_BORDER)
            p.text(f"card{c}{j}", (x, 324 + 48 * j), card)
    # ribbon buttons with their labels on two lines, centred
    for i, (top, bottom, key) in enumerate(
        [("Sort &", "Filter", "sort"), ("Find &", "Select", "find"), ("Analyze", "Data", "analyze")]
    ):
        cx = 920 + 90 * i
        for part, word, y in (("a", top, 40), ("b", bottom, 56)):
            p.text(f"{key}_{part}", (cx - d.textlength(word, font=font(12)) / 2, y), word, size=12)
        _union(p.screen, key, f"{key}_a", f"{key}_b")
    # a search box with the word in its placeholder, and the search button
    p.input("q", (880, 110, 1180, 142), "Search Findly or type a URL")
    p.button("go", (880, 156, 1010, 188), "Findly Search", fill=WHITE, fg=DARK, border=GREY_BORDER)
    p.button("download", (1024, 156, 1124, 188), "Download", fill=WHITE, fg=DARK, border=GREY_BORDER)
    p.button("archive", (1138, 156, 1230, 188), "Archive", fill=WHITE, fg=DARK, border=GREY_BORDER)
    # a context menu whose entries read like commands with types in them
    d.rectangle((880, 230, 1140, 330), fill=WHITE, outline=GREY_BORDER)
    for i, entry in enumerate(["Open image in new tab", "Open image as background", "Copy image"]):
        p.text(f"menu{i}", (896, 242 + 30 * i), entry)
    # short labels
    p.button("key_c", (880, 390, 950, 420), "C", fill=WHITE, fg=DARK, border=GREY_BORDER)
    p.button("ok", (1040, 390, 1110, 420), "OK")
    p.button("cancel", (1124, 390, 1210, 420), "Cancel", fill=WHITE, fg=DARK, border=GREY_BORDER)
    return p.screen
