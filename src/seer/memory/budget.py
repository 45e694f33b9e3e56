"""Token estimates for text and images, per provider family (the one place to point at seer.models).

Image rules (FACTS.md): GPT-4o high detail 85 + 170 per 512-px tile after fitting in 2048 and a
768-px short side; Claude w·h/750 after fitting a 1568-px long edge and ≈ 1.15 MP; Gemini 258 per
768-px tile; Qwen2.5-VL and GLM-4.xV one token per 28×28 px. Unknown providers get the most
expensive rule, so a budget is never exceeded by a wrong guess.
"""

from __future__ import annotations

import math


def text_tokens(text: str) -> int:
    """A conservative estimate: about 3.5 characters a token for English UI text."""
    return math.ceil(len(text) / 3.5) + 1


def image_tokens(width: int, height: int, provider: str | None = None) -> int:
    p = (provider or "").lower()
    if p.startswith(("openai", "gpt")):
        s = min(1.0, 2048 / max(width, height))
        w, h = width * s, height * s
        s = min(1.0, 768 / min(w, h))
        w, h = w * s, h * s
        return 85 + 170 * math.ceil(w / 512) * math.ceil(h / 512)
    if p.startswith(("anthropic", "claude")):
        s = min(1.0, 1568 / max(width, height), math.sqrt(1_150_000 / (width * height)))
        return math.ceil(width * s * height * s / 750)
    if p.startswith(("gemini", "google")):
        if width <= 384 and height <= 384:
            return 258
        return 258 * math.ceil(width / 768) * math.ceil(height / 768)
    if p.startswith(("qwen", "glm", "zai", "zhipu")):
        return math.ceil(width / 28) * math.ceil(height / 28) + 2
    return max(image_tokens(width, height, q) for q in ("openai", "anthropic", "gemini", "qwen"))


def provider_of(model: object | None) -> str | None:
    """The provider family of a `seer.models` client, if it says; None means 'assume the worst'."""
    for attr in ("provider", "family", "name"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return None
