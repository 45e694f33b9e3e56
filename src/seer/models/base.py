"""The one protocol every model client speaks, and its request and response types.

    request  = Request(messages=[Message("user", [TextPart(...), ImagePart(image, region=...)])], ...)
    response = await model.acomplete(request)      # or model.complete(request) from sync code
    response.text, response.parsed, response.usage.image_tokens_est, response.locate()  # boxes in original px

A JSON answer is asked for with a pydantic model, `Request(..., json_model=Answer)`, and comes back
validated as `response.parsed` (an `Answer`).

A skill never knows which provider answered: providers only translate to and from their wire format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from ..perception.geometry import Box
from ..perception.image import Image
from .coords import Convention, Frame, Located, locate
from .images import plan
from .presets import Profile

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True, slots=True)
class TextPart:
    text: str


@dataclass(frozen=True, slots=True)
class ImagePart:
    """An image, or one `region` of it (original px), optionally enlarged by `zoom` before the model's resize."""

    image: Image
    region: Box | None = None
    zoom: float = 1.0


Part = TextPart | ImagePart


@dataclass(frozen=True, slots=True)
class Message:
    role: Role
    parts: tuple[Part, ...]

    @classmethod
    def of(cls, role: Role, *parts: str | Image | Part) -> Message:
        """Build from strings, images and parts in order."""
        out: list[Part] = []
        for p in parts:
            out.append(TextPart(p) if isinstance(p, str) else ImagePart(p) if isinstance(p, Image) else p)
        return cls(role, tuple(out))


@dataclass(frozen=True)
class Request:
    """What to ask. `json_model` asks for a JSON answer of that shape (validated into `Response.parsed`);
    `json_schema` is what providers send, made from `json_model` when one is given."""

    messages: tuple[Message, ...]
    max_tokens: int | None = None  # None: the configured default
    temperature: float | None = 0.0
    json_schema: dict[str, Any] | None = None
    thinking: bool | None = None  # None: the provider's default
    cache: bool = True  # use the on-disk cache when one is configured
    json_model: type[BaseModel] | None = None

    def __post_init__(self) -> None:
        if self.json_model is not None and self.json_schema is None:
            object.__setattr__(self, "json_schema", self.json_model.model_json_schema())

    @classmethod
    def ask(cls, question: str, *images: Image | ImagePart, system: str | None = None, **kw: Any) -> Request:
        """One user turn: the images, then the question (plus an optional system prompt)."""
        msgs = [Message.of("system", system)] if system else []
        msgs.append(Message.of("user", *images, question))
        return cls(tuple(msgs), **kw)

    def image_parts(self) -> list[ImagePart]:
        return [p for m in self.messages for p in m.parts if isinstance(p, ImagePart)]


@dataclass(frozen=True)
class Usage:
    input_tokens: int | None  # as reported by the server (None if it did not say)
    output_tokens: int | None
    image_tokens_est: int  # our estimate for the images sent, by the model's own rule


@dataclass(frozen=True)
class Response:
    text: str  # the answer, with thinking and GLM box markers removed
    raw: str  # the answer exactly as the model wrote it (coordinates are parsed from this)
    json: Any  # the parsed JSON answer when the request had a json_schema (else None)
    usage: Usage
    latency_s: float
    model: str
    frames: tuple[Frame, ...]  # one per image sent, in order: how to map coordinates back
    convention: Convention  # the coordinate convention this model writes
    reasoning: str | None = None
    finish_reason: str | None = None
    cached: bool = False
    parsed: Any = None  # the answer as the request's `json_model`, validated (else None)

    @property
    def truncated(self) -> bool:
        """True when the answer stopped at max_tokens (OpenAI `length`, Anthropic `max_tokens`, MCP `maxTokens`)."""
        return self.finish_reason in ("length", "max_tokens", "maxTokens")

    def locate(self, image: int = -1) -> list[Located]:
        """Boxes and points in the answer, in original-image pixels of image number `image` (default: last).
        Non-finite values and positions off the image are left out (see `rejected`)."""
        return self.located(image)[0]

    def rejected(self, image: int = -1) -> list[str]:
        """Why each position in the answer that `locate` left out was refused (non-finite, off the image)."""
        return self.located(image)[1]

    def located(self, image: int = -1) -> tuple[list[Located], list[str]]:
        if not self.frames:
            return [], []
        return locate(self.raw, self.frames[image], self.convention)


@runtime_checkable
class VisionModel(Protocol):
    """A configured vision-language model. Implementations: openai_compat, anthropic, sampling (the
    MCP host's model). What a skill needs to know of the model it declares here; skills never read
    its profile."""

    name: str  # the model id sent to the server
    provider: str
    base_url: str

    @property
    def convention(self) -> Convention:
        """How this model writes coordinates (pixels of the sent image, 0-1000, fractions)."""
        ...

    def box_hint(self, part: ImagePart) -> str:
        """The sentence that asks this model for boxes on `part` in its own convention."""
        ...

    async def acomplete(self, request: Request) -> Response:
        """Send the request; raises ModelError/NotConfigured with a message that says what to do."""
        ...

    def complete(self, request: Request) -> Response:
        """The sync form of `acomplete`, safe to call from any thread (even inside a running loop)."""
        ...

    def frame(self, part: ImagePart) -> Frame:
        """How this model will see an image part (crop and sent size), before sending it."""
        ...


class Profiled:
    """What a model declares, read from its profile: shared by every implementation."""

    profile: Profile

    @property
    def convention(self) -> Convention:
        return self.profile.convention

    def frame(self, part: ImagePart) -> Frame:
        return plan(part.image, self.profile.rule, part.region, part.zoom)[0]

    def box_hint(self, part: ImagePart) -> str:
        frame = self.frame(part)
        return self.profile.box_instruction(frame.sent_w, frame.sent_h)


@dataclass
class Prompted:
    """Internal: a request with its images prepared (encoded once), handed to a provider's translator."""

    request: Request
    images: list[Any] = field(default_factory=list)  # images.Prepared, in order of appearance
    max_tokens: int = 1024
