#!/usr/bin/env python3
"""Boost.Hana against leibniz's hand-written code: compile cost, measured.

    python3 tests/benchmarks/hana/measure.py [--compiler CXX]... [--sizes N...]
                                             [--concern NAME]... [--repeat R] [--check]

For each concern (below), each size N and each compiler, compiles the hand-written
probe and its Hana variants in this directory with `CXX -std=c++20 -O2 -c -DPROBE_N=N`
and prints user CPU seconds and peak resident memory (the compiler driver and its
children, as /usr/bin/time's %U and %M report them), and the ratio Hana / hand. The
variants of a concern are compiled in turn, round after round, so that load from other
processes hits them alike; each reports its best (least user time) of R rounds (default
3), and a variant that took more than 20 s is not compiled again. N = 0 compiles only
the includes and the definitions.

  pack    operand packs: detail::pack vs hana::tuple, hana::basic_tuple
  map     `G[x]` on a result: index_of_variable vs hana::index_if, hana::map
  order   canonical order: type_classes + make_order vs hana::index_if, sort, unique

The rule it checks (docs/design.md, "Boost.Hana: measured, not adopted"): Hana is
used only where it costs at most 10% more compile time and memory.

--check first links each variant at N = 16 with a main and checks that all the
variants of a concern compute the same value (they do the same work). Needs Python 3,
the compilers and Boost's headers (Debian: libboost-dev), which leibniz itself does not
need; takes about 10 minutes at the default sizes on an idle machine.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
CONCERNS = {
    "pack": ("pack_hand", ["pack_hana_basic_tuple", "pack_hana_tuple"]),
    "map": ("map_hand", ["map_hana_index_if", "map_hana_map"]),
    "order": ("order_hand", ["order_hana"]),
}
FLAGS = ["-std=c++20", "-O2"]
LIMIT = 1.10  # Hana is adopted where it costs at most 10% more
NO_REPEAT_ABOVE = 20.0  # seconds of user time


def run(cmd: list[str], log: pathlib.Path) -> tuple[int, float, float]:
    """(exit status, user CPU seconds, peak RSS in MiB) of cmd and its children."""
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    # wait4 reports the child together with the children it waited for (cc1plus,
    # clang -cc1); ru_maxrss is in KiB on Linux.
    return os.waitstatus_to_exitcode(status), usage.ru_utime, usage.ru_maxrss / 1024.0


def compile_costs(cxx: str, probes: list[str], n: int, repeat: int, tmp: pathlib.Path) -> dict:
    """{probe: (best user seconds, its peak MiB) or None if it failed}, round-robin."""
    best: dict = {p: None for p in probes}
    done: set = set()
    for _ in range(max(1, repeat)):
        for probe in probes:
            if probe in done:
                continue
            source = HERE / f"{probe}.cpp"
            cmd = [cxx] + FLAGS + [f"-DPROBE_N={n}", "-c", str(source), "-o", str(tmp / f"{probe}.o")]
            log = tmp / f"{probe}.log"
            code, user, mib = run(cmd, log)
            if code != 0:
                print(f"FAIL: {' '.join(cmd)} (exit {code})")
                print(log.read_text(errors="replace")[-4000:])
                best[probe] = None
                done.add(probe)
                continue
            if best[probe] is None or user < best[probe][0]:
                best[probe] = (user, mib)
            if user > NO_REPEAT_ABOVE:
                done.add(probe)
    return best


def check(cxx: str, concerns: list[str], tmp: pathlib.Path) -> bool:
    main = tmp / "main.cpp"
    main.write_text('#include <cstdio>\ndouble probe_entry(double);\n'
                    'int main() { std::printf("%.17g\\n", probe_entry(1.5)); }\n')
    ok = True
    for concern in concerns:
        hand, hanas = CONCERNS[concern]
        values = {}
        for probe in [hand] + hanas:
            exe = tmp / probe
            cmd = [cxx] + FLAGS + ["-DPROBE_N=16", str(HERE / f"{probe}.cpp"), str(main), "-o", str(exe)]
            if subprocess.run(cmd).returncode != 0:
                print(f"FAIL: {' '.join(cmd)}")
                return False
            values[probe] = subprocess.run([str(exe)], capture_output=True, text=True).stdout.strip()
        same = len(set(values.values())) == 1
        ok &= same
        print(f"check {cxx} {concern}: {'same value' if same else 'DIFFERENT values'} "
              + ", ".join(f"{p}={v}" for p, v in values.items()))
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", action="append", dest="compilers",
                        help="a C++ compiler (repeatable; default g++ and clang++-16)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 16, 64, 256])
    parser.add_argument("--concern", action="append", dest="concerns", choices=sorted(CONCERNS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="also check the variants agree")
    args = parser.parse_args()
    compilers = args.compilers or ["g++", "clang++-16"]
    concerns = args.concerns or list(CONCERNS)
    compilers = [c for c in compilers if shutil.which(c) or print(f"skipping {c}: not found")]

    failed = False
    with tempfile.TemporaryDirectory(prefix="leibniz-hana-") as tmp:
        tmp = pathlib.Path(tmp)
        if args.check:
            for cxx in compilers:
                failed |= not check(cxx, concerns, tmp)
        print()
        print(f"compile cost: CXX {' '.join(FLAGS)} -c -DPROBE_N=N, best of {args.repeat}, "
              f"user CPU seconds and peak MiB")
        header = (f"{'compiler':<11} {'concern':<7} {'Hana variant':<22} {'N':>4} {'hand s':>7} "
                  f"{'MiB':>6} {'Hana s':>7} {'MiB':>6} {'time x':>7} {'mem x':>6}  {'<= 1.10':<7}")
        print(header)
        print("-" * len(header))
        for cxx in compilers:
            for concern in concerns:
                hand, hanas = CONCERNS[concern]
                for n in args.sizes:
                    costs = compile_costs(cxx, [hand] + hanas, n, args.repeat, tmp)
                    base = costs[hand]
                    for probe in hanas:
                        cost = costs[probe]
                        if base is None or cost is None:
                            failed = True
                            print(f"{cxx:<11} {concern:<7} {probe:<22} {n:>4} FAILED")
                            continue
                        t, m = cost[0] / max(base[0], 1e-3), cost[1] / base[1]
                        verdict = "yes" if t <= LIMIT and m <= LIMIT else "no"
                        print(f"{cxx:<11} {concern:<7} {probe.removeprefix(concern + '_'):<22} {n:>4} "
                              f"{base[0]:>7.2f} {base[1]:>6.0f} {cost[0]:>7.2f} {cost[1]:>6.0f} "
                              f"{t:>7.2f} {m:>6.2f}  {verdict:<7}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.dont_write_bytecode = True
    sys.exit(main())
