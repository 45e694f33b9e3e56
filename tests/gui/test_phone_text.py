"""Text on a phone that is prose, not controls, and the controls that wear text: a dialog's message,
a page of headings and paragraphs, Chinese captions, a link wrapped over two lines, a browser's
address bar, an icon beside its label. Drawn with PIL (DejaVu, WenQuanYi for Chinese) at 3x."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from seer.context import Context
from seer.perception.geometry import Box
from seer.skills.gui.elements import list_elements
from seer.skills.gui.schema import ListElementsInput

from .screens import font

W, H = 1080, 2340
CJK = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
MESSAGE = [
    "Please archive and send",
    "the log files in",
    "/data/app/logs/ to",
    "the developers at",
    "example.org/issues.",
]
PAGE = [
    ("Credits", 60),
    ("Thanks for using Paint.", 44),
    ("Special thanks to:", 44),
    ("Licenses", 60),
    ("This app is free software.", 44),
]
LINK = ("8.2. Check if notification listener", "works")
ADDRESS = "example.org/docs/start"


def _listed(img: Image.Image, path: Path):
    img.save(path)
    return list_elements(ListElementsInput(image=str(path)), Context()).elements


def _with_text(elements, text):
    return [e for e in elements if text in e.text]


@pytest.fixture(scope="module")
def dialog(tmp_path_factory):
    img = Image.new("RGB", (W, H), (96, 96, 96))  # the scrim behind a dialog
    d = ImageDraw.Draw(img)
    d.rectangle((96, 540, 984, 1300), fill=(255, 255, 255))
    d.text((168, 600), "Installation failed", font=font(52), fill=(20, 20, 20))
    for i, line in enumerate(MESSAGE):
        d.text((168, 720 + 62 * i), line, font=font(44), fill=(100, 100, 100))
    d.text((560, 1160), "CANCEL", font=font(40), fill=(1, 135, 95))
    d.text((800, 1160), "RETRY", font=font(40), fill=(1, 135, 95))
    return _listed(img, tmp_path_factory.mktemp("dialog") / "dialog.png")


def test_a_dialogs_message_is_text_not_menu_items(dialog):
    for line in MESSAGE[1:]:
        found = _with_text(dialog, line)
        assert found, f"{line!r} not read"
        assert not any(e.interactable for e in found), [(e.type, e.text, e.box) for e in found]
    assert {e.type for e in dialog if e.text in ("CANCEL", "RETRY")} == {"button"}


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    """A phone page of headings and paragraphs at the left margin, a link wrapped over two lines,
    and a browser toolbar holding the page's address."""
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    y = 200
    for text, size in PAGE:
        d.text((48, y), text, font=font(size), fill=(30, 30, 30))
        y += size + (70 if size > 50 else 90)
    blue = (26, 13, 171)
    for i, part in enumerate(LINK):
        top = 1100 + 62 * i
        d.text((160, top), part, font=font(44), fill=blue)
        width = d.textlength(part, font=font(44))
        d.rectangle((160, top + 50, 160 + width, top + 53), fill=blue)
    d.rectangle((0, 2000, W, 2140), fill=(242, 242, 242))  # the toolbar
    d.text((200, 2046), ADDRESS, font=font(44), fill=(40, 40, 40))
    return _listed(img, tmp_path_factory.mktemp("article") / "article.png")


def test_headings_and_paragraphs_at_the_margin_are_no_menu(article):
    for text, _ in PAGE:
        found = _with_text(article, text.split()[0])
        assert found, f"{text!r} not read"
        assert not any(e.interactable for e in found), [(e.type, e.text, e.box) for e in found]


def test_a_wrapped_link_is_one_link_over_both_lines(article):
    link = next((e for e in article if e.type == "link" and LINK[0].split()[1] in e.text), None)
    assert link is not None, [(e.type, e.text) for e in article if e.box[1] > 1000]
    assert LINK[1] in link.text and link.box[1] < 1110 and link.box[3] > 1160, (link.text, link.box)
    assert not any(e.type == "link" and e.text.strip() == LINK[1] for e in article)


def test_a_lone_address_in_a_toolbar_is_the_address_field(article):
    el = next((e for e in article if "example.org" in e.text), None)
    assert el is not None and el.type == "input" and el.interactable, el
    assert el.box[3] - el.box[1] >= 120 and el.box[0] <= 200 and el.box[2] >= 700, (
        el.box
    )  # a 48 dp tall field over the text


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    """A title alone in an app bar and captions ending in a colon, each after a small icon."""
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    cjk = ImageFont.truetype(str(CJK), 46)
    d.text((390, 110), "隐私政策概要", font=cjk, fill=(30, 30, 30))
    for i, caption in enumerate(["设置青少年模式：", "个性化内容推荐：", "发现通讯录好友："]):
        y = 400 + 220 * i
        d.polygon([(48, y + 44), (68, y + 4), (88, y + 44)], fill=(240, 150, 20))
        d.text((110, y), caption, font=cjk, fill=(30, 30, 30))
        d.text((110, y + 80), "账户昵称、密码、电子邮箱、手机号码", font=cjk, fill=(110, 110, 110))
    return _listed(img, tmp_path_factory.mktemp("chinese") / "chinese.png")


def test_chinese_titles_and_captions_are_no_buttons(chinese):
    for text in ("隐私政策", "设置青少年", "个性化内容"):
        found = _with_text(chinese, text)
        assert found, f"{text!r} not read: {[e.text for e in chinese]}"
        assert not any(e.interactable for e in found), [(e.type, e.text, e.box) for e in found]


def test_an_icon_beside_its_label_is_one_button(tmp_path):
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.polygon(
        [(206, 1446), (256, 1446), (256, 1506), (231, 1486), (206, 1506)], outline=(30, 30, 30), width=6
    )  # a bookmark, twice the text's height
    d.text((296, 1452), "Add to wishlist", font=font(40), fill=(30, 30, 30))
    els = _listed(img, tmp_path / "wish.png")
    el = next((e for e in els if "wishlist" in e.text), None)
    assert el is not None and el.type == "button", el
    box = Box.of(el.box)
    assert box.contains(231, 1470) and box.x1 >= 600 and box.height >= 120, el.box
