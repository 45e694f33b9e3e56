"""Vision skills: read a screenshot, answer questions about an image, diff two screenshots."""

from ..registry import Skill
from .read import read_screenshot, render, summary
from .schema import ReadScreenshotInput, ScreenText

SKILLS = [
    Skill(
        name="read_screenshot",
        fn=read_screenshot,
        input_model=ReadScreenshotInput,
        output_model=ScreenText,
        cli="read",
        positional=("image",),
        render=render,
        summary=summary,
    ),
]
