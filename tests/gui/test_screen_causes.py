"""Causes seen on real screens, each on a generated screen: a phone's navigation bar is the system's,
a lone ring is an icon, a switch's title still makes its settings row, the rows of a filter list
are links, and a wrapped link stops at its own lines.
"""

from __future__ import annotations

from PIL import Image, ImageDraw

from seer.context import Context
from seer.perception.geometry import Box
from seer.skills.gui.elements import list_elements
from seer.skills.gui.schema import ListElementsInput

from .screens import font

W, H = 1080, 2340  # a 360 dp wide phone at 3x
NAV = 1776  # the screen ends at 1920; the capture has blank rows below it
LINK, GREY = (30, 80, 200), (110, 110, 110)


def _listed(img: Image.Image, tmp_path, name: str):
    path = tmp_path / f"{name}.png"
    img.save(path)
    return list_elements(ListElementsInput(image=str(path)), Context()).elements


def _best(elements, box):
    return max(elements, key=lambda e: Box.of(e.box).iou(Box.of(box)), default=None)


def _switch(d: ImageDraw.ImageDraw, x: int, y: int, on: bool) -> None:
    """A switch: a pill track with a round knob inside at its left (off) or right (on) end."""
    d.rounded_rectangle((x, y, x + 130, y + 64), radius=32, fill=(30, 110, 220) if on else (190, 190, 190))
    kx = x + 72 if on else x + 6
    d.ellipse((kx, y + 6, kx + 52, y + 58), fill=(255, 255, 255))


def _phone(rows: list[tuple[str, str, bool]]) -> Image.Image:
    img = Image.new("RGB", (W, H), (0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 0, W, NAV + 144), fill=(250, 250, 250))
    d.text((40, 18), "12:30", font=font(36), fill=(40, 40, 40))
    d.text((48, 110), "Notifications", font=font(60), fill=(20, 20, 20))
    for i, (title, sub, on) in enumerate(rows):
        y = 260 + i * 218
        d.text((200, y + 50), title, font=font(46), fill=(20, 20, 20))
        d.text((200, y + 108), sub, font=font(36), fill=(100, 100, 100))
        d.ellipse((50, y + 70, 126, y + 146), fill=(30, 136, 229))
        _switch(d, 900, y + 80, on)
    d.rounded_rectangle((340, 1500, 740, 1640), radius=24, fill=(30, 110, 220))  # the app's own button
    d.text((430, 1540), "Continue", font=font(46), fill=(255, 255, 255))
    d.rectangle((0, NAV, W, NAV + 144), fill=(20, 20, 20))  # the system's navigation bar: back, home, recents
    cy = NAV + 72
    d.polygon([(300, cy - 26), (300, cy + 26), (255, cy)], outline=(240, 240, 240), width=5)
    d.ellipse((514, cy - 24, 566, cy + 24), outline=(240, 240, 240), width=5)
    d.rectangle((758, cy - 22, 802, cy + 22), outline=(240, 240, 240), width=5)
    return img


ROWS = [("Email", "New messages", True), ("Reminders", "Events of the day", False), ("Photos", "Shared albums", True)]


def test_navigation_bar_is_the_systems_not_the_apps(tmp_path):
    elements = _listed(_phone(ROWS), tmp_path, "nav")
    nav = [e for e in elements if e.box[1] >= NAV - 10]
    assert nav, "the navigation bar's glyphs are still listed"
    assert not any(e.interactable for e in nav), nav
    assert all(e.type == "icon" for e in nav), nav  # a home ring is no radio, a recents square no checkbox
    app = _best(elements, (340, 1500, 740, 1640))
    assert app is not None and app.interactable and Box.of(app.box).iou(Box.of((340, 1500, 740, 1640))) >= 0.6


def test_a_switchs_title_still_makes_its_settings_row(tmp_path):
    elements = _listed(_phone(ROWS), tmp_path, "rows")
    for i, (title, _sub, on) in enumerate(ROWS):
        y = 260 + i * 218
        row = _best([e for e in elements if e.type == "menu_item"], (0, y, W, y + 218))
        assert row is not None and row.text == title and Box.of(row.box).iou(Box.of((0, y, W, y + 218))) >= 0.6, (
            title,
            row,
        )
        switch = [
            e for e in elements if e.type == "toggle" and Box.of(e.box).iou(Box.of((900, y + 80, 1030, y + 144))) >= 0.5
        ]
        assert len(switch) == 1 and switch[0].state == ("on" if on else "off"), (title, switch)


def test_a_lone_ring_is_an_icon_and_a_labelled_one_a_radio(tmp_path):
    img = Image.new("RGB", (640, 300), (255, 255, 255))
    d = ImageDraw.Draw(img)
    for x in (20, 60, 100):  # a bar of icons drawn in circles, nothing beside them
        d.ellipse((x, 20, x + 18, 38), outline=(60, 60, 60), width=2)
        d.rectangle((x + 6, 26, x + 12, 32), fill=(60, 60, 60))
    for i, label in enumerate(("Small", "Large")):  # a radio group
        y = 120 + 40 * i
        d.ellipse((40, y, 56, y + 16), outline=(90, 90, 90), width=2)
        if i == 0:
            d.ellipse((44, y + 4, 52, y + 12), fill=(37, 99, 235))
        d.text((72, y), label, font=font(14), fill=(30, 30, 30))
    elements = _listed(img, tmp_path, "rings")
    lone = [e for e in elements if e.box[1] < 60]
    assert lone and not any(e.type == "radio" for e in lone), lone
    radios = sorted((e for e in elements if e.type == "radio"), key=lambda e: e.box[1])
    assert [(e.text, e.state) for e in radios] == [("Small", "checked"), ("Large", "unchecked")]


