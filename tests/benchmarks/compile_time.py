#!/usr/bin/env python3
"""Compile-time benchmark: user CPU seconds and peak memory to compile each probe.

    compile_time.py --build-root DIR --target NAME [--repeat N] PROBE.cpp... -- COMPILER [ARGS...]

Each probe, and a baseline translation unit that only includes
<leibniz/leibniz.hpp>, is compiled with `-std=c++20 -O2 -c` plus the include
directories and defines Meson uses for target NAME. Each is compiled N times
(default 3); the best (least CPU) run is reported with its peak resident memory
(the compiler driver and its children). CPU time, not wall time: the machine is
shared, and other jobs stretch wall time without telling. Prints one table;
exits non-zero only if a compile fails.

Run it through Meson: `meson test -C build --benchmark compile_time`.
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "tools"))
import project_flags  # noqa: E402

BASELINE = "#include <leibniz/leibniz.hpp>\n"


def measure(cmd: list[str], log: pathlib.Path) -> tuple[int, float, float]:
    """(exit status, user CPU seconds, peak RSS in MiB) of one run of cmd.

    wait4 reports the child with its waited-for descendants (the compiler proper,
    the assembler), as /usr/bin/time does."""
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_utime, usage.ru_maxrss / 1024.0  # ru_maxrss is KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("probes", nargs="*", type=pathlib.Path)
    args, compiler = project_flags.parse_with_compiler(parser)

    flags = project_flags.include_and_define_flags(
        project_flags.target_flags(args.build_root, args.target))
    flags = [f for f in flags if not f.startswith("-std=")]
    flags += ["-std=c++20", "-O2"] + project_flags.plain_diagnostics()

    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="leibniz-compile-time-") as tmp:
        tmp = pathlib.Path(tmp)
        baseline = tmp / "baseline.cpp"
        baseline.write_text(BASELINE)
        units = [("baseline", baseline)] + [
            (p.stem.removeprefix("compile_probe_"), p) for p in args.probes]
        for name, source in units:
            log = tmp / f"{name}.log"
            cmd = compiler + flags + ["-c", str(source), "-o", str(tmp / f"{name}.o")]
            best = None
            for _ in range(max(1, args.repeat)):
                code, seconds, mib = measure(cmd, log)
                if code != 0:
                    print(f"FAIL: compiling {source} failed (exit {code}):")
                    print("  $ " + " ".join(cmd))
                    print(log.read_text(errors="replace")[-8000:])
                    failed = True
                    best = None
                    break
                if best is None or seconds < best[0]:
                    best = (seconds, mib)
            rows.append((name, best))

    base_s = rows[0][1][0] if rows[0][1] else None
    print()
    print(f"compile time, best of {args.repeat}: {' '.join(compiler)} -std=c++20 -O2 -c")
    header = f"{'probe':<24} {'user s':>8} {'peak MiB':>9} {'s above baseline':>17}"
    print(header)
    print("-" * len(header))
    for name, best in rows:
        if best is None:
            print(f"{name:<24} {'FAILED':>8}")
            continue
        seconds, mib = best
        above = "" if name == "baseline" or base_s is None else f"{seconds - base_s:+.2f}"
        print(f"{name:<24} {seconds:>8.2f} {mib:>9.0f} {above:>17}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
