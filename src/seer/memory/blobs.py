"""The content-addressed image folder of a local store: `blobs/ab/<blake2b-160 hex>`.

A key is the hash of the bytes it names and nothing else: a key read from a (possibly crafted)
`memory.db` that is not 40 hex digits is refused, so no row can name a file outside the folder.
Each blob is written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import time
import warnings
from pathlib import Path

import numpy as np
from PIL import Image as PILImage

from ..errors import InputError, LimitError

KEY = re.compile(r"[0-9a-f]{40}")
FORMATS = ("WEBP", "PNG")  # what the codec writes; nothing else is decoded from a store


def blob_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class BlobFolder:
    def __init__(self, root: Path) -> None:
        self.dir = root / "blobs"
        self.store = root

    def path(self, key: str) -> Path:
        if not isinstance(key, str) or not KEY.fullmatch(key):
            raise InputError(
                f"memory store {self.store} names an image {str(key)[:60]!r} that is not a content hash; "
                f"the index is damaged or crafted: run `seer memory check --repair --store {self.store}`"
            )
        return self.dir / key[:2] / key

    def put(self, data: bytes) -> str:
        key = blob_key(data)
        path = self.path(key)
        if not path.exists():
            try:
                path.parent.mkdir(exist_ok=True)
                tmp = path.with_name(f".{key}.{os.getpid()}.{threading.get_ident()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, path)
            except OSError as exc:
                raise InputError(
                    f"cannot write to the memory store {self.store} ({exc.strerror or exc}); it is read-only "
                    "or full: make it writable or pass --store DIR to use another"
                ) from None
        return key

    def get(self, key: str) -> bytes:
        path = self.path(key)
        if path.is_symlink():
            raise InputError(f"image {key} of the memory store {self.store} is a symbolic link; refusing to follow it")
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"image {key} is missing from the memory store {self.store}; it may have been compacted "
                f"(`seer memory check --repair --store {self.store}` drops the frames that need it)"
            ) from None
        except OSError as exc:
            raise InputError(
                f"cannot read image {key} of the memory store {self.store}: {exc.strerror or exc}"
            ) from None

    def size(self, key: str | None) -> int:
        if not key:
            return 0
        try:
            return self.path(key).stat().st_size
        except (FileNotFoundError, InputError):
            return 0

    def files(self) -> list[Path]:
        return [p for p in self.dir.glob("*/*") if not p.name.startswith(".")]

    def collect_garbage(self, used: set[str], min_age_s: float) -> int:
        freed = 0
        now = time.time()
        for path in self.files():
            if path.name in used:
                continue
            st = path.stat()
            if now - st.st_mtime >= min_age_s:
                freed += st.st_size
                path.unlink(missing_ok=True)
        return freed


def decode_blob(data: bytes, max_pixels: int, name: str = "a stored image") -> np.ndarray:
    """RGB pixels of a stored WebP/PNG, its declared size checked against `max_pixels` before decoding."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data), formats=FORMATS) as img:
                w, h = img.size
                if w <= 0 or h <= 0 or w * h > max_pixels:
                    raise LimitError(
                        f"{name} declares {w}×{h} pixels, over the {max_pixels / 1e6:g} MP limit; the store "
                        "is damaged or crafted: run `seer memory check --repair` (or raise max_pixels)"
                    )
                return np.asarray(img.convert("RGB"))
    except (InputError, LimitError):
        raise
    except MemoryError:
        raise LimitError(f"{name} needs more memory to decode than is free") from None
    except Exception as exc:  # PIL raises many types on a damaged file
        raise InputError(
            f"{name} is corrupt ({type(exc).__name__}); run `seer memory check --repair` to drop the "
            "frames that need it"
        ) from None
