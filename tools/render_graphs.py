#!/usr/bin/env python3
"""Renders the computational graphs that the examples print into docs/images/.

Some examples print a graph in Graphviz's DOT language (leibniz::to_dot). This script
runs them from a build directory, cuts each graph out of the output, and writes

    docs/images/<name>.dot   the graph as the program printed it
    docs/images/<name>.png   rendered by Graphviz's `dot -Tpng`

    python3 tools/render_graphs.py --build-dir build            # write both
    python3 tools/render_graphs.py --build-dir build --check    # are the .dot files current?

Needs the examples built (`ninja -C build examples/backprop ...`) and, to render,
Graphviz (Debian: `sudo apt-get install graphviz`). --check compares only the DOT text,
so it does not depend on the Graphviz version.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys

# (image name, example program and its arguments, which graph of its output, from 0)
GRAPHS = [
    ("backprop", ["backprop"], 0),
    ("forward_vs_reverse", ["forward_vs_reverse"], 0),
    ("two_layer", ["two_layer", "--dot"], 0),
    ("matrix_network", ["matrix_calculus"], 0),
]


def graphs_in(text: str) -> list[str]:
    """Every `digraph ... {` ... `}` block of a program's output, in order."""
    found, current = [], None
    for line in text.splitlines():
        if current is None and line.startswith("digraph "):
            current = [line]
        elif current is not None:
            current.append(line)
            if line == "}":
                found.append("\n".join(current) + "\n")
                current = None
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True, type=pathlib.Path, help="the Meson build directory")
    parser.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    parser.add_argument("--check", action="store_true", help="only check that the committed .dot files are current")
    args = parser.parse_args()

    images = args.root / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    if not args.check and shutil.which("dot") is None:
        print("render_graphs.py: Graphviz's `dot` is not installed (Debian: sudo apt-get install graphviz)",
              file=sys.stderr)
        return 1

    problems = []
    for name, (program, *arguments), index in GRAPHS:
        executable = args.build_dir / "examples" / program
        if not executable.exists():
            problems.append(f"{name}: examples/{program} is not built in {args.build_dir} "
                            f"(ninja -C {args.build_dir} examples/{program})")
            continue
        output = subprocess.run([str(executable), *arguments], capture_output=True, text=True, check=True, timeout=120).stdout
        found = graphs_in(output)
        if index >= len(found):
            problems.append(f"{name}: examples/{program} printed {len(found)} graph(s), wanted number {index}")
            continue
        dot_file = images / f"{name}.dot"
        if args.check:
            if not dot_file.exists() or dot_file.read_text() != found[index]:
                problems.append(f"{name}: {dot_file.relative_to(args.root)} differs from what examples/{program} prints")
            continue
        dot_file.write_text(found[index])
        png = images / f"{name}.png"
        subprocess.run(["dot", "-Tpng", "-Gdpi=110", str(dot_file), "-o", str(png)], check=True)
        print(f"wrote {png.relative_to(args.root)}")

    for problem in problems:
        print(f"render_graphs.py: {problem}", file=sys.stderr)
    if problems and args.check:
        print("render_graphs.py: run it without --check to update docs/images/", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
