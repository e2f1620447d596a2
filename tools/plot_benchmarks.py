#!/usr/bin/env python3
"""Draws the runtime benchmark B1-B7 as a grouped bar chart (ns per point per variant).

    plot_benchmarks.py [RESULTS.json] [-o docs/images/benchmarks.png]

RESULTS.json is what `bench_gradients --json PATH` writes; `meson test -C build
--benchmark bench_gradients` leaves it in build/tests/benchmarks/bench_gradients.json
(the default here is build-bench/tests/benchmarks/bench_gradients.json). The y axis is
logarithmic: B6 through Eigen is two orders of magnitude slower than B2. The fastest
known gradient of BENCHMARKS.md is drawn as a black tick over each group; B5's copy
bound as a grey one. Needs matplotlib (Debian: python3-matplotlib, so run it with
/usr/bin/python3 if another python3 comes first on PATH); no display.
"""
import argparse
import json
import pathlib
import sys

try:
    import matplotlib
except ImportError:
    sys.exit("matplotlib not found: install python3-matplotlib (Debian) and run this "
             "script with that Python: /usr/bin/python3 tools/plot_benchmarks.py")
matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

# Column order of the benchmark's table, with the label and colour of each bar.
VARIANTS = [
    ("f-only", "f only (Eigen)", "#bbbbbb"),
    ("hand-fused", "hand-fused (Eigen)", "#9ecae1"),
    ("hand-blocked", "hand-blocked (Eigen, 256)", "#4292c6"),
    ("hand-loopvec", "hand loops (-ffast-math)", "#08519c"),
    ("leibniz-f", "leibniz f", "#fdae6b"),
    ("leibniz-grad", "leibniz gradient", "#d94801"),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="?", type=pathlib.Path,
                        default=pathlib.Path("build-bench/tests/benchmarks/bench_gradients.json"))
    parser.add_argument("-o", "--output", type=pathlib.Path,
                        default=pathlib.Path("docs/images/benchmarks.png"))
    args = parser.parse_args()

    try:
        data = json.loads(args.results.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"cannot read {args.results}: {e}", file=sys.stderr)
        return 1
    rows = data["benchmarks"]
    present = [v for v in VARIANTS if any(r["ns_per_point"].get(v[0]) for r in rows)]

    fig, ax = plt.subplots(figsize=(11, 5), dpi=120)
    width = 0.8 / len(present)
    for k, (key, label, colour) in enumerate(present):
        xs, ys = [], []
        for i, r in enumerate(rows):
            value = r["ns_per_point"].get(key)
            if value:
                xs.append(i - 0.4 + (k + 0.5) * width)
                ys.append(value)
        ax.bar(xs, ys, width, label=label, color=colour)
    for i, r in enumerate(rows):
        marks = [(r.get("fastest_known"), "black", "fastest known (BENCHMARKS.md)"),
                 (r.get("copy_bound"), "grey", "copy bound (B5)")]
        for value, colour, label in marks:
            if value:
                ax.hlines(value, i - 0.45, i + 0.45, colors=colour, linewidth=2,
                          label=label if label not in ax.get_legend_handles_labels()[1] else None)
    ax.set_xticks(range(len(rows)), [r["id"] for r in rows])
    ax.set_yscale("log")
    ax.set_ylabel("ns per point (log scale; lower is better)")
    ax.set_title(f"Gradients of B1-B7 over {data['n']:,} points, best of {data['repeat']}, "
                 "one thread")
    ax.grid(axis="y", which="both", alpha=0.3)
    ax.set_axisbelow(True)
    ax.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.07))
    fig.tight_layout()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
