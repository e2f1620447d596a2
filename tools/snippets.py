#!/usr/bin/env python3
"""Keeps the code and output quoted in README.md and docs/ true to the examples.

A Markdown file quotes code by a marker line followed by a fenced block:

    <!-- snippet: examples/quickstart.cpp#quickstart -->
    ```cpp
    ...the lines between `// [snippet:quickstart]` and `// [snippet:quickstart-end]`...
    ```

and a program's output by

    <!-- output: examples/quickstart -->
    ```
    ...what build/examples/quickstart prints...
    ```

`--update` rewrites the fenced blocks from the sources (and, with --build-dir, from the
programs' output); `--check` fails, naming the file and marker, when a block differs or a
quoted snippet or program no longer exists. The test suite runs --check.
"""
import argparse
import pathlib
import re
import subprocess
import sys
import textwrap

MARKER = re.compile(r"^<!-- (snippet|output): (\S+?) -->$")


def snippet(root: pathlib.Path, reference: str) -> str:
    path, _, name = reference.partition("#")
    source = root / path
    if not source.exists():
        raise LookupError(f"{path} does not exist")
    lines = source.read_text().splitlines()
    begin = [i for i, line in enumerate(lines) if line.strip() == f"// [snippet:{name}]"]
    end = [i for i, line in enumerate(lines) if line.strip() == f"// [snippet:{name}-end]"]
    if len(begin) != 1 or len(end) != 1 or end[0] <= begin[0]:
        raise LookupError(f"{path} has no snippet '{name}' (// [snippet:{name}] ... // [snippet:{name}-end])")
    return textwrap.dedent("\n".join(lines[begin[0] + 1:end[0]])).strip("\n")


def output(build: pathlib.Path | None, program: str) -> str | None:
    if build is None:
        return None
    executable = build / program
    if not executable.exists():
        raise LookupError(f"{program} was not built in {build}")
    result = subprocess.run([str(executable)], capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.rstrip("\n")


def process(root: pathlib.Path, build: pathlib.Path | None, document: pathlib.Path, update: bool) -> list[str]:
    problems = []
    lines = document.read_text().splitlines()
    out = []
    i = 0
    while i < len(lines):
        out.append(lines[i])
        match = MARKER.match(lines[i].strip())
        if not match:
            i += 1
            continue
        where = f"{document.relative_to(root)}:{i + 1}"
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            problems.append(f"{where}: marker not followed by a fenced block")
            i += 1
            continue
        close = next((j for j in range(i + 2, len(lines)) if lines[j].startswith("```")), None)
        if close is None:
            problems.append(f"{where}: fenced block never closed")
            break
        current = "\n".join(lines[i + 2:close])
        try:
            wanted = snippet(root, match[2]) if match[1] == "snippet" else output(build, match[2])
        except (LookupError, subprocess.SubprocessError) as error:
            problems.append(f"{where}: {error}")
            wanted = None
        if wanted is not None and wanted != current:
            if update:
                current = wanted
            else:
                problems.append(f"{where}: the block differs from {match[1]} {match[2]} (run tools/snippets.py --update)")
        out.append(lines[i + 1])
        out.extend(current.splitlines())
        out.append(lines[close])
        i = close + 1
    if update:
        document.write_text("\n".join(out) + "\n")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--update", action="store_true")
    parser.add_argument("--root", type=pathlib.Path, default=pathlib.Path(__file__).resolve().parent.parent)
    parser.add_argument("--build-dir", type=pathlib.Path, help="where the examples were built; without it, outputs are not checked")
    args = parser.parse_args()
    root = args.root.resolve()
    documents = [root / "README.md", *sorted((root / "docs").rglob("*.md"))]
    problems = [p for d in documents if d.exists() for p in process(root, args.build_dir, d, args.update)]
    for problem in problems:
        print(problem)
    quoted = sum(1 for d in documents if d.exists() for line in d.read_text().splitlines() if MARKER.match(line.strip()))
    print(f"{quoted} quoted blocks in {len(documents)} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
