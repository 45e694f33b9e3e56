import pytest

from tests.security import hostile


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest.fixture(scope="session")
def cases(hostile_dir):
    return hostile.battery(hostile_dir)


@pytest.fixture(scope="session")
def good_files(hostile_dir):
    """Healthy inputs of each kind: the call after a hostile one must still succeed on these."""
    png = hostile_dir / "good.png"
    png.write_bytes(hostile.good_png(320, 200))
    docx = hostile.docx_with_text(hostile_dir / "good.docx", "Kestrel-5521 quarterly note")
    pdf = hostile.pdf_pages(hostile_dir / "good.pdf", 1, "Heron-8830 revenue grew twelve percent this year")
    return {"image": png, "docx": docx, "pdf": pdf}
