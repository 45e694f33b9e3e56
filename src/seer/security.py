"""Guards against hostile input: which folders tool arguments may name, which URLs may be fetched,
how far a container file may expand, how large an image or video may be. (How many calls may wait
for a worker is the server's: `seer.mcp.limiter`.)

Each guard is called at the one place its kind of input enters seer (the image loader, the document
reader registry, output writers, the memory store, video ingest), so a
skill cannot forget it. Every refusal is an `InputError`/`LimitError`/`NotConfigured` that says what to do.
"""

from __future__ import annotations

import errno
import hashlib
import ipaddress
import json
import os
import socket
import stat
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .config import Settings
from .errors import InputError, LimitError, NotConfigured

ROOTS_HINT = "add its folder to allowed_roots (SEER_ALLOWED_ROOTS, folders separated by ':')"


# -- paths --------------------------------------------------------------------------------------------
def allowed_roots(settings: Settings) -> tuple[Path, ...]:
    """The folders tool arguments may name: `allowed_roots`, else the working directory and the temp dir."""
    given = [r for r in settings.allowed_roots if r.strip()]
    cwd = os.getcwd()
    # a server some desktop clients start in '/' must not get the whole disk by default
    roots = given or ([cwd] if Path(cwd).resolve() != Path("/") else []) + [tempfile.gettempdir()]
    out: list[Path] = []
    for r in roots:
        p = expand(r)
        out.append((p if p.is_absolute() else Path.cwd() / p).resolve())
    return tuple(dict.fromkeys(out))


def expand(path: str | os.PathLike[str]) -> Path:
    """`~` expanded where it names a home; a name like '~nobody-here' stays literal instead of raising."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def check_path(path: str | os.PathLike[str], settings: Settings, *, what: str = "file") -> Path:
    """The resolved path if it lies under an allowed root (symlinks followed), else `InputError`.

    Call it where a path from a tool argument enters seer, before the file is opened or created;
    `what` names the argument in the message ("image", "document", "output file", "memory store")."""
    raw = expand(path)
    given = raw if raw.is_absolute() else Path.cwd() / raw
    try:
        real = given.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a NUL byte
        raise InputError(f"cannot resolve the {what} path {str(path)[:300]!r}: {exc}") from None
    roots = allowed_roots(settings)
    if any(real.is_relative_to(r) for r in roots):
        return real
    lexical = Path(os.path.normpath(given))
    if any(lexical.is_relative_to(r) for r in roots):
        why = f"it leads through a symbolic link to {real}, which is outside"
    elif ".." in raw.parts:
        why = f"'..' leads it to {real}, outside"
    else:
        why = "it is outside"
    shown = ", ".join(str(r) for r in roots)
    raise InputError(
        f"{what} path {str(path)[:300]} is not allowed: {why} the folders seer may use ({shown}); "
        f"move the file under one of them, or {ROOTS_HINT}"
    )


def check_input_file(path: str | os.PathLike[str], settings: Settings, *, what: str = "file") -> Path:
    """`check_path`, then the path must name an existing regular file (not a folder, FIFO or device,
    which could block a read forever or never end)."""
    real = check_path(path, settings, what=what)
    try:
        st = real.stat()
    except FileNotFoundError:
        raise InputError(f"{what} file not found: {str(path)[:300]}") from None
    except OSError as exc:
        raise InputError(f"cannot read the {what} {str(path)[:300]}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{str(path)[:300]} is a folder, not a{'n' if what[0] in 'aeiou' else ''} {what} file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{str(path)[:300]} is not a regular file (a pipe, socket or device); pass a file")
    return real


def check_output_path(path: str | os.PathLike[str], settings: Settings, *, what: str = "output file") -> Path:
    """`check_path` for a file seer is about to write: also refuses writing through a symlink or onto a folder."""
    real = check_path(path, settings, what=what)
    p = expand(path)
    if p.is_symlink():
        raise InputError(f"{what} {path} is a symbolic link; seer does not write through links, pass a plain file path")
    if real.is_dir():
        raise InputError(f"{what} {path} is a folder; pass a file path")
    return real


_WRITTEN: ContextVar[list[Path] | None] = ContextVar("seer_written", default=None)


class _Ledger:
    """Which files seer wrote, by path and content hash, so a later run may replace its own output
    (unchanged since) but never a file a person made or edited. Kept in the user's data folder."""

    KEPT = 5000

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _load(self) -> dict[str, str]:
        try:
            value = json.loads(self.path.read_text(encoding="utf-8"))
            return value if isinstance(value, dict) else {}
        except (OSError, ValueError):
            return {}

    def wrote(self, real: Path) -> bool:
        known = self._load().get(str(real))
        if known is None:
            return False
        try:
            return hashlib.sha256(real.read_bytes()).hexdigest() == known
        except OSError:
            return False

    def record(self, real: Path, raw: bytes) -> None:
        with self._lock:
            entries = self._load()
            entries.pop(str(real), None)
            entries[str(real)] = hashlib.sha256(raw).hexdigest()
            kept = dict(list(entries.items())[-self.KEPT :])
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.{threading.get_ident()}")
                tmp.write_text(json.dumps(kept), encoding="utf-8")
                os.replace(tmp, self.path)
            except OSError:  # a read-only data folder: outputs still work, replacing them needs --force
                pass


