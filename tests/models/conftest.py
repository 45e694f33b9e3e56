import numpy as np
import pytest

from seer.config import Settings
from seer.perception.image import from_array
from tests.models.fake_server import KEY


@pytest.fixture
def make_settings(fake_server):
    def make(model="qwen2.5-vl-vllm", provider=None, key=KEY, **kw):
        base = fake_server.url + ("/v1" if provider != "anthropic" else "")
        return Settings(model=model, provider=provider, base_url=base, api_key=key, **kw)

    return make


def red_image(w, h, box, noise=False):
    """A screen-like image with one red rectangle at `box` (original px)."""
    a = np.full((h, w, 3), 235, np.uint8)
    a[::37, :, :] = 200  # a few grey rules so the image is not trivially flat
    if noise:
        rng = np.random.default_rng(0)
        a = rng.integers(0, 255, (h, w, 3), dtype=np.uint8)
        a[:, :, 0] = np.minimum(a[:, :, 0], 120)
    x0, y0, x1, y1 = box
    a[y0:y1, x0:x1] = (230, 20, 20)
    return from_array(a)
