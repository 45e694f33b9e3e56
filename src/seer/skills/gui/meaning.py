"""Meaning, not strings: what an instruction's verb asks of an element, and how close in meaning an
instruction is to each element's text (the local MiniLM sentence embeddings, when installed).

    intent("turn on airplane mode") -> Intent(types=("toggle", "checkbox"), state="on")
    semantic_scores("get the file onto this machine", elements) -> {element index: 0..0.8}

Each element is embedded as its text plus a plain-words gloss of the common UI action it names
("Archive" -> "archive: file away, put aside"), so a paraphrase can meet either. Vectors of a
screen's elements are cached with its layout.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel

from .instruction import norm
from .layout import UIElement

# verbs (and verb phrases) that say what kind of element is meant and in which state it should end
_VERB_INTENTS: list[tuple[str, tuple[str, ...], str | None]] = [
    (r"turn on|switch on|enable|activate|allow", ("toggle", "checkbox"), "on"),
    (r"turn off|switch off|disable|deactivate|disallow|mute|silence", ("toggle", "checkbox"), "off"),
    (r"tick|untick|uncheck|mark|unmark", ("checkbox", "radio"), None),
    (r"type|enter|fill in|fill out|write in|input", ("input",), None),
    (r"expand|drop down|open the list", ("dropdown", "menu_item"), None),
    (r"go to|navigate to|visit|follow|jump to|show me", ("link", "tab", "menu_item", "button"), None),
]

# common UI actions and settings, with the plain words people use for them
GLOSSES: dict[str, str] = {
    "save": "store keep the changes",
    "save as": "store a copy under a new name",
    "apply": "use these settings",
    "download": "get the file onto this device, fetch it to this computer",
    "upload": "send a file from this device",
    "export": "save out to a file or spreadsheet",
    "import": "bring data in from a file",
    "print": "paper copy",
    "share": "send to other people",
    "copy": "duplicate to the clipboard",
    "paste": "insert what was copied",
    "cut": "remove to the clipboard",
    "undo": "revert the last change",
    "redo": "repeat the undone change",
    "delete": "remove erase get rid of",
    "archive": "file away put aside",
    "trash": "delete throw away",
    "merge": "combine join into one",
    "split": "divide into parts",
    "sort": "order arrange",
    "filter": "narrow down show only",
    "search": "find look for look up",
    "refresh": "reload update again",
    "clear": "erase empty reset",
    "c": "clear reset",
    "ac": "all clear reset",
    "reset": "restore defaults start over",
    "cancel": "stop abort dismiss never mind",
    "close": "dismiss shut exit",
    "ok": "confirm accept yes",
    "done": "finish complete",
    "submit": "send in hand in",
    "send": "deliver submit",
    "compose": "write a new message",
    "reply": "answer respond",
    "forward": "pass on send to someone else",
    "sign in": "log in enter my account",
    "log in": "sign in enter my account",
    "sign up": "register create a new account",
    "register": "sign up create a new account",
    "sign out": "log out leave my account",
    "log out": "sign out leave my account",
    "checkout": "pay buy finish purchase",
    "place order": "buy pay finish my purchase",
    "buy": "purchase pay",
    "add to cart": "put in the basket buy",
    "cart": "basket shopping bag",
    "promo code": "discount coupon voucher",
    "coupon": "discount promo code voucher",
    "install": "get add this app to the device",
    "uninstall": "remove this app",
    "update": "upgrade to the newest version",
    "settings": "preferences options configuration",
    "preferences": "settings options",
    "profile": "my account personal details",
    "account": "profile sign-in details",
    "help": "support assistance",
    "contact support": "get in touch with help desk customer service",
    "feedback": "tell us what you think report",
    "about": "information version",
    "notifications": "alerts messages",
    "do not disturb": "silence mute all notifications quiet mode",
    "airplane mode": "flight mode turn off all radios",
    "mobile data": "cellular connection mobile network internet",
    "wi-fi": "wireless network internet",
    "bluetooth": "wireless devices headphones",
    "location": "gps where I am",
    "battery saver": "power saving low power mode",
    "brightness": "screen light level",
    "volume": "sound loudness",
    "vibrate": "buzz shake",
    "ringtone": "call sound",
    "dark mode": "dark theme night mode",
    "wallpaper": "background picture",
    "background": "wallpaper backdrop",
    "keep me signed in": "stay logged in remember me",
    "remember me": "stay logged in keep me signed in",
    "forgot password": "reset lost password can't log in",
    "new": "create add",
    "create": "new add make",
    "add": "new plus create insert",
    "edit": "change modify",
    "rename": "change the name",
    "move to": "put somewhere else",
    "mark as read": "seen opened",
    "star": "favourite mark important",
    "like": "favourite heart",
    "next": "continue forward",
    "previous": "back go back",
    "back": "return previous",
    "home": "main page start",
    "menu": "navigation more options",
    "more": "more options overflow",
    "options": "more settings choices",
    "play": "start run",
    "pause": "stop for now",
    "stop": "end halt",
    "record": "capture",
    "mute": "silence sound off",
    "zoom in": "enlarge magnify",
    "zoom out": "shrink",
    "full screen": "maximise enlarge",
    "open": "view launch",
    "attach": "add a file attachment",
    "invite": "add people",
    "join": "become a member sign up",
    "leave": "quit exit",
    "subscribe": "follow sign me up",
    "unsubscribe": "stop emails",
    "translate": "other language",
    "calendar": "dates schedule",
    "map": "directions location",
    "history": "past activity",
    "downloads": "files saved on this device",
    "bookmarks": "saved pages favourites",
    "tabs": "open pages",
    "new tab": "another page",
    "private": "incognito",
    "wrap text": "fit text on several lines in the cell",
}


@dataclass(frozen=True)
class Intent:
    types: tuple[str, ...] = ()
    state: str | None = None  # "on"/"off": the state the instruction wants the control to end in


def intent(text: str) -> Intent:
    t = norm(text)
    for pattern, types, state in _VERB_INTENTS:
        if re.match(rf"(?:please )?(?:{pattern})\b", t):
            return Intent(types, state)
    return Intent()


def gloss(text: str) -> str:
    t = norm(text)
    if t in GLOSSES:
        return GLOSSES[t]
    words = t.split()
    return " ".join(GLOSSES[w] for w in words if w in GLOSSES and len(words) <= 4)


_vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # text -> unit vector, across screens
_lock = threading.Lock()


def _describe(e: UIElement) -> str:
    text = e.text or e.label or (e.name or "")
    g = gloss(text) or (gloss(e.name) if e.name else "")
    return f"{text}: {g}" if g else text


def _worth_embedding(text: str) -> bool:
    """Labels a paraphrase may mean: not prices, times or counts, not whole sentences."""
    words = text.split()
    return (
        norm(text) in GLOSSES
        or 0 < len(words) <= 6
        and len(text) > 2
        and sum(c.isalpha() for c in text) > len(text) / 2
    )


def _vectors_of(texts: list[str]) -> np.ndarray | None:
    from ...memory import embed as _embed  # on first need: loading the model costs about a second

    with _lock:
        missing = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if missing:
        vecs = _embed.embed(missing)
        if vecs is None:
            return None
        with _lock:
            for t, v in zip(missing, vecs):
                _vectors[t] = v
            while len(_vectors) > 5000:
                _vectors.popitem(last=False)
    with _lock:
        return np.stack([_vectors[t] for t in texts])


def object_phrase(text: str) -> str:
    """The instruction less the verb that says what kind of control is meant: "switch off the cellular
    connection" -> "the cellular connection" (the verb's type and state are scored apart, by `intent`)."""
    t = norm(text)
    for pattern, _, _ in _VERB_INTENTS:
        if m := re.match(rf"(?:please )?(?:{pattern})\b\s*", t):
            return t[m.end() :]
    return ""


