"""The compile flags Meson uses for one target of a configured build directory.

Used by tests/compile_fail/check.py and tests/benchmarks/compile_time.py to
compile snippets outside the build graph exactly as the project's own sources
are compiled (include directories, defines, -std, warnings, -Werror), read from
<build-root>/meson-info/intro-targets.json.
"""
import argparse
import json
import pathlib
import sys


def target_flags(build_root: str, target: str) -> list[str]:
    """All C++ compile arguments of `target` (no -c, -o or source file)."""
    intro = pathlib.Path(build_root) / "meson-info" / "intro-targets.json"
    try:
        targets = json.loads(intro.read_text(encoding="utf-8"))
    except OSError as e:
        raise SystemExit(f"cannot read Meson introspection data: {e}") from e
    for t in targets:
        if t["name"] == target:
            for group in t["target_sources"]:
                if group.get("language") == "cpp":
                    return list(group["parameters"])
    raise SystemExit(f"no C++ target named {target!r} in {intro}")


def include_and_define_flags(flags: list[str]) -> list[str]:
    """Only the flags that decide what the code means: -I, -isystem, -D, -U,
    -std (optimisation, debug info, warnings and sanitizers dropped)."""
    keep, take_next = [], False
    for f in flags:
        if take_next:
            keep.append(f)
            take_next = False
        elif f in ("-I", "-isystem", "-D", "-U", "-include"):
            keep.append(f)
            take_next = True
        elif f.startswith(("-I", "-isystem", "-D", "-U", "-std=")):
            keep.append(f)
    return keep


def plain_diagnostics() -> list[str]:
    """Diagnostics without colour codes, so they can be matched with regexes."""
    return ["-fdiagnostics-color=never"]


def parse_with_compiler(parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, list[str]]:
    """Parse `OPTIONS... -- COMPILER [ARGS...]`: the script's own options, then the
    compiler command Meson passes after `--`."""
    argv = sys.argv[1:]
    if "--" not in argv:
        parser.error("no compiler command: end the arguments with -- COMPILER [ARGS...]")
    split = argv.index("--")
    args = parser.parse_args(argv[:split])
    compiler = argv[split + 1:]
    if not compiler:
        parser.error("no compiler command after --")
    return args, compiler
