#!/usr/bin/env python3
"""Run a program and check its output against an expectations file.

    check_output.py [--allow-skip] EXPECTED_FILE PROGRAM [ARGS...]

EXPECTED_FILE holds one expectation a line (blank lines are ignored). Each must
be found in the program's output (stdout, then stderr), in order, each after the
end of the previous match. A line matches if it occurs as a plain substring or,
failing that, as a Python regular expression (re.search, MULTILINE), so
`cos(x) + y` and `g\\[x\\] = 2\\.5\\d*` both work. Leading and trailing
whitespace of a line is ignored.

Fails (exit 1) if the program exits non-zero or an expectation is missing, and
names the first missing line. With --allow-skip, a program that exits with 77
(it cannot run here, e.g. its data is not installed) makes this exit with 77 too,
which Meson reports as a skipped test; without it, 77 is a failure like any other.
"""
import re
import subprocess
import sys

SKIPPED = 77  # the exit status Meson (and Automake) read as "test skipped"


def find(expectation: str, text: str, start: int):
    """(match_start, match_end) of expectation in text[start:], or None."""
    pos = text.find(expectation, start)
    if pos >= 0:
        return pos, pos + len(expectation)
    try:
        m = re.compile(expectation, re.MULTILINE).search(text, start)
    except re.error:
        return None
    return (m.start(), m.end()) if m else None


def show(title: str, text: str) -> None:
    print(f"---- {title} " + "-" * max(0, 60 - len(title)))
    print(text if text.endswith("\n") or not text else text + "\n", end="")
    print("-" * 66)


def main() -> int:
    args = sys.argv[1:]
    allow_skip = bool(args) and args[0] == "--allow-skip"
    if allow_skip:
        args = args[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    expected_file, cmd = args[0], args[1:]
    with open(expected_file, encoding="utf-8") as f:
        expectations = [(n, line.strip()) for n, line in enumerate(f, 1) if line.strip()]

    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
    except OSError as e:
        print(f"FAIL: cannot run {cmd[0]}: {e}")
        return 1
    output = proc.stdout + proc.stderr

    if allow_skip and proc.returncode == SKIPPED:
        print(output, end="" if output.endswith("\n") else "\n")
        print(f"SKIP: {' '.join(cmd)} exited with {SKIPPED} (cannot run here; see above)")
        return SKIPPED

    if proc.returncode != 0:
        how = (f"killed by signal {-proc.returncode}" if proc.returncode < 0
               else f"exit status {proc.returncode}")
        show("output", output)
        print(f"FAIL: {' '.join(cmd)} ended with {how}")
        return 1

    cursor = 0
    for number, expectation in expectations:
        found = find(expectation, output, cursor)
        if found is None:
            show("output", output)
            anywhere = find(expectation, output, 0)
            print(f"FAIL: {expected_file}:{number}: not found in the output"
                  + (" after the previous expectation (it occurs earlier: wrong order)"
                     if anywhere else ""))
            print(f"  - {expectation}")
            rest = output[cursor:].strip("\n")
            print("  output after the previous match:")
            for line in (rest.splitlines() or ["<nothing>"])[:20]:
                print(f"  + {line}")
            return 1
        cursor = found[1]

    print(output, end="" if output.endswith("\n") else "\n")
    print(f"ok: all {len(expectations)} expectations of {expected_file} found in order")
    return 0


if __name__ == "__main__":
    sys.exit(main())
