"""Text measurement: real font metrics, wrapping and fitting never exceed the box."""

from hypothesis import given, settings
from hypothesis import strategies as st

from seer.skills.docs.slides.condense import is_fragment, statement
from seer.skills.docs.slides.text_fit import Para, fit_size, paras_height, text_width, wrap


def test_widths_are_real_metrics():
    assert text_width("WWWW", 20) > text_width("iiii", 20) * 2
    assert abs(text_width("Revenue", 24) - 2 * text_width("Revenue", 12)) < 0.5
    assert text_width("Revenue", 18, bold=True) > text_width("Revenue", 18)


def test_wrap_respects_width_and_keeps_words():
    text = "Gross margin held at 61.7% despite higher cloud hosting costs and a supercalifragilisticexpialidocious word"
    lines = wrap(text, 150, 14)
    assert all(text_width(l, 14) <= 150 for l in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="abcdefghij klmnop 0123456789%$", min_size=1, max_size=120), min_size=1, max_size=8),
    st.floats(120, 900),
    st.floats(40, 400),
)
def test_fit_size_fits_or_says_none(texts, width, height):
    paras = [Para(t, 1) for t in texts]
    size = fit_size(paras, width, height, 24, 10)
    if size is not None:
        assert paras_height(paras, width, size) <= height
        assert size == 24 or paras_height(paras, width, size + 1) > height


@given(
    st.lists(
        st.sampled_from(
            "revenue grew by 12.4% to $48.2 million, which costs fell sharply; in every region while".split()
        ),
        min_size=1,
        max_size=40,
    )
)
def test_statement_is_the_sentence_or_its_opening_clause(words):
    sentence = "Revenue " + " ".join(words)
    out = statement(sentence)
    assert out and sentence.lower().startswith(out.lower().rstrip(".;:,"))  # a prefix: the subject is kept
    assert out.split()[0].lower() == "revenue"


def test_long_sentence_becomes_its_main_clause():
    s = (
        "Revenue for the third quarter reached $48.2 million, up 12.4% on the same quarter last year, "
        "which reflects strong renewals in North America and a faster ramp of the analytics tier."
    )
    out = statement(s)
    assert out.startswith("Revenue for the third quarter reached $48.2 million") and "which" not in out
    assert not is_fragment(out)
    assert is_fragment("Which $426.3 million is already committed") and is_fragment("Where figures are estimates")