def _ledger() -> _Ledger:
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return _Ledger(base / "seer" / "written.json")


@contextmanager
def collect_written() -> Iterator[list[Path]]:
    """The files `write_output` writes inside this block (this call only: the MCP server makes just
    these readable as artefacts, never a path that merely appears in a result)."""
    bucket: list[Path] = []
    token = _WRITTEN.set(bucket)
    try:
        yield bucket
    finally:
        _WRITTEN.reset(token)


def write_output(
    path: str | os.PathLike[str],
    data: bytes | str,
    settings: Settings,
    *,
    what: str = "output file",
    suffixes: tuple[str, ...] = (),
) -> Path:
    """Check an output path (`check_output_path`; one of `suffixes` when given), refuse to replace a
    file seer did not write unless `overwrite` is set, create the folder and write `data` without
    following a symbolic link put there in the meantime; errors say why. The file is recorded for
    `collect_written` and in the ledger of files seer wrote."""
    real = check_output_path(path, settings, what=what)
    if suffixes and real.suffix.lower() not in suffixes:
        raise InputError(
            f"{what} {path} must end in {' or '.join(suffixes)} (it is written as that); pick a matching name"
        )
    if real.exists() and not settings.overwrite and not _ledger().wrote(real):
        raise InputError(
            f"{what} {path} already exists and seer did not write it; choose another name, "
            "or allow replacing it (CLI --force, setting overwrite = true)"
        )
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(real, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0), 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{what} {path} became a symbolic link; seer does not write through links") from None
        raise InputError(f"cannot write {what} {path}: {exc.strerror or exc}") from None
    _ledger().record(real, raw)
    bucket = _WRITTEN.get()
    if bucket is not None:
        bucket.append(real)
    return real


# -- URLs ---------------------------------------------------------------------------------------------
def _blocked_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr, label in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_unspecified", "unspecified"),
        ("is_multicast", "multicast"),
        ("is_reserved", "reserved"),
        ("is_private", "private"),
    ):
        if getattr(ip, attr):
            return label
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "shared (carrier-grade NAT)"
    return None


def check_url(url: str, settings: Settings) -> list[str]:
    """The addresses `url` may be fetched from, or an error: URLs off, not http(s), or a host that
    resolves to a private, loopback or link-local address (unless listed in `url_allow_hosts`)."""
    if not settings.allow_urls:
        raise NotConfigured(
            f"URL inputs are disabled ({url[:80]}); download the file first, or set allow_urls = true (SEER_ALLOW_URLS=1)"
        )
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}: {url[:80]}")
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise InputError(f"URL has no host: {url[:80]}")
    if parts.username or parts.password:
        raise InputError("URLs with a user name or password are refused; fetch the file yourself")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise InputError(f"URL has an invalid port: {url[:80]}") from None
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"cannot resolve the host {host!r} of {url[:80]} ({exc})") from None
    addrs = list(dict.fromkeys(str(info[4][0]) for info in infos))
    allowed_hosts = {h.strip().lower() for h in settings.url_allow_hosts}
    if host in allowed_hosts:
        return addrs
    for a in addrs:
        label = _blocked_ip(ipaddress.ip_address(a.split("%")[0]))
        if label:
            raise InputError(
                f"refusing to fetch {url[:80]}: {host} resolves to {a}, a {label} address (seer does not reach into "
                "local networks); download the file yourself, or list the host in url_allow_hosts"
            )
    if not addrs:
        raise InputError(f"the host {host!r} has no address")
    return addrs


def fetch_url(url: str, settings: Settings) -> bytes:
    """The body of an http(s) URL, checked by `check_url` (again on each redirect), capped at
    `max_bytes` and `url_timeout` seconds in all."""
    check_url(url, settings)  # refuse before the HTTP client is even imported
    from ._http import fetch_bytes

    return fetch_bytes(
        url, max_bytes=settings.max_bytes, timeout=settings.url_timeout, check=lambda u: check_url(u, settings)
    )


