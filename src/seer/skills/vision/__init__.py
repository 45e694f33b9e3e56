"""Vision skills: read a screenshot, answer questions about an image, diff two screenshots."""

from ..registry import Skill
from .ask import ask_image, describe_image
from .ask_schema import AskImageInput, AskImageOutput, DescribeImageInput, DescribeImageOutput
from .diff import diff_screenshots
from .diff_schema import DiffInput, DiffOutput
from .read import read_screenshot
from .schema import ReadScreenshotInput, ScreenText

SKILLS = [
    Skill(
        name="read_screenshot",
        fn=read_screenshot,
        input_model=ReadScreenshotInput,
        output_model=ScreenText,
        cli="read",
        positional=("image",),
    ),
    Skill(
        name="ask_image",
        fn=ask_image,
        input_model=AskImageInput,
        output_model=AskImageOutput,
        cli="ask",
        positional=("image", "question"),
    ),
    Skill(
        name="describe_image",
        fn=describe_image,
        input_model=DescribeImageInput,
        output_model=DescribeImageOutput,
        cli="describe",
        positional=("image",),
    ),
    Skill(
        name="diff_screenshots",
        fn=diff_screenshots,
        input_model=DiffInput,
        output_model=DiffOutput,
        cli="diff",
        positional=("a", "b"),
    ),
]
