"""What a person would name on a timeline: errors, commands and their outcomes, dialogs.

Shared by the context (which lines a segment names) and search (an event ranks above a plain line
that matches as well).
"""

from __future__ import annotations

import re

ERROR = re.compile(
    r"error|exception|traceback|failed|failure|fatal|denied|refused|no such|not found|invalid|"
    r"required|cannot|can't|unable|locked|timed? ?out|assert|warning|declined|expired|undone",
    re.I,
)
COMMAND = re.compile(r"^\s*(\S+@\S+[:~][^$#]*[$#]|[$#>]|PS [A-Z]:\\[^>]*>|>>>)\s+\S")
DIALOG = re.compile(r"\?\s*$|^(ok|cancel|delete|save|retry|yes|no)\b|created|saved|complete|success|done\b", re.I)


def salience(text: str) -> float:
    """How much a person would name this line: errors first, then commands, outcomes and dialogs."""
    core = sum(ch.isalnum() for ch in text)
    if core < 4 or core < 0.4 * len(text.strip()):  # rules, tildes and carets under a traceback
        return 0.0
    return 3.0 if ERROR.search(text) else 2.0 if COMMAND.match(text) else 1.5 if DIALOG.search(text) else 1.0


def event_weight(text: str) -> float:
    """A search score's factor: an error, then a dialog or an outcome, above a plain line that
    matches as well (a command line is plain: its output is the moment asked for)."""
    return 1.1 if ERROR.search(text) else 1.05 if DIALOG.search(text) else 1.0