def test_a_filter_lists_rows_are_links_spanning_the_list(tmp_path):
    img = Image.new("RGB", (900, 420), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((640, 20, 880, 400), fill=(248, 248, 248))  # the filter panel
    d.text((670, 40), "By status", font=font(14), fill=(40, 40, 40))
    for i, (value, colour) in enumerate((("All", LINK), ("Active", GREY), ("Archived", GREY))):
        d.text((655, 76 + 24 * i), value, font=font(13), fill=colour)
    for i in range(6):  # the page's table beside it
        d.text((30, 40 + 30 * i), f"record-{i + 1:03d} updated", font=font(13), fill=(30, 30, 30))
    elements = _listed(img, tmp_path, "filter")
    for i, value in enumerate(("All", "Active", "Archived")):
        el = next((e for e in elements if e.text == value), None)
        assert el is not None and el.type == "link" and el.interactable, (value, el)
        assert el.box[0] <= 645 and el.box[2] >= 875, el.box  # a block link spans its list
        assert el.box[1] <= 76 + 24 * i + 2 and el.box[3] >= 76 + 24 * i + 12, el.box


def test_a_wrapped_link_stops_at_its_own_lines(tmp_path):
    img = Image.new("RGB", (900, 400), (255, 255, 255))
    d = ImageDraw.Draw(img)
    f = font(16)
    # two items set tightly, each wrapping: the second item's continuation is within two lines of the first's
    for y, s in (
        (40, "8.2. Check that the listener"),
        (60, "may read the notifications"),
        (80, "8.3. Record notifications for"),
        (100, "a day and send them to us"),
    ):
        d.text((60, y), s, font=f, fill=LINK)
    elements = _listed(img, tmp_path, "wrapped")
    links = sorted((e for e in elements if e.type == "link"), key=lambda e: e.box[1])
    assert [e.text.split()[0] for e in links] == ["8.2.", "8.3."], [e.text for e in links]
    assert links[0].box[3] < 82 <= links[1].box[1], [e.box for e in links]


def test_a_dialogs_lower_case_choices_are_text_buttons(tmp_path):
    img = Image.new("RGB", (W, H), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle((60, 600, 1020, 1500), radius=24, fill=(255, 255, 255), outline=(220, 220, 220))
    d.text((110, 660), "Add this page to your home screen for a quicker", font=font(36), fill=(40, 40, 40))
    d.text((110, 710), "way back to it next time.", font=font(36), fill=(40, 40, 40))
    d.rounded_rectangle((440, 1000, 980, 1110), radius=20, fill=(30, 110, 220))  # the main choice, filled
    d.text((600, 1035), "Add shortcut", font=font(40), fill=(255, 255, 255))
    d.text((630, 1160), "No thanks", font=font(40), fill=(30, 110, 220))  # stacked under it, centred
    d.text((110, 1380), "Manage", font=font(40), fill=(30, 110, 220))  # on the row of a capitals text button
    d.text((760, 1380), "DISMISS", font=font(40), fill=(30, 110, 220))
    elements = _listed(img, tmp_path, "dialog")
    for label in ("No thanks", "Manage", "DISMISS"):
        el = next((e for e in elements if e.text == label), None)
        assert el is not None and el.type == "button" and el.interactable, (label, el)
        assert el.box[3] - el.box[1] >= 0.9 * 48 * W / 400, el.box  # its touch target, not its text
    prose = next(e for e in elements if e.text.startswith("Add this page"))
    assert prose.type == "text"


def test_a_sortable_tables_headers_are_links_over_their_cells(tmp_path):
    img = Image.new("RGB", (1000, 400), (255, 255, 255))
    d = ImageDraw.Draw(img)
    cols = [(40, "USERNAME"), (220, "EMAIL ADDRESS"), (470, "ROLE"), (640, "STATUS")]
    d.rectangle((32, 100, 820, 134), fill=(240, 243, 246))  # the header band
    d.rectangle((32, 100, 212, 134), fill=(222, 230, 238))  # the sorted column, with its arrow
    d.polygon([(190, 122), (200, 112), (210, 122)], fill=(90, 100, 110))
    for x, label in cols:
        d.text((x, 111), label, font=font(11), fill=(70, 80, 90))
    for i, name in enumerate(("ada", "alan", "grace", "ken")):
        y = 150 + 30 * i
        for (x, _), cell in zip(cols, (name, f"{name}@example.org", "editor", "active")):
            d.text((x, y), cell, font=font(13), fill=(30, 30, 30))
    elements = _listed(img, tmp_path, "table")
    links = {e.text: e for e in elements if e.type == "link" and e.interactable}
    assert {label for _, label in cols} <= set(links), sorted(links)
    for (x, label), (nxt, _) in zip(cols[1:], cols[2:]):  # a cell runs to the next header; the last one's end is unseen
        cell = (x - 8, 100, nxt - 8, 134)
        assert Box.of(links[label].box).iou(Box.of(cell)) >= 0.6, (label, links[label].box, cell)
    assert not any(e.type == "link" for e in elements if e.box[1] > 140)  # the cells are no links
