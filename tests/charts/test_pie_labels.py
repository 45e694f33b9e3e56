"""Pies as reports print them: big slices labelled inside ("Name" over "63%"), a small slice's
share just outside the disc and its name further off, joined to the slice by a leader line. The
value is the printed share; the name is the label without the number."""

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from seer.context import Context  # noqa: E402
from seer.skills.docs.charts import ParseChartInput, parse_chart  # noqa: E402


def test_a_small_slice_is_named_by_its_label_at_the_end_of_a_leader_line(tmp_path):
    parts = {"Tarrow": 61, "Velling": 21, "Neither": 14, "Not sure": 4}
    fig, ax = plt.subplots(figsize=(3.4, 4.2))
    wedges, _ = ax.pie(
        list(parts.values()),
        colors=["#8c9a4a", "#d7dcb8", "#c3c99a", "#e9ecd9"],
        startangle=-100,
        counterclock=False,
        wedgeprops={"edgecolor": "white", "linewidth": 1},
    )
    for w, (name, v) in zip(wedges, parts.items()):
        a = math.radians((w.theta1 + w.theta2) / 2)
        x, y = math.cos(a), math.sin(a)
        if v >= 10:
            ax.text(0.6 * x, 0.6 * y, f"{name}\n{v}%", ha="center", va="center", fontsize=10, fontweight="bold")
        else:  # outside: the share at the rim, the name below-left at the end of a leader line
            ax.text(1.12 * x, 1.12 * y, f"{v}%", ha="center", va="center", fontsize=10, fontweight="bold")
            ax.annotate(
                name,
                xy=(0.95 * x, 0.95 * y),
                xytext=(1.05 * x - 0.45, 1.05 * y - 0.45),
                ha="center",
                va="top",
                fontsize=10,
                fontweight="bold",
                arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.8},
            )
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.7, 1.3)
    fig.subplots_adjust(top=0.8, bottom=0.05)
    fig.text(0.03, 0.96, "Tarrow favoured in the poll", fontsize=12, fontweight="bold", va="top")
    fig.savefig(tmp_path / "pie.png", dpi=100)
    plt.close(fig)
    res = parse_chart(ParseChartInput(image=str(tmp_path / "pie.png")), Context())
    assert res.chart_type == "pie", res.warnings
    assert {str(p.x): p.y for p in res.series[0].points} == {k: float(v) for k, v in parts.items()}
