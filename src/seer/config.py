"""Settings, resolved once in one order: explicit overrides (CLI flags) > environment > config file > defaults.

The config file is TOML at `~/.config/seer/config.toml` (or `$SEER_CONFIG`). Keys are the field
names below; environment variables are `SEER_` + the upper-cased field name.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr, SecretStr, ValidationError, field_validator

from .errors import InputError


class Settings(BaseModel):
    """Everything a user can configure. Limits guard against hostile or accidental huge inputs."""

    max_pixels: int = Field(40_000_000, gt=0, description="Largest image accepted, in pixels (width × height).")
    max_bytes: int = Field(64 * 1024 * 1024, gt=0, description="Largest encoded input accepted, in bytes.")
    allow_urls: bool = Field(
        False, description="Allow http(s) URLs as image inputs (private, loopback and link-local hosts stay refused)."
    )
    overwrite: bool = Field(
        False,
        description="Let outputs replace files seer did not write (CLI --force); "
        "a file seer wrote and nobody changed since is always replaced.",
    )
    url_timeout: float = Field(
        20.0, gt=0, description="Seconds a URL fetch may take in all (connect, redirects, body)."
    )
    url_allow_hosts: list[str] = Field(
        default_factory=list,
        description="Hosts fetched even though they resolve to private/loopback addresses (e.g. an intranet server).",
    )
    allowed_roots: list[str] = Field(
        default_factory=list,
        description="Folders that path arguments (images, documents, videos, outputs, memory stores) may name; "
        "empty = the working directory and the temp dir. SEER_ALLOWED_ROOTS separates folders with ':'; '/' allows all.",
    )
    max_pages: int = Field(
        2000, gt=0, description="Most pages or slides a document read may cover, whatever a call asks for."
    )
    max_unzipped_bytes: int = Field(
        512 * 1024 * 1024, gt=0, description="Largest total an Office file (zip) may expand to."
    )
    max_zip_ratio: int = Field(
        200, gt=0, description="Largest expansion ratio of one part (over 1 MB) of an Office file."
    )
    max_zip_entries: int = Field(20_000, gt=0, description="Most parts an Office file (zip) may hold.")
    max_video_seconds: float = Field(4 * 3600.0, gt=0, description="Longest video accepted for ingest, in seconds.")
    max_queue: int = Field(
        16, ge=0, description="Server: calls that may wait for a worker; beyond it calls fail at once as busy."
    )
    ocr_threads: int = Field(0, ge=0, description="ONNX Runtime threads for OCR; 0 picks one per core.")
    ocr_charset: Literal["auto", "latin", "all"] = Field(
        "auto",
        description="Characters the default OCR recogniser can output: 'auto' (Latin, and CJK and more where the "
        "script is not Latin), 'latin' (Latin only) or 'all' (the whole alphabet everywhere, slower).",
    )
    ocr_cache_dir: str | None = Field(
        None,
        description="Directory of the on-disk OCR cache (results keyed by pixel hash, shared between processes, "
        "oldest dropped past 4096 images); unset = $XDG_CACHE_HOME/seer, empty = off.",
    )
    cache_size: int = Field(64, ge=0, description="OCR results kept in memory, keyed by image content hash.")
    model: str | None = Field(
        None,
        description="Vision model: a preset ('glm-4.5v', 'qwen2.5-vl-vllm', 'claude', ...), 'preset:model-id', "
        "or a model id served at base_url. Unset or 'local' = local perception only.",
    )
    provider: Literal["openai", "anthropic", "local"] | None = Field(
        None,
        description="Wire format: 'openai' (Chat Completions), 'anthropic' (Messages) or 'local'; default from the preset.",
    )
    base_url: str | None = Field(
        None, description="Model endpoint base URL, e.g. http://localhost:8000/v1; default from the preset."
    )
    api_key: SecretStr | None = Field(
        None,
        description="API key for the model endpoint; falls back to the vendor's usual variable (OPENAI_API_KEY, ...).",
    )
    model_timeout: float = Field(
        120.0, gt=0, description="Seconds a model call may take in all, retries and waits included."
    )
    model_connect_timeout: float = Field(
        10.0, gt=0, description="Seconds to wait for a connection to the model endpoint."
    )
    model_retries: int = Field(
        3, ge=0, le=10, description="Retries on 429/5xx/connection errors, with backoff and jitter."
    )
    model_concurrency: int = Field(4, ge=1, le=64, description="Requests in flight at once per model endpoint.")
    model_max_tokens: int = Field(2048, ge=1, description="Default answer length limit, in tokens.")
    model_cache_dir: str | None = Field(
        None,
        description="Directory for an on-disk cache of model answers keyed by (model, prompt, image hashes); unset = off.",
    )
    allow_sampling: bool = Field(
        False,
        description="With no model configured, let the MCP host's own model answer through sampling "
        "(sampling/createMessage: no key; the client may ask its user). Off by default.",
    )
    # api_key came from the config file only, so the vendor's own variable beats it (`models.api_key`)
    _key_from_file: bool = PrivateAttr(False)

    @field_validator("allowed_roots", "url_allow_hosts", mode="before")
    @classmethod
    def _split_list(cls, v: Any, info: Any) -> Any:
        """Environment variables give one string: folders split on ':' (os.pathsep), hosts on ',' or spaces."""
        if isinstance(v, str):
            sep = re.escape(os.pathsep) if info.field_name == "allowed_roots" else r"[,\s]+"
            return [p.strip() for p in re.split(sep, v) if p.strip()]
        return v


def config_path() -> Path:
    env = os.environ.get("SEER_CONFIG")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "seer" / "config.toml"


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"config file {path} is not valid TOML: {exc}") from None
    return data.get("seer", data)


def _from_env() -> dict[str, Any]:
    found = {}
    for name in Settings.model_fields:
        value = os.environ.get(f"SEER_{name.upper()}")
        if value is not None:
            found[name] = value
    return found


def load_settings(**overrides: Any) -> Settings:
    """Resolve settings: overrides (None means 'not given') > env > file > defaults."""
    given = {k: v for k, v in overrides.items() if v is not None}
    env = _from_env()
    merged = {**_from_file(config_path()), **env, **given}
    try:
        settings = Settings(**{k: v for k, v in merged.items() if k in Settings.model_fields})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(
            f"invalid seer setting ({problems}); check flags, SEER_* variables and {config_path()}"
        ) from None
    settings._key_from_file = "api_key" not in env and "api_key" not in given
    return settings


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    return load_settings()
