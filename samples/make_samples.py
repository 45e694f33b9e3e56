"""Regenerate the bundled sample screenshots: `python -m samples.make_samples` from the repo root."""

from pathlib import Path

from bench.screens import render_screen

HERE = Path(__file__).parent


def chart(path: Path) -> None:
    """A grouped bar chart with known values (online vs retail revenue by quarter, $M)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    quarters, a, b = ["Q1", "Q2", "Q3", "Q4"], [12.5, 14.0, 15.5, 18.0], [13.0, 16.5, 17.0, 21.5]
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    x = range(len(quarters))
    ax.bar([i - 0.2 for i in x], a, 0.4, label="Online", color="#4C72B0")
    ax.bar([i + 0.2 for i in x], b, 0.4, label="Retail", color="#DD8452")
    ax.set_xticks(list(x), quarters)
    ax.set_title("Revenue by quarter")
    ax.set_ylabel("Revenue ($M)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)


if __name__ == "__main__":
    chart(HERE / "chart.png")
    for name, args in {
        "settings.png": (11, "app", (1280, 800), "light", 13),
        "terminal.png": (12, "dense", (1280, 800), "dark", 13),
        "article.png": (13, "web", (1280, 800), "light", 14),
    }.items():
        img, _ = render_screen(*args)
        img.save(HERE / name, optimize=True)
        print(HERE / name)
