"""Vision skills: read a screenshot, answer questions about an image, diff two screenshots."""

from ..registry import Skill
from .ask import ask_image, ask_summary, describe_image, describe_summary
from .ask_schema import AskImageInput, AskImageOutput, DescribeImageInput, DescribeImageOutput
from .diff import diff_image, diff_screenshots, diff_summary
from .diff_schema import DiffInput, DiffOutput
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
    Skill(name="ask_image", fn=ask_image, input_model=AskImageInput, output_model=AskImageOutput,
          cli="ask", positional=("image", "question"), summary=ask_summary),
    Skill(name="describe_image", fn=describe_image, input_model=DescribeImageInput,
          output_model=DescribeImageOutput, cli="describe", positional=("image",), summary=describe_summary),
    Skill(name="diff_screenshots", fn=diff_screenshots, input_model=DiffInput, output_model=DiffOutput,
          cli="diff", positional=("a", "b"), summary=diff_summary, image_result=diff_image),
]
