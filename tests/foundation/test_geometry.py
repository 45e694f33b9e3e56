from hypothesis import given
from hypothesis import strategies as st

from seer.perception.geometry import Box

coord = st.integers(-5000, 5000)


@given(coord, coord, coord, coord)
def test_of_orders_corners(a, b, c, d):
    box = Box.of((a, b, c, d))
    assert box.x0 <= box.x1 and box.y0 <= box.y1
    assert sorted([a, c]) == [box.x0, box.x1]


@given(coord, coord, st.integers(1, 500), st.integers(1, 500), st.integers(-300, 300), st.integers(-300, 300))
def test_iou_is_symmetric_and_bounded(x, y, w, h, dx, dy):
    a, b = Box(x, y, x + w, y + h), Box(x + dx, y + dy, x + dx + w, y + dy + h)
    assert 0.0 <= a.iou(b) == b.iou(a) <= 1.0
    assert a.iou(a) == 1.0
    assert a.intersection(b) <= min(a.area, b.area)


@given(coord, coord, st.integers(1, 500), st.integers(1, 500))
def test_centre_is_inside_and_union_contains(x, y, w, h):
    a = Box(x, y, x + w, y + h)
    assert a.contains(*a.center)
    u = Box.union([a, a.shift(7, -3)])
    assert u.intersection(a) == a.area


def test_clip_and_scale():
    assert Box(-10, -10, 50, 50).clip(40, 30) == Box(0, 0, 40, 30)
    assert Box(10, 20, 30, 40).scale(0.5) == Box(5, 10, 15, 20)
    assert Box.around([(3.4, 9.6), (10.5, 2.2)]) == Box(3, 2, 10, 10)
