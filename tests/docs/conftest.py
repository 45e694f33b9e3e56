"""Documents with known truth, written once per session in every input format, and read once."""

from pathlib import Path

import pytest

from bench.docs_corpus import quarterly_spec, write_all
from seer.context import Context
from seer.skills.docs.read import load_document


@pytest.fixture(scope="session")
def spec():
    return quarterly_spec(0)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return write_all(tmp_path_factory.mktemp("corpus"), variant=0)


@pytest.fixture(scope="session")
def docs(corpus):
    """Every corpus file read once (the PDF's scanned page is the only OCR in the suite)."""
    return {fmt: load_document(str(p), Context()) for fmt, p in corpus.items()}


@pytest.fixture(scope="session")
def deck_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("decks")
