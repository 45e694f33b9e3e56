"""Parse a grounding instruction into what to look for: label, type, icon, relation, ordinal.

parse("the second Delete button") -> Query(label="delete", type="button", ordinal=2)
parse("the input right of 'Name'") -> Query(type="input", relation="right", anchor="name")
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Indel

from ...perception.icons import SYNONYMS as ICON_WORDS

TYPE_WORDS: dict[str, str] = {
    "button": "button",
    "btn": "button",
    "link": "link",
    "hyperlink": "link",
    "field": "input",
    "input": "input",
    "textbox": "input",
    "textfield": "input",
    "box": "input",
    "inputbox": "input",
    "checkbox": "checkbox",
    "tickbox": "checkbox",
    "radio": "radio",
    "toggle": "toggle",
    "switch": "toggle",
    "dropdown": "dropdown",
    "select": "dropdown",
    "combobox": "dropdown",
    "picker": "dropdown",
    "selector": "dropdown",
    "tab": "tab",
    "item": "menu_item",
    "entry": "menu_item",
    "icon": "icon",
    "glyph": "icon",
    "symbol": "icon",
    "image": "image",
    "picture": "image",
    "photo": "image",
    "logo": "image",
    "text": "text",
    "label": "text",
    "heading": "text",
    "title": "text",
    "option": "radio",
    "choice": "radio",
}
# nouns for the members of a list or grid: "the checkbox of the second message", "the third card"
GROUP_NOUNS = {
    "message",
    "messages",
    "email",
    "emails",
    "row",
    "rows",
    "card",
    "cards",
    "product",
    "products",
    "result",
    "results",
    "file",
    "files",
    "app",
    "apps",
    "contact",
    "contacts",
    "task",
    "tasks",
    "order",
    "orders",
    "post",
    "posts",
    "notification",
    "conversation",
    "thread",
    "invoice",
    "invoices",
    "line",
    "lines",
    "record",
    "list",
    "ticket",
    "issue",
    "listing",
    "person",
    "user",
    "member",
    "song",
    "track",
    "video",
    "photo",
    "event",
}
# names of the overflow ("more") icon that the single words would misread as a menu or settings
MORE_ICON = (
    "options menu",
    "overflow menu",
    "more options",
    "more actions",
    "three dots",
    "kebab menu",
    "more button",
    "more menu",
    "actions menu",
    "context menu",
)
MULTI_TYPE = [
    ("check box", "checkbox"),
    ("tick box", "checkbox"),
    ("text field", "input"),
    ("text box", "input"),
    ("input field", "input"),
    ("search box", "input"),
    ("search field", "input"),
    ("radio button", "radio"),
    ("drop down", "dropdown"),
    ("drop-down", "dropdown"),
    ("combo box", "dropdown"),
    ("menu item", "menu_item"),
    ("option button", "radio"),
]
VERBS = {
    "click",
    "tap",
    "press",
    "hit",
    "push",
    "choose",
    "pick",
    "select",
    "open",
    "go",
    "navigate",
    "type",
    "enter",
    "find",
    "locate",
    "use",
    "activate",
    "focus",
    "check",
    "uncheck",
    "tick",
    "untick",
    "enable",
    "disable",
    "turn",
    "switch",
}
STOP = {
    "the",
    "a",
    "an",
    "on",
    "to",
    "into",
    "in",
    "at",
    "of",
    "for",
    "please",
    "then",
    "that",
    "this",
    "its",
    "it",
    "labeled",
    "labelled",
    "called",
    "named",
    "with",
    "says",
    "saying",
    "reads",
    "marked",
    "and",
    "area",
    "control",
    "element",
    "one",
    "option",
}
CONTAINER_WORDS = (
    "dialog",
    "modal",
    "popup",
    "window",
    "panel",
    "section",
    "card",
    "form",
    "sidebar",
    "pane",
    "box",
    "menu",
    "toolbar",
)
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
    "seventh": 7,
    "7th": 7,
    "eighth": 8,
    "8th": 8,
    "last": -1,
    "top": 1,
    "bottom": -1,
    "final": -1,
}
RELATIONS = [
    (r"(?:to the |directly |immediately |just )?right of", "right"),
    (r"(?:to the |directly |immediately |just )?left of", "left"),
    (r"(?:directly |immediately |just )?(?:below|under|underneath|beneath)", "below"),
    (r"(?:directly |immediately |just )?(?:above|over)", "above"),
    (r"(?:next to|beside|by|near|alongside)", "near"),
    (r"(?:right |just |immediately |directly )?(?:after|following)", "after"),
    (r"(?:right |just |immediately |directly )?(?:before|preceding)", "before"),
    (r"(?:in|of|on|inside|within|under|from|at the top of) the", "column"),
    (r"(?:in|inside|within) the row (?:of|for|with)", "row"),
    (r"(?:in|inside|within|of|on) the", "in"),
    (r"(?:in|inside|within) (?:row|line) (?:of|for|with)", "row"),
    (r"for", "row"),
    (r"(?:in|inside|within)", "in"),
]
# phrase synonyms: any member may stand for any other
PHRASES: list[tuple[str, ...]] = [
    ("sign in", "log in", "login", "signin", "log on", "logon"),
    ("sign up", "register", "create account", "create an account", "signup", "join"),
    ("sign out", "log out", "logout", "signout"),
    ("delete", "remove", "trash", "erase"),
    ("cancel", "dismiss", "abort", "never mind"),
    ("ok", "okay", "confirm", "yes", "accept", "agree"),
    ("save", "save changes", "apply", "store"),
    ("submit", "send"),
    ("next", "continue", "proceed", "forward"),
    ("back", "previous", "go back", "return"),
    ("settings", "preferences", "options", "configuration", "config"),
    ("help", "support", "faq"),
    ("search", "find", "look up"),
    ("edit", "modify", "change", "update"),
    ("add", "new", "create", "plus"),
    ("profile", "account", "my account"),
    ("forgot password", "reset password", "forgot your password", "lost password"),
    ("email", "e-mail", "email address", "mail"),
    ("username", "user name", "login name"),
    ("phone", "telephone", "mobile", "phone number"),
    ("notifications", "alerts"),
    ("close", "exit", "x"),
    ("download", "export"),
    ("upload", "import"),
    ("refresh", "reload"),
    ("subscribe", "sign me up"),
    ("dark mode", "dark theme", "night mode"),
    ("remember me", "stay signed in", "keep me signed in", "keep me logged in"),
    ("terms", "terms of service", "terms and conditions"),
    ("archive", "archived"),
    ("reply", "respond", "answer"),
    ("compose", "new message", "write"),
]


@dataclass
class Query:
    text: str  # the instruction, normalised
    label: str = ""  # the words naming the target
    type: str | None = None
    icon: str | None = None  # icon name asked for by function
    relation: str | None = None  # right/left/below/above/near/after/before/in/row/column
    anchor: str = ""  # what the relation is measured from
    anchor_type: str | None = None
    ordinal: int | None = None  # 1-based, -1 = last
    quoted: bool = False
    state: str | None = None  # "checked"/"unchecked" when the verb implies it
    icon_strong: bool = False  # the icon was named (gear, trash), not merely implied (run -> play)
    group: str = ""  # the list member an ordinal counts ("message" in "the checkbox of the second message")


@lru_cache(maxsize=20000)
def norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower().replace("’", "'").replace("‘", "'"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w@.'+\- ]+", " ", s)
    s = re.sub(r"(?<!\w)['.\-]|['.\-](?!\w)", " ", s)
    return " ".join(s.split())


# words too common to stand for a whole label inside a longer instruction ("Off" in "switch off the data")
FUNCTION_WORDS = STOP | {"off", "as", "is", "or", "no", "yes", "not", "all", "by", "up", "out", "from", "more"}
_TYPE_FOLLOWERS = {
    "labelled",
    "labeled",
    "called",
    "named",
    "with",
    "saying",
    "that",
    "which",
    "of",
    "on",
    "in",
    "for",
    "at",
    "reading",
    "marked",
    "showing",
}


def _strip_words(words: list[str], q: Query, anchor: bool = False) -> tuple[list[str], str | None]:
    """Remove verbs, stopwords and type words; return the label words and the type named."""
    typ = None
    kept = []
    for i, w in enumerate(words):
        # a type word names the target's kind where it closes the phrase ("the Save button") or leads into
        # its label or group ("the button labelled Save", "the checkbox of the 2nd message"); elsewhere it is a
        # label word ("Open image as background", "set this picture as the wallpaper")
        closes = i == len(words) - 1 or words[i + 1] in _TYPE_FOLLOWERS
        # a picture or text after an action verb is what the action acts on: "download the picture"
        acted_on = TYPE_WORDS.get(w) in ("image", "text") and i > 0 and words[0] not in VERBS | STOP
        if w in TYPE_WORDS and closes and not (w == "select" and i == 0) and not acted_on:
            typ = TYPE_WORDS[w]
            continue
        if w in ("in", "on", "up", "out") and i == len(words) - 1 and kept:
            kept.append(w)  # "sing in", "log on": a particle that ends the name belongs to it
            continue
        if anchor and w not in ("the", "a", "an"):
            kept.append(w)  # "To do", "In progress": an anchor keeps its small words
            continue
        if w in STOP or (i == 0 and w in VERBS) or w in ORDINALS and not anchor:
            continue
        kept.append(w)
    return kept, typ


def parse(instruction: str) -> Query:
    raw = instruction.strip()
    quoted = re.findall(r"[\"“”]([^\"“”]+)[\"“”]|(?<!\w)'(.+?)'(?!\w)", raw)
    quoted = [a or b for a, b in quoted]
    text = re.sub(r"(?<=\w)'s\b", "", norm(raw))  # "the second message's checkbox"
    q = Query(text=text)
    for phrase, typ in MULTI_TYPE:
        if phrase in text:
            text = text.replace(phrase, typ if typ != "menu_item" else "item")
    for phrase in MORE_ICON:
        if re.search(rf"\b{phrase}\b", text):
            text = re.sub(rf"\b{phrase}\b", "icon", text)
            q.icon, q.icon_strong = "more", True
    for group in PHRASES:  # keep multi-word names whole: "sign in" must not lose its "in" as a stopword
        for member in group:
            if " " in member and re.search(rf"(?<!\w){re.escape(member)}(?!\w)", text):
                text = re.sub(rf"(?<!\w){re.escape(member)}(?!\w)", member.replace(" ", "_"), text)
    words = text.split()
    if words and words[0] in ("uncheck", "untick", "disable"):
        q.state = "unchecked"
    elif words and words[0] in ("check", "tick", "enable"):
        q.state = "checked"
    if re.search(r"\blast row'?s?\b", text):
        q.ordinal, q.group = -1, "row"
        text = re.sub(r"\blast row'?s?\b", "", text)
    elif m := re.search(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th) row'?s?\b", text):
        q.ordinal, q.group = ORDINALS[m.group(1)], "row"
        text = text[: m.start()] + text[m.end() :]
    words = text.split()
    for w in words:
        if (
            w in ORDINALS
            and q.ordinal is None
            and not (
                w in ("top", "bottom")
                and words.index(w) + 1 < len(words)
                and words[words.index(w) + 1] in ("of", "right", "left")
            )
        ):
            q.ordinal = ORDINALS[w]
    target_part, anchor_part = text, ""
    if m := re.match(r"(?:the )?(.+?) (?:column|lane) (.+)$", text):  # "To do column options menu"
        target_part, anchor_part, q.relation = m.group(2), m.group(1), "column"
    for pattern, rel in RELATIONS:
        m = None if q.relation else re.search(rf"\b{pattern}\b\s+(.+)$", text)
        if not m:
            continue
        if rel == "column" and not re.search(r"\b(?:column|lane)$", m.group(1)):
            continue
        if (
            rel == "in"
            and not any(re.search(rf"\b{c}\b", m.group(1)) for c in CONTAINER_WORDS + ("row",))
            and (q.ordinal is None or set(m.group(1).split()) - set(ORDINALS) <= GROUP_NOUNS | {"the", "list"})
        ):
            continue  # "in To do" names a group only when counting in it: "the 2nd card in To do"
        if rel == "row" and pattern == "for" and not m.group(1):
            continue
        target_part, anchor_part = text[: m.start()].strip(), m.group(1).strip()
        q.relation = rel
        if rel == "in" and re.search(r"\brow\b", anchor_part):
            q.relation = "row"
        break
    if q.relation and not target_part:
        q.relation, target_part, anchor_part = None, text, ""
    t_words, q.type = _strip_words(target_part.split(), q)
    if q.type == "input" and q.state and re.search(r"\bbox\b", target_part):
        q.type = "checkbox"  # "tick the box of ...": a box one ticks is a checkbox, not a text box
    if anchor_part:
        anchor_part = re.sub(
            rf"\s+(?:in|on|of|inside|within|at) (?:the )?(?:{'|'.join(CONTAINER_WORDS)})\b.*$", "", anchor_part
        )
        a_words = [
            w for w in anchor_part.split() if w not in CONTAINER_WORDS and w not in ("row", "dialog", "column", "lane")
        ]
        a_words, q.anchor_type = _strip_words(a_words, q, anchor=True)
        q.anchor = " ".join(a_words)
    if quoted:
        qn = norm(quoted[0])
        if anchor_part and qn in anchor_part and qn not in target_part:
            q.anchor = qn
        else:
            # a label of symbols only ("=", "÷") is matched as written: normalised it would be nothing
            q.label, q.quoted = qn or quoted[0].strip(), True
    if q.ordinal is not None and not q.quoted:
        nouns = [w for w in t_words if w in GROUP_NOUNS]
        if nouns and (len(nouns) < len(t_words) or q.type or len(t_words) == 1):
            q.group, t_words = " ".join(nouns), [w for w in t_words if w not in GROUP_NOUNS]
    if not q.quoted:
        q.label = " ".join(t_words)
    q.label, q.anchor = q.label.replace("_", " "), q.anchor.replace("_", " ")
    icon_words = set(t_words)
    best_icon, best_hits = None, 0.0
    for name, words_ in ICON_WORDS.items():
        if not (icon_words & set(words_)) or not (q.type in (None, "icon", "button") or len(t_words) == 1):
            continue
        if name in ("back", "forward") and not ({"back", "forward", "previous", "next", "prev"} & icon_words):
            continue
        hits = sum(1.0 if w == name or w == words_[1 % len(words_)] else 0.6 for w in icon_words & set(words_))
        if hits > best_hits:
            best_icon, best_hits = name, hits
    if q.icon is None:
        q.icon = best_icon
        q.icon_strong = bool(best_icon) and bool(icon_words & set(ICON_WORDS[best_icon][:2]))
    return q


@lru_cache(maxsize=2000)
def _variants(phrase: str) -> frozenset[str]:
    out = {phrase}
    for group in PHRASES:
        for member in group:
            if re.search(rf"(?<!\w){re.escape(member)}(?!\w)", phrase):
                for other in group:
                    out.add(re.sub(rf"(?<!\w){re.escape(member)}(?!\w)", other, phrase))
    return frozenset(out)


@lru_cache(maxsize=50000)
def similarity(phrase: str, text: str) -> float:
    """0-1: how well an element's text matches the words of an instruction (typos, synonyms, subsets)."""
    t = norm(text)
    if phrase and phrase == text.strip():
        return 1.0
    if not phrase or not t:
        return 0.0
    best = 0.0
    for p in _variants(phrase):
        best = max(best, _sim(p, t) * (1.0 if p == phrase else 0.97))
        if best >= 0.999:
            break
    return best


def _sim(p: str, t: str) -> float:
    if p == t:
        return 1.0
    pw, tw = p.split(), t.split()
    r = Indel.normalized_similarity(p, t)
    score = r if r >= 0.75 else 0.0
    # every instruction word found (fuzzily) in the text: a label that is part of a longer text
    hits = []
    for w in pw:
        hits.append(max((Indel.normalized_similarity(w, x) for x in tw), default=0.0))
    if hits and min(hits) >= 0.8:
        cover = len(pw) / max(len(tw), len(pw))
        score = max(score, (sum(hits) / len(hits)) * (0.55 + 0.4 * cover))
    # the whole text named inside a longer instruction: "Run" in "run the program", "Sent" in "sent items"
    if len(pw) > len(tw) and all(x in pw for x in tw) and not set(tw) <= FUNCTION_WORDS:
        score = max(score, 0.65 + 0.3 * len(tw) / len(pw))
    return score
