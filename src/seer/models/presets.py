"""Who serves which model: presets (endpoint, model id, key variable) and per-model profiles
(coordinate convention, image rule, JSON and thinking switches). Pure data; no I/O.

`SEER_MODEL` takes a preset name (`glm-4.5v`), `preset:model-id` (`ollama:qwen2.5vl:7b`,
`openrouter:qwen/qwen2.5-vl-72b-instruct`) or a bare model id served at `SEER_BASE_URL`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urlsplit

from ..errors import NotConfigured
from .coords import Convention
from .images import AreaRule, FitRule, ImageRule, PatchRule, TileRule

Provider = Literal["openai", "anthropic", "local"]
JsonMode = Literal["schema", "object", "prompt"]
ThinkingStyle = Literal["glm", "dashscope", "vllm", "anthropic", "none"]


@dataclass(frozen=True)
class Profile:
    """How a model family sees images and writes coordinates."""

    family: str
    convention: Convention
    rule: ImageRule
    json_mode: JsonMode = "prompt"
    thinking: ThinkingStyle = "none"
    image_detail: str | None = None  # OpenAI's image_url.detail

    def box_instruction(self, sent_w: int, sent_h: int) -> str:
        """How to ask this model for boxes so they come back in its own convention."""
        if self.convention == "norm1000":
            return "Give boxes as [x0, y0, x1, y1] normalised to 0-1000 of the image width and height."
        if self.convention == "fraction":
            return "Give boxes as [x0, y0, x1, y1] as fractions (0-1) of the image width and height."
        return f"Give boxes as [x0, y0, x1, y1] in pixels of the image as you see it ({sent_w}x{sent_h})."


QWEN25 = Profile("qwen2.5-vl", "pixels", PatchRule(28, 4 * 784, 4096 * 784, "patch-28"), "schema", "vllm")
QWEN3 = Profile("qwen3-vl", "norm1000", PatchRule(32, 4 * 1024, 3072 * 1024, "patch-32"), "schema", "vllm")
GLM = Profile("glm-v", "norm1000", PatchRule(28, 4 * 784, 4096 * 784, "patch-28"), "object", "glm")
GPT = Profile("gpt-4o", "pixels", TileRule(), "schema", "none", "high")
CLAUDE = Profile("claude", "pixels", AreaRule(), "prompt", "anthropic")
GENERIC = Profile("generic", "pixels", FitRule(), "prompt", "none")

# model-id patterns -> profile, first match wins (a registry, so a new family is one line)
FAMILIES: list[tuple[re.Pattern[str], Profile]] = [
    (re.compile(r"qwen3[-_.]?vl", re.I), QWEN3),
    (re.compile(r"qwen2\.?5[-_.]?vl|qwen2[-_.]?5vl|ui[-_]?tars", re.I), QWEN25),
    (re.compile(r"qwen2[-_.]?vl", re.I), replace(QWEN25, family="qwen2-vl", convention="norm1000")),
    (re.compile(r"qwen[-_.]?vl[-_.]?(max|plus)", re.I), QWEN25),  # DashScope's current Qwen-VL-Max/Plus
    (re.compile(r"glm[-_.]?\d(\.\d)?v", re.I), GLM),
    (re.compile(r"claude", re.I), CLAUDE),
    (re.compile(r"gpt-4o|gpt-4\.1|chatgpt-4o", re.I), GPT),
]


def profile_for(model_id: str) -> Profile:
    for pattern, profile in FAMILIES:
        if pattern.search(model_id):
            return profile
    return GENERIC


@dataclass(frozen=True)
class Preset:
    name: str
    provider: Provider
    base_url: str
    model: str
    summary: str
    profile: Profile | None = None  # None: from the model id

    def profile_for(self, model_id: str) -> Profile:
        return self.profile if self.profile and model_id == self.model else profile_for(model_id)


_ZAI = "https://api.z.ai/api/paas/v4"
_ZHIPU = "https://open.bigmodel.cn/api/paas/v4"
_DS = "https://dashscope.aliyuncs.com/compatible-mode/v1"
_DS_INTL = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
# DashScope's default budget for Qwen2.5-VL is 1280 tokens per image; sending at that size keeps its resize a no-op
_QWEN25_DS = replace(QWEN25, rule=PatchRule(28, 4 * 784, 1280 * 784, "patch-28-1280"), thinking="dashscope")
_QWEN3_DS = replace(QWEN3, thinking="dashscope")

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("glm-5v-turbo", "openai", _ZAI, "glm-5v-turbo", "Z.ai international GLM-5V-Turbo", GLM),
        Preset("glm-5v-turbo-cn", "openai", _ZHIPU, "glm-5v-turbo", "Zhipu BigModel (mainland) GLM-5V-Turbo", GLM),
        Preset("glm-4.5v", "openai", _ZAI, "glm-4.5v", "Z.ai international GLM-4.5V", GLM),
        Preset("glm-4.5v-cn", "openai", _ZHIPU, "glm-4.5v", "Zhipu BigModel (mainland) GLM-4.5V", GLM),
        Preset(
            "qwen2.5-vl",
            "openai",
            _DS,
            "qwen2.5-vl-72b-instruct",
            "Alibaba DashScope (mainland) Qwen2.5-VL-72B",
            _QWEN25_DS,
        ),
        Preset(
            "qwen2.5-vl-intl",
            "openai",
            _DS_INTL,
            "qwen2.5-vl-72b-instruct",
            "DashScope international Qwen2.5-VL-72B",
            _QWEN25_DS,
        ),
        Preset("qwen3-vl", "openai", _DS, "qwen3-vl-plus", "Alibaba DashScope (mainland) Qwen3-VL-Plus", _QWEN3_DS),
        Preset(
            "qwen3-vl-intl", "openai", _DS_INTL, "qwen3-vl-plus", "DashScope international Qwen3-VL-Plus", _QWEN3_DS
        ),
        Preset(
            "qwen2.5-vl-vllm",
            "openai",
            "http://localhost:8000/v1",
            "Qwen/Qwen2.5-VL-7B-Instruct",
            "vLLM serving Qwen2.5-VL",
            QWEN25,
        ),
        Preset(
            "qwen3-vl-vllm",
            "openai",
            "http://localhost:8000/v1",
            "Qwen/Qwen3-VL-8B-Instruct",
            "vLLM serving Qwen3-VL",
            QWEN3,
        ),
        Preset(
            "vllm",
            "openai",
            "http://localhost:8000/v1",
            "Qwen/Qwen2.5-VL-7B-Instruct",
            "any model on a local vLLM server",
        ),
        Preset("gpt-4o", "openai", "https://api.openai.com/v1", "gpt-4o", "OpenAI GPT-4o", GPT),
        Preset("gpt-4.1", "openai", "https://api.openai.com/v1", "gpt-4.1", "OpenAI GPT-4.1", GPT),
        Preset(
            "openai", "openai", "https://api.openai.com/v1", "gpt-4.1", "OpenAI (give the model as openai:<id>)", GPT
        ),
        Preset(
            "openrouter",
            "openai",
            "https://openrouter.ai/api/v1",
            "qwen/qwen2.5-vl-72b-instruct",
            "OpenRouter (openrouter:<vendor/model>)",
        ),
        Preset("ollama", "openai", "http://localhost:11434/v1", "qwen2.5vl:7b", "Ollama on localhost"),
        Preset("lmstudio", "openai", "http://localhost:1234/v1", "qwen2.5-vl-7b-instruct", "LM Studio on localhost"),
        Preset(
            "claude",
            "anthropic",
            "https://api.anthropic.com",
            "claude-sonnet-4-5",
            "Anthropic Claude Sonnet 4.5",
            CLAUDE,
        ),
        Preset(
            "anthropic",
            "anthropic",
            "https://api.anthropic.com",
            "claude-sonnet-4-5",
            "Anthropic (anthropic:<id>)",
            CLAUDE,
        ),
    ]
}

# Vendor key variables, used only when the request goes to that vendor's own host (never leaked elsewhere)
HOST_KEYS: dict[str, tuple[str, ...]] = {
    "api.openai.com": ("OPENAI_API_KEY",),
    "api.anthropic.com": ("ANTHROPIC_API_KEY",),
    "api.z.ai": ("ZAI_API_KEY", "ZHIPUAI_API_KEY"),
    "open.bigmodel.cn": ("ZHIPUAI_API_KEY", "ZAI_API_KEY"),
    "dashscope.aliyuncs.com": ("DASHSCOPE_API_KEY",),
    "dashscope-intl.aliyuncs.com": ("DASHSCOPE_API_KEY",),
    "openrouter.ai": ("OPENROUTER_API_KEY",),
}


@dataclass(frozen=True)
class Resolved:
    """The model the settings point at, fully resolved (no key here: keys stay in `Settings`)."""

    provider: Provider
    base_url: str
    model: str
    profile: Profile
    preset: str | None

    @property
    def key_vars(self) -> tuple[str, ...]:
        return HOST_KEYS.get(urlsplit(self.base_url).hostname or "", ())


def resolve(model: str | None, base_url: str | None = None, provider: str | None = None) -> Resolved | None:
    """Resolve a `model` setting; None means the local backend. Raises NotConfigured if incomplete."""
    name = (model or "").strip()
    if provider == "local" or name in ("", "local", "none"):
        if base_url and provider != "local" and not name:
            raise NotConfigured(
                f"base_url is set ({base_url}) but no model; set SEER_MODEL to the model id that server serves"
            )
        return None
    preset = PRESETS.get(name)
    model_id = preset.model if preset else name
    if preset is None and ":" in name and name.split(":", 1)[0] in PRESETS:
        prefix, model_id = name.split(":", 1)
        preset = PRESETS[prefix]
    if preset is None:
        preset = next((p for p in PRESETS.values() if p.model == name and p.profile is not None), None)
    if preset is not None:
        prov = provider or preset.provider
        url = base_url or preset.base_url
        return Resolved(prov, url.rstrip("/"), model_id, preset.profile_for(model_id), preset.name)  # type: ignore[arg-type]
    prov = provider or ("anthropic" if "claude" in name.lower() else "openai")
    if not base_url:
        if prov == "anthropic":
            base_url = PRESETS["anthropic"].base_url
        else:
            raise NotConfigured(
                f"model {name!r} is not a preset and no base_url is set; set SEER_BASE_URL to its OpenAI-compatible "
                f"endpoint (e.g. http://localhost:8000/v1), or use a preset: {', '.join(PRESETS)}"
            )
    return Resolved(prov, base_url.rstrip("/"), model_id, profile_for(model_id), None)  # type: ignore[arg-type]
