"""Change detection: carets, pointers and noise are not changes; a changed word is."""

import numpy as np

from seer.perception.change import ChangeOptions, detect_changes, find_scroll, shift_rows
from seer.perception.geometry import Box
from tests.memory.screens import TEXT, screen


def test_identical_frames_have_similarity_one():
    a = screen(TEXT)
    c = detect_changes(a, a.copy())
    assert not c.changed and c.similarity == 1.0


def test_blinking_caret_is_ignored():
    c = detect_changes(screen(TEXT, caret=True), screen(TEXT, caret=False))
    assert not c.changed
    assert len(c.ignored) == 1 and c.ignored[0].width <= 3 and c.ignored[0].height >= 14


def test_moved_pointer_is_ignored_even_over_text():
    c = detect_changes(screen(TEXT, pointer=(600, 120)), screen(TEXT, pointer=(90, 44)))
    assert not c.changed
    assert len(c.ignored) == 2


def test_antialiasing_noise_is_ignored():
    rng = np.random.default_rng(1)
    a = screen(TEXT)
    noisy = np.clip(a.astype(np.int16) + rng.integers(-12, 13, a.shape), 0, 255).astype(np.uint8)
    assert not detect_changes(a, noisy).changed


def test_changed_word_is_found_where_it_is():
    edited = list(TEXT)
    edited[2] = "Next step: deploy the payments service"
    c = detect_changes(screen(TEXT, caret=False), screen(edited, caret=False))
    assert c.changed and len(c.boxes) == 1
    box = c.boxes[0]
    assert 40 + 2 * 24 - 4 <= box.y0 and box.y1 <= 40 + 3 * 24 + 2  # on the third line only
    assert box.x0 > 150  # the words before the edit did not change
    assert 0.9 < c.similarity < 1.0


def test_popup_is_one_region_and_lowers_similarity():
    c = detect_changes(screen(TEXT), screen(TEXT, popup="Error: disk full"))
    assert len(c.boxes) == 1
    assert c.boxes[0].iou(Box(200, 180, 641, 301)) > 0.9


def test_scroll_is_found_and_undone():
    many = [f"Line {i}: status report item number {i * 7}" for i in range(30)]
    a = screen(many[:17], caret=False, pointer=None)
    b = screen(many[3:20], caret=False, pointer=None)
    region = Box(0, 30, 800, 470)
    dy = find_scroll(a, b, region)
    assert dy == -72  # three lines of 24 px moved up
    rest = detect_changes(shift_rows(a, region, dy), b, ChangeOptions(ignore_caret=False, ignore_pointer=False))
    assert rest.area < 0.2 * detect_changes(a, b).area  # only the new lines at the bottom differ


def test_scroll_under_a_dialog_that_stands_still_is_found():
    words = "deploy metric product testing issue customer team version report service release budget".split()
    rng = np.random.default_rng(1)
    many = [" ".join(rng.choice(words, 6)) for _ in range(30)]  # an article: lines that differ
    a = screen(many[:17], caret=False, pointer=None, popup="Save changes to report.md?")
    b = screen(many[3:20], caret=False, pointer=None, popup="Save changes to report.md?")
    assert find_scroll(a, b, Box(0, 30, 800, 470)) == -72


def test_no_scroll_between_unrelated_screens():
    a = screen(TEXT, pointer=None)
    b = screen(["Completely different", "content on this screen"], pointer=None, top=200)
    assert find_scroll(a, b, Box(0, 30, 800, 470)) is None


def test_fast_ocr_reads_light_terminal_text_on_dark_as_well_as_dark_on_light():
    """Issue 16: memory reads terminal output with Tesseract; it is handed light-on-dark text
    inverted (it reads dark on light at once instead of failing and retrying each line)."""
    from PIL import Image, ImageDraw

    from seer.perception.image import from_array
    from seer.perception.ocr import read_lines
    from tests.memory.screens import font

    lines = ["dev@bench:~/work$ python3 fetch.py", "Download complete: 120 MB in 6 s", "Error: no such table: users"]

    def render(bg, fg):
        img = Image.new("RGB", (900, 140), bg)
        d = ImageDraw.Draw(img)
        for i, text in enumerate(lines):
            d.text((12, 12 + i * 40), text, fill=fg, font=font(22))
        return [ln.text for ln in read_lines(from_array(np.asarray(img)), detail="fast")]

    dark = render((18, 19, 20), (200, 200, 200))
    light = render((255, 255, 255), (30, 30, 30))

    def squeeze(texts):
        return [t.replace(" ", "") for t in texts]

    assert squeeze(dark) == squeeze(light) == squeeze(lines), (dark, light)
