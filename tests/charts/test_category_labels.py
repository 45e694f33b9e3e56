"""Sequence completion of category labels OCR misread (pure, no OCR)."""

from seer.perception.geometry import Box
from seer.skills.docs.charts.category_labels import complete
from seer.skills.docs.charts.layout import Label


def _labels(texts):
    return [Label(float(i * 50), t, Box(i * 50, 0, i * 50 + 30, 12)) for i, t in enumerate(texts)]


def test_months_are_completed_and_spelled_alike():
    out, n = complete(_labels(["ar", "Feb", "Mal", "Apr", "May", "ur", "jul"]))
    assert n == 3 and [l.text for l in out] == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"]
    assert [l.pos for l in out] == [0, 50, 100, 150, 200, 250, 300]


def test_years_and_quarters_are_completed():
    assert [l.text for l in complete(_labels(["2010", "201", "2012", "2013"]))[0]] == ["2010", "2011", "2012", "2013"]
    assert [l.text for l in complete(_labels(["Q1", "Q2", "O3", "Q4"]))[0]] == ["Q1", "Q2", "Q3", "Q4"]


def test_other_labels_are_left_alone():
    texts = ["North", "South", "Eat", "West"]
    out, n = complete(_labels(texts))
    assert n == 0 and [l.text for l in out] == texts
    # months out of sequence are not a sequence
    out, n = complete(_labels(["Mar", "Jan", "xx", "Dec"]))
    assert n == 0
