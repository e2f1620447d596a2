#!/usr/bin/env python3
"""Checks the pkg-config file that `meson install` puts in place.

    pkgconfig_file.py --build-dir DIR --simd true|false [--sleef true|false] [-- CXX [ARGS...]]

Installs the configured build DIR into a temporary directory (`meson install
--destdir`, nothing rebuilt: the headers and the .pc file need no compiling), finds
leibniz.pc there, and fails unless

  - Cflags has -std=c++20 (the headers are C++20; GCC 12 and Clang 16 default to C++17)
    and -I to the installed include directory, which holds leibniz/leibniz.hpp;
  - Cflags has -DLEIBNIZ_NO_SIMD exactly when the build has no xsimd (--simd false);
  - Cflags has -DLEIBNIZ_USE_SLEEF exactly when the build found SLEEF (--sleef true);
  - Requires is eigen3 >= 3.4, and xsimd >= 8 exactly when the build has xsimd,
    sleef exactly when it found SLEEF,
    and nothing else (no Boost: no header uses it).

Given a compiler after `--`, it also compiles, with -fsyntax-only, a file that includes
<leibniz/leibniz.hpp> with no flags but `pkg-config --cflags leibniz` (the installed
copy's): what a user of the .pc file does.
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

USE = """#include <leibniz/leibniz.hpp>
using namespace leibniz::literals;
constexpr auto x = leibniz::var<"x">;
static_assert(leibniz::d(x * x, x) == 2_c * x);
"""


def fields(pc: pathlib.Path) -> tuple[dict[str, str], dict[str, str]]:
    """(variables, keywords) of a .pc file, variables expanded."""
    variables, keywords = {}, {}
    for line in pc.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"([A-Za-z0-9_.]+)\s*([=:])\s*(.*)$", line)
        if not m:
            continue
        name, kind, value = m.groups()
        value = re.sub(r"\$\{(\w+)\}", lambda v: variables.get(v.group(1), v.group(0)), value)
        (variables if kind == "=" else keywords)[name] = value
    return variables, keywords


def requires(text: str) -> list[str]:
    """`eigen3 >= 3.4, xsimd >= 8` as ['eigen3 >= 3.4', 'xsimd >= 8']."""
    items = re.findall(r"([^\s,<>=!]+)(?:\s*(<=|>=|=|<|>|!=)\s*([^\s,]+))?", text)
    return [f"{n} {op} {v}" if op else n for n, op, v in items]


def main() -> int:
    argv = sys.argv[1:]
    compiler = argv[argv.index("--") + 1:] if "--" in argv else []
    argv = argv[:argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--simd", required=True, choices=["true", "false"])
    parser.add_argument("--sleef", default="false", choices=["true", "false"])
    args = parser.parse_args(argv)
    simd = args.simd == "true"
    sleef = args.sleef == "true"

    errors = []
    with tempfile.TemporaryDirectory(prefix="leibniz-pc-") as dest:
        dest = pathlib.Path(dest)
        install = subprocess.run(
            ["meson", "install", "-C", args.build_dir, "--no-rebuild", "--destdir", str(dest)],
            capture_output=True, text=True)
        if install.returncode != 0:
            print(install.stdout + install.stderr)
            print("FAIL: meson install --destdir failed")
            return 1
        found = sorted(dest.rglob("leibniz.pc"))
        if len(found) != 1:
            print(f"FAIL: expected one installed leibniz.pc, found {[str(p) for p in found]}")
            return 1
        pc = found[0]
        print(f"{pc.relative_to(dest)}:")
        print("  " + pc.read_text().strip().replace("\n", "\n  "))
        variables, keywords = fields(pc)

        cflags = keywords.get("Cflags", "").split()
        if "-std=c++20" not in cflags:
            errors.append(f"Cflags lacks -std=c++20: {cflags}")
        if ("-DLEIBNIZ_NO_SIMD" in cflags) == simd:
            errors.append(f"Cflags {'has' if simd else 'lacks'} -DLEIBNIZ_NO_SIMD in a build "
                          f"{'with' if simd else 'without'} xsimd: {cflags}")
        includes = [f[2:] for f in cflags if f.startswith("-I")]
        headers = [d for d in includes
                   if (dest / d.lstrip("/") / "leibniz" / "leibniz.hpp").is_file()]
        if not headers:
            errors.append(f"no -I in Cflags names the installed headers: {includes}")

        if ("-DLEIBNIZ_USE_SLEEF" in cflags) != sleef:
            errors.append(f"Cflags {'lacks' if sleef else 'has'} -DLEIBNIZ_USE_SLEEF in a build "
                          f"{'with' if sleef else 'without'} SLEEF: {cflags}")
        want = ["eigen3 >= 3.4"] + (["xsimd >= 8"] if simd else []) + (["sleef"] if sleef else [])
        got = requires(keywords.get("Requires", ""))
        if sorted(got) != sorted(want):
            errors.append(f"Requires is {got}, expected {want}")
        if any("boost" in r.lower() for r in got + [keywords.get("Libs", "")]):
            errors.append("the .pc file names Boost, which no header uses")

        if compiler and not errors:
            if not shutil.which("pkg-config"):
                print("pkg-config not found: the compile check is skipped")
            else:
                env = dict(os.environ, PKG_CONFIG_PATH=str(pc.parent))
                query = subprocess.run(["pkg-config", "--define-prefix", "--cflags", "leibniz"],
                                       capture_output=True, text=True, env=env)
                if query.returncode != 0:
                    errors.append("pkg-config --cflags leibniz failed: " + query.stderr.strip())
                else:
                    source = dest / "use.cpp"
                    source.write_text(USE)
                    cmd = compiler + query.stdout.split() + ["-fsyntax-only", str(source)]
                    print("$ " + " ".join(cmd))
                    run = subprocess.run(cmd, capture_output=True, text=True)
                    if run.returncode != 0:
                        errors.append("a file including <leibniz/leibniz.hpp> does not compile with "
                                      "the .pc file's flags alone:\n" + run.stderr[-3000:])

    for e in errors:
        print("FAIL: " + e)
    if not errors:
        print("leibniz.pc: Cflags and Requires as expected")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main())
