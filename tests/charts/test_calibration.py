"""Axis calibration and tick-label parsing: pure functions, no OCR."""

import math

import pytest

from seer.skills.docs.charts.axis_calibration import calibrate
from seer.skills.docs.charts.tick_format import parse_number, parse_power


@pytest.mark.parametrize(
    "text, value",
    [
        ("1.5k", 1500),
        ("2M", 2e6),
        ("$3.2B", 3.2e9),
        ("45%", 45),
        ("\u22125", -5),
        ("(12)", -12),
        ("1,200", 1200),
        ("-$4.5M", -4.5e6),
        ("€0.25", 0.25),
        ("3bn", 3e9),
        ("10% -", 10),
        ("+7", 7),
    ],
)
def test_formatted_numbers(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["Jan", "Oct", "North", "", "Q1 2024", "1e3x"])
def test_text_is_not_a_number(text):
    assert parse_number(text) is None


def test_powers_of_ten_as_ocr_reads_them():
    assert parse_power("10\u00b3") == 1000
    assert parse_power("10^-2") == pytest.approx(0.01)
    assert parse_power("102") == 100  # OCR drops the superscript
    assert parse_power("2020") is None


def test_linear_y_axis_with_an_outlier_tick():
    ticks = [(412.0, "0"), (312.0, "10"), (212.0, "20"), (112.0, "30"), (150.0, "99")]
    axis = calibrate(ticks, "y")
    assert axis is not None and axis.scale == "linear"
    assert len(axis.ticks) == 4  # the misread "99" is left out
    assert axis.value(262.0) == pytest.approx(15.0)
    assert axis.pixel(25.0) == pytest.approx(162.0)
    assert axis.zero_pixel() == pytest.approx(412.0)


def test_formatted_x_axis_with_negatives():
    ticks = [(100.0, "-$1k"), (200.0, "$0"), (300.0, "$1k"), (400.0, "$2k")]
    axis = calibrate(ticks, "x")
    assert axis.scale == "linear"
    assert axis.value(250.0) == pytest.approx(500.0)
    assert axis.zero_pixel() == pytest.approx(200.0)


def test_log_axis_from_plain_and_power_labels():
    plain = calibrate([(400.0, "1"), (300.0, "10"), (200.0, "100"), (100.0, "1k")], "y")
    assert plain.scale == "log"
    assert plain.value(250.0) == pytest.approx(10**1.5)
    powers = calibrate([(400.0, "101"), (300.0, "102"), (200.0, "103")], "y")
    assert powers.scale == "log"
    assert math.log10(powers.value(350.0)) == pytest.approx(1.5)
    assert powers.zero_pixel() is None


def test_evenly_spaced_values_stay_linear():
    axis = calibrate([(400.0, "20"), (300.0, "40"), (200.0, "60"), (100.0, "80")], "y")
    assert axis.scale == "linear"


def test_values_that_do_not_fit_a_line_give_no_axis():
    assert calibrate([(400.0, "17"), (300.0, "3"), (200.0, "42"), (100.0, "8")], "y") is None
    assert calibrate([(400.0, "Jan"), (300.0, "Feb")], "y") is None


def test_direction_must_match_the_axis():
    # values growing downwards are not a y axis (a table column of sorted numbers, say)
    assert calibrate([(100.0, "10"), (200.0, "20"), (300.0, "30")], "y") is None


def test_two_power_ticks_make_a_log_axis():
    # a log axis spanning two decades prints only 10¹ and 10²: enough, since only log axes print powers
    axis = calibrate([(309.0, "10^¹"), (153.0, "10²")], "y", min_ticks=2)
    assert axis.scale == "log"
    assert axis.value(231.0) == pytest.approx(10**1.5)
    assert calibrate([(309.0, "10"), (153.0, "100")], "y") is None  # plain numbers still need three ticks