# -- containers ---------------------------------------------------------------------------------------
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


def check_zip(path: Path, settings: Settings) -> None:
    """Refuse an Office (zip) file that would expand past `max_unzipped_bytes`, holds too many parts,
    or carries a DTD (entity expansion, external entities): before any parser sees it."""
    kind = path.suffix.lstrip(".").upper() or "Office"
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > settings.max_zip_entries:
                raise LimitError(
                    f"{path.name} holds {len(infos):,} parts, over the {settings.max_zip_entries:,}-part limit "
                    "(max_zip_entries); it is likely a zip bomb"
                )
            total = sum(i.file_size for i in infos)
            if total > settings.max_unzipped_bytes:
                raise LimitError(
                    f"{path.name} expands to {total:,} bytes, over the {settings.max_unzipped_bytes:,}-byte limit "
                    "(max_unzipped_bytes, SEER_MAX_UNZIPPED_BYTES); it is likely a zip bomb"
                )
            for i in infos:
                if i.compress_type not in _ZIP_METHODS:
                    raise InputError(
                        f"{path.name}: part {i.filename[:80]} uses zip compression method {i.compress_type}, "
                        "which Office files never use; is it damaged?"
                    )
                if i.flag_bits & 0x1:
                    raise InputError(
                        f"{path.name}: part {i.filename[:80]} is encrypted; save the file without a password"
                    )
                if (
                    i.file_size > 1_000_000
                    and i.compress_size
                    and i.file_size / i.compress_size > settings.max_zip_ratio
                ):
                    raise LimitError(
                        f"{path.name}: part {i.filename[:80]} expands {i.file_size / i.compress_size:,.0f}× "
                        f"(over the {settings.max_zip_ratio}× limit, max_zip_ratio); it is likely a zip bomb"
                    )
                if i.filename.lower().endswith((".xml", ".rels", ".vml")):
                    if _part_has_dtd(z, i):
                        raise InputError(
                            f"{path.name}: part {i.filename[:80]} declares a DTD (<!DOCTYPE/<!ENTITY>), which Office files "
                            "never need and XML attacks use (entity expansion, external entities); refusing to parse it"
                        )
    except (LimitError, InputError):
        raise
    except Exception as exc:  # zipfile raises BadZipFile, zlib.error, UnicodeDecodeError, struct.error... on damage
        raise InputError(
            f"{path.name} is not a readable {kind} file (a damaged zip: {type(exc).__name__}: {exc})"
        ) from None


def _part_has_dtd(z: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether an XML part holds `<!DOCTYPE` or `<!ENTITY` anywhere: the whole part is scanned, since
    a prolog may be padded with whitespace or comments to push a DTD past any fixed-size sniff."""
    tail = b""
    with z.open(info) as fh:
        while chunk := fh.read(1 << 20):
            text = (tail + chunk).replace(b"\x00", b"").upper()  # crude UTF-16 folding is enough for a marker
            if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
                return True
            tail = chunk[-32:]
    return False


def check_pixels(width: int, height: int, settings: Settings, name: str = "image") -> None:
    """`LimitError` if width × height is over `max_pixels` (before anything of that size is allocated)."""
    if width * height > settings.max_pixels:
        raise LimitError(
            f"{name} is {width}×{height} = {width * height / 1e6:.1f} MP, over the {settings.max_pixels / 1e6:g} MP limit; "
            "raise max_pixels (SEER_MAX_PIXELS) to allow it"
        )


def check_video(container: Any, stream: Any, settings: Settings, name: str = "video") -> None:
    """Refuse a video whose frames are over `max_pixels` or which runs longer than `max_video_seconds`."""
    cc = stream.codec_context
    w, h = int(cc.width or 0), int(cc.height or 0)
    if w <= 0 or h <= 0:
        raise InputError(f"{name} has a video stream without a frame size; the file is damaged")
    check_pixels(w, h, settings, f"{name}'s frames")
    duration = None
    if stream.duration and stream.time_base:
        duration = float(stream.duration * stream.time_base)
    elif container.duration:
        duration = container.duration / 1e6
    if duration is not None and duration > settings.max_video_seconds:
        raise LimitError(
            f"{name} runs {duration:,.0f} s, over the {settings.max_video_seconds:,.0f} s limit; "
            "raise max_video_seconds (SEER_MAX_VIDEO_SECONDS) or cut the video"
        )
