"""Elements are controls, not their text: list rows, tab cells, touch targets, menus, links.

Phone and desktop screens are drawn with PIL and DejaVu fonts; one page is rendered by Chromium.
Each test states the control's box as the screen's own layout defines it.
"""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw

from seer.context import Context
from seer.perception.geometry import Box
from seer.skills.gui.elements import list_elements
from seer.skills.gui.schema import ListElementsInput

from .screens import font

W, H = 1080, 2340  # a 360 dp wide phone at 3x
ROW0, PITCH = 240, 216
ROWS = [
    ("Network", "Wi-Fi, mobile, data usage"),
    ("Battery", "84 percent"),
    ("Display", "Dark theme, font size"),
    ("Sound", "Volume, vibration"),
    ("Storage", "61% used, 25 GB free"),
]
TABS = ["Games", "Apps", "Movies", "Books", "Kids"]


def _listed(img: Image.Image, tmp_path, name: str):
    path = tmp_path / f"{name}.png"
    img.save(path)
    return list_elements(ListElementsInput(image=str(path)), Context()).elements


def _best(elements, box, typ=None):
    b = Box.of(box)
    pool = [e for e in elements if typ is None or e.type == typ]
    return max(pool, key=lambda e: Box.of(e.box).iou(b), default=None)


@pytest.fixture(scope="module")
def phone(tmp_path_factory):
    img = Image.new("RGB", (W, H), (250, 250, 250))
    d = ImageDraw.Draw(img)
    d.text((40, 18), "12:30", font=font(36), fill=(40, 40, 40))  # status bar: clock and battery
    d.rectangle((980, 24, 1030, 50), outline=(40, 40, 40), width=3)
    d.rectangle((984, 28, 1016, 46), fill=(40, 40, 40))
    d.text((48, 120), "Settings", font=font(60), fill=(20, 20, 20))
    for i, (title, sub) in enumerate(ROWS):
        y = ROW0 + i * PITCH
        d.ellipse(
            (50, y + 70, 126, y + 146),
            fill=[(30, 136, 229), (67, 160, 71), (251, 140, 0), (142, 36, 170), (0, 137, 123)][i],
        )
        d.text((200, y + 56), title, font=font(48), fill=(20, 20, 20))
        d.text((200, y + 124), sub, font=font(38), fill=(100, 100, 100))
    y = ROW0 + len(ROWS) * PITCH + 40
    for i, label in enumerate(TABS):  # a tab strip: five equal cells
        cx = 108 + 216 * i
        tw = d.textlength(label, font=font(40))
        d.text((cx - tw / 2, y + 50), label, font=font(40), fill=(60, 60, 60))
    d.rectangle((216 + 40, y + 136, 432 - 40, y + 142), fill=(1, 135, 95))  # the selected tab's bar
    # a dialog's text buttons
    d.text((620, 1960), "CANCEL", font=font(40), fill=(1, 135, 95))
    d.text((880, 1960), "OK", font=font(40), fill=(1, 135, 95))
    return _listed(img, tmp_path_factory.mktemp("phone"), "phone"), y


def test_list_row_is_the_row_not_its_title(phone):
    elements, _ = phone
    for i, (title, _) in enumerate(ROWS):
        row = (0, ROW0 + i * PITCH, W, ROW0 + (i + 1) * PITCH)
        el = _best(elements, row)
        assert el is not None and Box.of(el.box).iou(Box.of(row)) >= 0.6, (title, el)
        assert el.type == "menu_item" and el.text == title and el.interactable
        assert el.box[0] <= 10 and el.box[2] >= W - 10, el.box  # spans the list's width
        x, y = el.point
        assert 200 <= x <= 700 and row[1] < y < row[3]  # the click lands on the title


def test_a_rows_subtitle_is_no_control_of_its_own(phone):
    elements, _ = phone
    for _title, sub in ROWS:
        mine = [e for e in elements if e.text == sub]
        assert mine, f"subtitle {sub!r} not read"
        assert not any(e.interactable for e in mine), [(e.type, e.text, e.box) for e in mine]


def test_leading_icons_belong_to_their_rows(phone):
    elements, _ = phone
    for i in range(len(ROWS)):
        icon = (50, ROW0 + i * PITCH + 70, 126, ROW0 + i * PITCH + 146)
        assert not any(
            e.interactable and e.type != "menu_item" and Box.of(e.box).iou(Box.of(icon)) > 0.3 for e in elements
        )


def test_status_bar_glyphs_are_not_controls(phone):
    elements, _ = phone
    top = [e for e in elements if e.box[3] <= 70]
    assert top, "the clock is still read as text"
    assert not any(e.interactable for e in top), [(e.type, e.text, e.box) for e in top]
    assert not any(e.type == "toggle" for e in elements)


def test_tab_strip_cells(phone):
    elements, y = phone
    for i, label in enumerate(TABS):
        cell = (216 * i, y + 30, 216 * (i + 1), y + 150)
        el = _best(elements, cell, "tab")
        assert el is not None and el.text == label, (label, el)
        assert Box.of(el.box).iou(Box.of(cell)) >= 0.5, (label, el.box, cell)


def test_text_buttons_get_their_touch_target(phone):
    elements, _ = phone
    for label in ("CANCEL", "OK"):
        el = next((e for e in elements if e.text == label), None)
        assert el is not None and el.type == "button", (label, el)
        assert el.box[3] - el.box[1] >= 120, el.box  # 48 dp at 3x is 144 px; the label is 40
        assert el.box[1] < 1960 and el.box[3] > 2000


