"""The errors seer raises. Every message says what was wrong and what to do.

    SeerError
    ├── InputError      the caller's input is unusable (missing file, not an image, corrupt)
    ├── LimitError      the input is over a configured limit (pixels, bytes, pages)
    ├── ModelError      the configured model endpoint failed or answered nonsense
    └── NotConfigured   the request needs something the user has not set up (a model, URL access)

The MCP server turns these into tool errors (`isError`), the CLI into one red line and exit 2.
"""


class SeerError(Exception):
    """Base of every error seer raises on purpose."""


class InputError(SeerError):
    """The input cannot be used as given."""


class LimitError(SeerError):
    """The input is larger than a configured limit."""


class ModelError(SeerError):
    """The model endpoint failed, timed out or returned something unusable."""


class NotConfigured(SeerError):
    """The request needs configuration the user has not provided."""
