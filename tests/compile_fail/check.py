#!/usr/bin/env python3
"""Compile-fail test runner: a must-fail snippet and its must-compile twin.

    check.py --build-root DIR --target NAME SNIPPET.cpp -- COMPILER [ARGS...]

SNIPPET.cpp is compiled twice with -fsyntax-only and the flags Meson uses for
target NAME (include directories, defines, -std, warnings, -Werror):

  1. with -DLEIBNIZ_COMPILE_FAIL: it must FAIL, and the diagnostics must match
     every regular expression given in a comment line `// expect: <regex>`
     (Python re.search, MULTILINE; at least one is required, since a failure
     for the wrong reason proves nothing);
  2. without it (the twin): it must COMPILE, so the snippet is otherwise valid
     and the failure really comes from the guarded lines.

Diagnostics are matched with colours off, in the C locale, and with the
typographic quotes GCC may use replaced by ASCII ' and ", so regexes can be
written once for GCC and Clang: `// expect: unbound variable 'z'`.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import project_flags  # noqa: E402

EXPECT = re.compile(r"^\s*//\s*expect:\s?(.*?)\s*$", re.MULTILINE)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
SHOWN_LINES = 60


def compile_snippet(cmd: list[str]) -> tuple[int, str]:
    env = dict(os.environ, LC_ALL="C", LANG="C")
    proc = subprocess.run(cmd, capture_output=True, text=True, errors="replace", env=env)
    out = ANSI.sub("", proc.stdout + proc.stderr).translate(QUOTES)
    return proc.returncode, out


def show(output: str) -> None:
    lines = output.splitlines()
    if len(lines) > SHOWN_LINES:
        lines = lines[:SHOWN_LINES] + [f"... ({len(lines) - SHOWN_LINES} more lines)"]
    print("---- compiler output " + "-" * 45)
    print("\n".join(lines) if lines else "<no output>")
    print("-" * 66)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("snippet", type=pathlib.Path)
    args, compiler = project_flags.parse_with_compiler(parser)

    name = args.snippet.name
    expectations = EXPECT.findall(args.snippet.read_text(encoding="utf-8"))
    expectations = [e for e in expectations if e]
    if not expectations:
        print(f"FAIL: {name} has no `// expect: <regex>` line: "
              "a compile failure must be checked for its reason")
        return 1
    try:
        patterns = [re.compile(e, re.MULTILINE) for e in expectations]
    except re.error as e:
        print(f"FAIL: {name}: bad regex in an expect line: {e}")
        return 1

    flags = project_flags.target_flags(args.build_root, args.target)
    base = compiler + flags + project_flags.plain_diagnostics() + ["-fsyntax-only"]

    # 1. The snippet must fail, for the stated reason.
    cmd = base + ["-DLEIBNIZ_COMPILE_FAIL", str(args.snippet)]
    code, out = compile_snippet(cmd)
    if code == 0:
        show(out)
        print(f"FAIL: {name} compiled with -DLEIBNIZ_COMPILE_FAIL; it must not")
        print("  $ " + " ".join(cmd))
        return 1
    missing = [p.pattern for p in patterns if not p.search(out)]
    if missing:
        show(out)
        print(f"FAIL: {name} failed to compile, but not for the expected reason;")
        print("  the diagnostics above match none of:")
        for m in missing:
            print(f"  - expect: {m}")
        print("  $ " + " ".join(cmd))
        return 1
    print(f"ok: {name} fails with -DLEIBNIZ_COMPILE_FAIL, diagnostics match:")
    for p in patterns:
        print(f"  - expect: {p.pattern}")

    # 2. The twin must compile.
    cmd = base + [str(args.snippet)]
    code, out = compile_snippet(cmd)
    if code != 0:
        show(out)
        print(f"FAIL: the twin of {name} (without -DLEIBNIZ_COMPILE_FAIL) does not compile;")
        print("  the snippet must be valid except for the guarded lines")
        print("  $ " + " ".join(cmd))
        return 1
    print("ok: its twin (without -DLEIBNIZ_COMPILE_FAIL) compiles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
