"""Regenerate the bundled sample screenshots: `python -m samples.make_samples` from the repo root."""

from pathlib import Path

from bench.screens import render_screen

HERE = Path(__file__).parent

if __name__ == "__main__":
    for name, args in {"settings.png": (11, "app", (1280, 800), "light", 13),
                       "terminal.png": (12, "dense", (1280, 800), "dark", 13),
                       "article.png": (13, "web", (1280, 800), "light", 14)}.items():
        img, _ = render_screen(*args)
        img.save(HERE / name, optimize=True)
        print(HERE / name)