_CONTENT = 3  # shorter words are grammar ("a", "to", "my") and name no element


def _shared(words: list[str], text: str) -> list[str]:
    """The instruction's words that an element's text shows too (fuzzily: "cells" and "Cell")."""
    shown = [w for w in norm(text).split() if len(w) >= _CONTENT]
    return [
        w
        for w in words
        if len(w) >= _CONTENT
        and any(Indel.normalized_similarity(w, x) >= 0.75 or w.startswith(x) or x.startswith(w) for x in shown)
    ]


def semantic_scores(instruction: str, elements: list[UIElement]) -> dict[int, float]:
    """0..0.8 per element index: closeness in meaning of the instruction to the element's text; {} without the model.

    A paraphrase is met where no label matched as words; so an element that shares a word or two with it
    ("Format Cells" for "fill these cells with what I copied") is judged half on the instruction less those words,
    or the shared noun would outweigh the action the instruction names."""
    from ...memory import embed as _embed

    named = [i for i, e in enumerate(elements) if _worth_embedding(e.text or e.label or e.name or "")]
    if not named or not _embed.available():
        return {}
    plain = [elements[i].text or elements[i].label or elements[i].name or "" for i in named]
    words = norm(instruction).split()
    content = sum(len(w) >= _CONTENT for w in words)
    asked = [instruction] + ([p] if (p := object_phrase(instruction)) else [])
    reduced: list[str] = []
    for text in plain:
        shared = _shared(words, text)
        # sharing most of the instruction's words is naming the element ("apply a style" -> "Cell Styles")
        few = 0 < len(shared) < 0.5 * content
        reduced.append(" ".join(w for w in words if w not in shared) if few else "")
    extra = sorted({r for r in reduced if r})
    vecs = _vectors_of([_describe(elements[i]) for i in named] + plain + asked + extra)
    if vecs is None:
        return {}
    n = len(named)
    desc, shown, qv = vecs[:n], vecs[n : 2 * n], vecs[2 * n : 2 * n + len(asked)]
    rv = dict(zip(extra, vecs[2 * n + len(asked) :]))
    cos = np.maximum(desc @ qv.T, shown @ qv.T).max(axis=1)
    for k, r in enumerate(reduced):
        if r:
            cos[k] = 0.5 * cos[k] + 0.5 * max(float(desc[k] @ rv[r]), float(shown[k] @ rv[r]))
    out = {i: float(np.clip((c - 0.3) / 0.45, 0.0, 1.0) * 0.8) for i, c in zip(named, cos)}
    # a paraphrase is judged against its rivals: one text far closer in meaning than any other is the answer
    # (a control captioned by a text is that text again, no rival of it)
    by_text: dict[str, list[int]] = {}
    for i, text in zip(named, plain):
        by_text.setdefault(norm(text), []).append(i)
    ranked = sorted(((max(out[i] for i in ids), ids) for ids in by_text.values()), key=lambda r: -r[0])
    if len(ranked) >= 2 and ranked[0][0] >= 0.35:
        margin = ranked[0][0] - ranked[1][0]
        for i in ranked[0][1]:
            out[i] = max(out[i], min(0.7, 0.45 + margin))
    return out