@pytest.fixture(scope="module")
def desktop(tmp_path_factory):
    img = Image.new("RGB", (1280, 800), (255, 255, 255))
    d = ImageDraw.Draw(img)
    xs = []
    x = 40
    for word in ("File", "Edit", "View", "Run", "Help"):  # a menu bar
        d.text((x, 8), word, font=font(14), fill=(30, 30, 30))
        w = d.textlength(word, font=font(14))
        xs.append((x, x + w))
        x += w + 22
    d.line((0, 30, 1280, 30), fill=(200, 200, 200))
    menu = (34, 31, 330, 31 + 8 + 6 * 26 + 9)
    d.rectangle(menu, fill=(255, 255, 255), outline=(170, 170, 170))
    items = [
        ("New Launcher", "Ctrl+Shift+L"),
        ("Open...", ""),
        ("Save", "Ctrl+S"),
        ("Save As...", "Ctrl+Shift+S"),
        ("Rename...", ""),
        ("Close Tab", "Alt+W"),
    ]
    rows = []
    for i, (label, keys) in enumerate(items):
        y = menu[1] + 4 + i * 26 + (9 if i >= 2 else 0)
        d.text((60, y + 5), label, font=font(14), fill=(30, 30, 30))
        if keys:
            d.text((230, y + 5), keys, font=font(13), fill=(90, 90, 90))
        rows.append((menu[0] + 1, y, menu[2], y + 26))
    d.line((menu[0] + 1, menu[1] + 4 + 2 * 26 + 4, menu[2] - 1, menu[1] + 4 + 2 * 26 + 4), fill=(220, 220, 220))
    return _listed(img, tmp_path_factory.mktemp("desktop"), "desktop"), xs, rows, menu


def test_menu_items_span_their_menu(desktop):
    elements, _, rows, menu = desktop
    for row in rows:
        el = _best(elements, row, "menu_item")
        assert el is not None and Box.of(el.box).iou(Box.of(row)) >= 0.5, (row, el)
        assert abs(el.box[0] - menu[0]) <= 4 and abs(el.box[2] - menu[2]) <= 4, (el.box, menu)


def test_menu_bar_items_are_menu_items(desktop):
    elements, xs, _, _ = desktop
    for x0, x1 in xs:
        el = _best(elements, (x0 - 8, 0, x1 + 8, 30), "menu_item")
        assert el is not None and el.box[0] <= x0 and el.box[2] >= x1 and el.box[1] <= 8 and el.box[3] >= 22, (x0, el)


PAGE = """<html><body style="margin:0;font:15px sans-serif">
<div style="background:#264b5d;color:#fff;padding:12px 24px">
  <a href="#" style="color:#fff" data-t="home">Home</a> &rsaquo; <a href="#" style="color:#fff" data-t="people">People</a> &rsaquo; Ada
</div>
<div style="padding:24px">
  <p>Signed in. <a href="#" data-t="logout">Log out</a></p>
  <button data-t="save" style="font:15px sans-serif;padding:8px 22px;border:1px solid #888;border-radius:4px;background:#eee">Save changes</button>
</div></body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    playwright = pytest.importorskip("playwright.sync_api")
    if not chromium:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    path = tmp_path_factory.mktemp("page") / "page.png"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
        tab = browser.new_page(viewport={"width": 800, "height": 300})
        tab.set_content(PAGE)
        boxes = tab.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-t]')].map(
            e => { const r = e.getBoundingClientRect(); return [e.dataset.t, [r.left, r.top, r.right, r.bottom]]; }))""")
        tab.screenshot(path=str(path))
        browser.close()
    return list_elements(ListElementsInput(image=str(path)), Context()).elements, boxes


@pytest.mark.parametrize("key", ["home", "people", "logout"])
def test_underlined_links_are_links_even_inside_a_line(page, key):
    elements, boxes = page
    el = _best(elements, boxes[key], "link")
    assert el is not None and Box.of(el.box).iou(Box.of(boxes[key])) >= 0.4, (key, boxes[key], el)


def test_button_box_is_its_outline(page):
    elements, boxes = page
    el = _best(elements, boxes["save"], "button")
    assert el is not None and Box.of(el.box).iou(Box.of(boxes["save"])) >= 0.8, (boxes["save"], el)


@pytest.mark.parametrize("sep", ["›", ">"])
def test_a_breadcrumb_trails_names_are_links_but_the_last(tmp_path, sep):
    img = Image.new("RGB", (900, 120), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((0, 40, 900, 76), fill=(38, 70, 83))
    f, x, boxes = font(14), 40, []
    for i, name in enumerate(["Home", "Accounts and Groups", "Members"]):
        if i:
            d.text((x, 50), sep, font=f, fill=(200, 200, 200))
            x += d.textlength(sep + " ", font=f) + 4
        boxes.append(d.textbbox((x, 50), name, font=f))
        d.text((x, 50), name, font=f, fill=(245, 245, 245) if i < 2 else (170, 190, 200))
        x = boxes[-1][2] + 12
    els = _listed(img, tmp_path, "trail")
    for (name, box), typ in zip(zip(["Home", "Accounts and Groups", "Members"], boxes), ["link", "link", "text"]):
        el = _best(els, box)
        assert el is not None and el.text == name and el.type == typ, (name, el)
        assert Box.of(el.box).iou(Box.of(box)) >= 0.6, (name, el.box, box)
