"""Open icon sets from npm, their licences, and which icon names serve which UI function.

Shared by `tools/train_icons.py` (training) and `bench/bench_icons.py` (held-out measurement).
The packages are installed at build time into build/icon-sets (never committed, never at run time):

    $(python tools/icon_sets.py)     # npm install --prefix build/icon-sets <every package in SETS, pinned>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE = ROOT / "build" / "icon-sets" / "node_modules"


@dataclass(frozen=True)
class IconSet:
    name: str
    package: str  # npm package
    version: str  # the version trained on / measured with
    licence: str
    dirs: tuple[str, ...]  # folders of SVGs inside the package
    role: str  # "train", "own_heldout" (open set we keep out) or "heldout" (@mdi, Heroicons, Remix)


SETS: tuple[IconSet, ...] = (
    IconSet("lucide", "lucide-static", "1.62.0", "ISC", ("icons",), "train"),
    IconSet("tabler", "@tabler/icons", "3.52.0", "MIT", ("icons/outline", "icons/filled"), "train"),
    IconSet("feather", "feather-icons", "4.29.2", "MIT", ("dist/icons",), "train"),
    IconSet("fontawesome", "@fortawesome/fontawesome-free", "7.3.1", "CC-BY-4.0 (icons)", ("svgs/solid", "svgs/regular"), "train"),
    IconSet("ionicons", "ionicons", "8.1.0", "MIT", ("dist/svg",), "train"),
    IconSet("octicons", "@primer/octicons", "19.42.0", "MIT", ("build/svg",), "train"),
    IconSet("phosphor", "@phosphor-icons/core", "2.1.1", "MIT", ("assets/regular", "assets/bold", "assets/fill", "assets/light"), "train"),
    IconSet("material", "@material-design-icons/svg", "0.14.15", "Apache-2.0", ("filled", "outlined", "round", "sharp"), "train"),
    IconSet("iconoir", "iconoir", "7.12.1", "MIT", ("icons/regular", "icons/solid"), "train"),
    IconSet("boxicons", "boxicons", "2.1.4", "MIT", ("svg/regular", "svg/solid"), "train"),
    IconSet("simple-line", "simple-line-icons", "2.5.5", "MIT", ("src/svgs",), "train"),
    # ours: kept out of training (Bootstrap also backs the GUI bench's "unseen icons" pages)
    IconSet("bootstrap", "bootstrap-icons", "1.13.2", "MIT", ("icons",), "own_heldout"),
    IconSet("eva", "eva-icons", "1.1.3", "MIT", ("outline/svg", "fill/svg"), "own_heldout"),
    # the held-out sets: never trained on
    IconSet("mdi", "@mdi/svg", "7.4.47", "Apache-2.0", ("svg",), "heldout"),
    IconSet("heroicons", "heroicons", "2.2.0", "MIT", ("24/outline", "24/solid", "20/solid"), "heldout"),
    IconSet("remix", "remixicon", "4.9.1", "Apache-2.0", ("icons",), "heldout"),
)

# function -> icon name stems (after `stem()`), across the sets' naming conventions
FUNCTIONS: dict[str, tuple[str, ...]] = {
    "back": ("arrow-left", "arrow-back", "chevron-left", "angle-left", "navigate-before", "arrow-back-ios",
             "arrow-back-ios-new", "arrow-narrow-left", "chevron-back", "arrow-left-long", "nav-arrow-left",
             "arrow-long-left", "arrow-small-left", "caret-left", "left-arrow", "arrow-left-s"),
    "forward": ("arrow-right", "arrow-forward", "chevron-right", "angle-right", "navigate-next", "arrow-forward-ios",
                "arrow-narrow-right", "chevron-forward", "arrow-right-long", "nav-arrow-right", "arrow-long-right",
                "arrow-small-right", "caret-right", "right-arrow", "arrow-right-s"),
    "arrow_up": ("arrow-up", "arrow-upward", "arrow-narrow-up", "arrow-long-up", "arrow-small-up"),
    "arrow_down": ("arrow-down", "arrow-downward", "arrow-narrow-down", "arrow-long-down", "arrow-small-down"),
    "chevron_down": ("chevron-down", "expand-more", "angle-down", "keyboard-arrow-down", "caret-down", "nav-arrow-down",
                     "arrow-drop-down", "arrow-down-s"),
    "chevron_up": ("chevron-up", "expand-less", "angle-up", "keyboard-arrow-up", "caret-up", "nav-arrow-up",
                   "arrow-drop-up", "arrow-up-s"),
    "close": ("x", "xmark", "close", "times", "x-lg", "x-mark", "clear", "cancel", "x-circle", "circle-x",
              "xmark-circle", "close-circle", "dismiss", "circle-xmark", "multiply"),
    "menu": ("menu", "bars", "hamburger", "navicon", "menu-burger", "list-ul-alt"),
    "more": ("dots-vertical", "dots", "ellipsis", "ellipsis-vertical", "ellipsis-horizontal", "ellipsis-v",
             "ellipsis-h", "more-vert", "more-horiz", "three-dots", "three-dots-vertical", "more", "more-vertical",
             "more-horizontal", "kebab-horizontal", "kebab-vertical", "dots-three", "dots-three-vertical",
             "dots-horizontal", "options-vertical", "dots-vertical-rounded", "dots-horizontal-rounded"),
    "search": ("search", "magnifying-glass", "magnify", "search-alt", "magnifier", "find"),
    "settings": ("settings", "gear", "cog", "gear-six", "cog-tooth", "gear-wide", "gear-wide-connected", "gear-fine",
                 "tune", "sliders", "sliders-horizontal", "adjustments", "adjustments-horizontal", "settings-adjust",
                 "cog-outline", "settings-gear", "gears", "sliders-h"),
    "home": ("home", "house", "house-door", "house-simple", "house-line", "home-alt", "home-simple"),
    "share": ("share", "share-android", "share-nodes", "share-network", "ios-share", "share-alt", "share-social",
              "share-ios", "share-from-square", "share-square", "share-box", "share-variant"),
    "delete": ("trash", "delete", "trash-can", "trash-simple", "bin", "trash-alt", "delete-bin", "garbage",
               "delete-forever", "bin-minus-in"),
    "add": ("plus", "add", "plus-lg", "plus-circle", "add-circle", "circle-plus", "plus-square", "square-plus",
            "add-box", "plus-small", "add-circle-outline"),
    "minus": ("minus", "remove", "dash", "dash-lg", "minus-small", "subtract"),
    "edit": ("pencil", "edit", "pen", "pencil-simple", "square-pen", "pencil-square", "create", "pencil-alt",
             "mode-edit", "edit-pencil", "pen-to-square", "edit-alt", "pencil-line", "pen-line"),
    "refresh": ("refresh", "reload", "rotate-cw", "refresh-cw", "arrow-clockwise", "arrows-clockwise", "arrow-repeat",
                "sync", "autorenew", "arrow-path", "rotate-right", "arrow-rotate-right", "refresh-ccw", "loop",
                "rotate-clockwise", "refresh-double", "cached", "arrow-sync"),
    "download": ("download", "arrow-down-tray", "tray-arrow-down", "download-simple", "cloud-download",
                 "file-download", "download-alt", "arrow-down-to-line", "download-cloud"),
    "upload": ("upload", "arrow-up-tray", "tray-arrow-up", "upload-simple", "cloud-upload", "file-upload",
               "upload-alt", "arrow-up-from-line", "upload-cloud"),
    "mic": ("mic", "microphone", "keyboard-voice", "mic-alt", "microphone-alt", "mic-none"),
    "camera": ("camera", "photo-camera", "camera-alt", "camera-simple"),
    "video": ("video", "videocam", "camera-video", "video-camera", "device-cctv-off"),
    "star": ("star", "star-rate", "grade", "star-alt"),
    "heart": ("heart", "favorite", "heart-alt", "heart-simple", "like-heart"),
    "like": ("thumb-up", "thumbs-up", "hand-thumbs-up", "like", "thumb-up-alt", "hand-thumb-up"),
    "bookmark": ("bookmark", "bookmark-simple", "bookmark-alt", "bookmark-border"),
    "bell": ("bell", "notifications", "notification", "bell-simple", "notifications-none", "bell-alt"),
    "user": ("user", "person", "account", "account-circle", "user-circle", "circle-user", "person-circle", "profile",
             "user-alt", "user-simple", "circle-user-round", "person-outline", "profile-circle", "user-o"),
    "lock": ("lock", "lock-closed", "lock-simple", "padlock", "https", "lock-alt", "lock-fill"),
    "filter": ("filter", "funnel", "filter-alt", "filter-list", "funnel-simple", "filter-variant", "filter-lines"),
    "sort": ("sort", "arrows-up-down", "arrow-up-down", "sort-ascending", "sort-descending", "swap-vert",
             "arrows-sort", "sort-amount-down", "sort-alt", "arrows-down-up", "arrow-down-up"),
    "play": ("play", "play-arrow", "player-play", "play-circle", "circle-play", "play-alt"),
    "pause": ("pause", "player-pause", "pause-circle", "circle-pause"),
    "copy": ("copy", "content-copy", "clone", "duplicate", "document-duplicate", "copy-simple", "copy-alt", "file-copy"),
    "save": ("save", "floppy", "device-floppy", "floppy-disk", "content-save", "save-floppy-disk", "floppy-disk-back"),
    "info": ("info", "info-circle", "information", "circle-info", "information-circle", "info-outline", "info-i",
             "info-empty", "info-alt"),
    "warning": ("warning", "alert-triangle", "triangle-alert", "exclamation-triangle", "report-problem",
                "warning-triangle", "triangle-exclamation", "warning-alt", "alert"),
    "help": ("help", "help-circle", "circle-help", "question", "question-circle", "question-mark-circle",
             "help-outline", "circle-question", "question-mark", "help-alt"),
    "check": ("check", "done", "tick", "checkmark", "check-lg", "check-small", "check-alt"),
    "mail": ("mail", "envelope", "email", "envelope-simple", "mail-alt", "envelope-closed"),
    "send": ("send", "paper-plane", "paper-airplane", "send-alt", "paper-plane-tilt", "send-diagonal", "paperplane", "send-plane"),
    "chat": ("chat", "comment", "message", "chat-bubble", "chat-circle", "chatbubble", "chat-alt", "comment-alt",
             "chat-dots", "chat-left", "message-circle", "message-square", "chat-teardrop", "chatbox", "speech-bubble", "chat-bubble-left",
             "chat-bubble-oval-left"),
    "attach": ("paperclip", "attach", "attachment", "attach-file", "paperclip-horizontal", "paper-clip"),
    "view": ("eye", "visibility", "eye-open", "eye-alt", "eye-empty"),
    "hide": ("eye-off", "eye-slash", "visibility-off", "eye-closed", "eye-close", "eye-disabled"),
    "calendar": ("calendar", "calendar-today", "event", "calendar-blank", "calendar-days", "calendar-month",
                 "calendar-alt", "calendar-event", "date-range"),
    "clock": ("clock", "schedule", "access-time", "time", "clock-alt", "watch-later", "alarm-clock-off"),
    "external": ("external-link", "open-in-new", "box-arrow-up-right", "arrow-top-right-on-square",
                 "square-arrow-out-up-right", "launch", "link-external", "external-link-alt", "open-new-window",
                 "arrow-up-right-from-square", "square-arrow-up-right"),
    "link": ("link", "link-simple", "insert-link", "link-alt", "chain"),
    "location": ("map-pin", "location", "place", "location-on", "geo-alt", "location-dot", "map-marker",
                 "location-pin", "pin-location", "map-pin-line"),
    "phone": ("phone", "call", "telephone", "phone-call", "phone-alt", "local-phone"),
    "cart": ("shopping-cart", "cart", "cart-shopping", "cart-alt", "shopping-cart-simple", "add-shopping-cart"),
    "image": ("image", "photo", "picture", "image-square", "insert-photo", "image-alt", "file-image", "images"),
    "folder": ("folder", "folder-open", "folder-simple", "folder-alt", "file-directory"),
    "print": ("print", "printer", "local-print-shop"),
    "apps": ("apps", "dots-nine", "grid-3x3-gap", "grid-dots", "circles-four"),
    "logout": ("log-out", "logout", "sign-out", "box-arrow-right", "exit", "right-from-bracket",
               "arrow-right-from-bracket", "log-out-alt", "logout-box", "arrow-right-start-on-rectangle"),
    "undo": ("undo", "arrow-undo", "arrow-uturn-left", "arrow-u-up-left", "arrow-back-up", "undo-alt",
             "arrow-counterclockwise", "rotate-ccw", "arrow-go-back"),
    "redo": ("redo", "arrow-redo", "arrow-uturn-right", "arrow-u-up-right", "arrow-forward-up", "redo-alt", "arrow-go-forward"),
    "tabs": ("tab", "tabs", "tab-unselected", "browsers", "window-tabs"),
    "bold": ("bold", "format-bold", "text-b", "type-bold", "text-bold"),
    "italic": ("italic", "format-italic", "text-italic", "type-italic"),
    "underline": ("underline", "format-underline", "text-underline", "type-underline"),
    "fullscreen": ("fullscreen", "maximize", "expand", "arrows-maximize", "arrows-fullscreen", "arrows-out",
                   "arrows-pointing-out", "open-in-full", "fullscreen-alt"),
    "volume": ("volume", "volume-up", "speaker-high", "speaker-wave", "volume-high", "sound-high", "volume-full"),
    "globe": ("globe", "language", "public", "world", "globe-simple", "globe-alt", "earth", "global"),
    "wifi": ("wifi", "wi-fi", "wifi-high", "network-wifi"),
    "moon": ("moon", "dark-mode", "night", "moon-alt"),
}

_STYLE = {"outline", "outlined", "fill", "filled", "solid", "bold", "regular", "light", "thin", "duotone", "line",
          "sharp", "round", "rounded", "twotone", "two", "tone", "lg", "sm", "md", "alt", "o", "empty", "full",
          "mini", "micro", "small", "big", "simple", "s"}
_STEM_TO_FN = {s: fn for fn, stems in FUNCTIONS.items() for s in stems}
# words that make any other icon name ambiguous: such icons are left out of the "unknown" class
_NEAR = {w for stems in FUNCTIONS.values() for s in stems for w in s.split("-") if len(w) > 3} | {
    "arrow", "chevron", "caret", "angle", "nav", "x", "zoom", "plus", "minus", "dots", "lock", "user", "eye",
    "mail", "bell", "gear", "cog", "trash", "star", "heart", "home", "search", "check", "close", "info", "help",
    "play", "pause", "mic", "cam", "pen", "edit", "copy", "share", "tab", "text", "format", "type", "letter",
    "square", "circle", "box", "rectangle", "cross", "add", "sort", "filter", "bars", "menu", "list", "grid"}


def stems(filename: str) -> list[str]:
    """Icon file name -> candidate stems, longest first: lower case, '-' separated, set prefixes, then trailing
    sizes, styles and variant numbers dropped one at a time ("format-bold" stays, "gear-bold" becomes "gear")."""
    s = filename.lower().removesuffix(".svg").replace("_", "-").replace(" ", "-")
    for prefix in ("bx-", "bxs-", "bxl-", "ic-", "icon-", "ion-"):
        s = s.removeprefix(prefix)
    parts = [p for p in s.split("-") if p]
    out = []
    while parts:
        # "trash3", "menu2": a trailing variant number; "cog-6-tooth": a number inside the name
        last = re.sub(r"(?<=[a-z])\d+$", "", parts[-1])
        out.append("-".join([p for p in parts[:-1] if not p.isdigit()] + [last]))
        if len(parts) == 1 or not (parts[-1] in _STYLE or parts[-1].isdigit()):
            break
        parts = parts[:-1]
    return list(dict.fromkeys(x.strip("-") for x in out if x.strip("-")))


def function_of(filename: str) -> str | None:
    return next((_STEM_TO_FN[s] for s in stems(filename) if s in _STEM_TO_FN), None)


def unrelated(filename: str) -> bool:
    """An icon of a function the classifier does not name, unlike any that it does: a fair "unknown" example."""
    st = stems(filename)
    return not any(s in _STEM_TO_FN for s in st) and not (set(st[-1].split("-")) & _NEAR)


def svgs(s: IconSet) -> list[Path]:
    base = NODE / s.package
    out: list[Path] = []
    for d in s.dirs:
        out.extend(sorted((base / d).rglob("*.svg")))
    if s.name == "octicons":  # 16 and 24 px drawings of the same icon: keep both, they differ
        out = [p for p in out if p.stem.endswith(("-16", "-24"))]
    return out


def licence_file(s: IconSet) -> Path | None:
    base = NODE / s.package
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md", "license", "LICENCE"):
        if (base / name).exists():
            return base / name
    return None


if __name__ == "__main__":  # the npm command that installs every set at the versions used
    print("npm install --prefix build/icon-sets --no-audit --no-fund "
          + " ".join(f"{s.package}@{s.version}" for s in SETS))
