#!/usr/bin/env python3
"""Compile time of the runtime benchmark's leibniz part against its hand-written part.

    bench_compile.py --build-root DIR [--repeat N] --hand TARGET... [--leibniz TARGET] -- COMPILER [ARGS...]

Each TARGET is a one-source static library of tests/benchmarks/meson.build
(bench_gradients_hand, bench_gradients_loopvec, bench_gradients_leibniz). Its
source is compiled N times (default 3) with exactly the arguments Meson uses for
it (read from the build directory's introspection data: -O3 -march=native,
-ffast-math for loopvec, warnings, -Werror), and the best run is reported with
its peak resident memory; seconds are user CPU seconds. The issue's target: the leibniz part (leibniz-f and
leibniz-grad of B1-B7) compiles in at most 2x the time of the hand-written part
(f-only, hand-fused, hand-blocked and hand-loopvec of B1-B7). Prints one table;
exits non-zero only if a compile fails.

Run it through Meson: `meson test -C build --benchmark bench_compile`.
"""
import argparse
import json
import pathlib
import sys
import tempfile

sys.dont_write_bytecode = True  # keep the source tree clean
here = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(here.parent / "tools"))
sys.path.insert(0, str(here))
import compile_time  # noqa: E402  (measure: user CPU seconds and peak memory of one run)
import project_flags  # noqa: E402


def target_source(build_root: str, target: str) -> str:
    """The one C++ source file of `target`."""
    intro = pathlib.Path(build_root) / "meson-info" / "intro-targets.json"
    for t in json.loads(intro.read_text(encoding="utf-8")):
        if t["name"] == target:
            for group in t["target_sources"]:
                if group.get("language") == "cpp" and len(group["sources"]) == 1:
                    return group["sources"][0]
    raise SystemExit(f"no one-source C++ target named {target!r} in {intro}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--hand", action="append", default=[], required=True)
    parser.add_argument("--leibniz")
    args, compiler = project_flags.parse_with_compiler(parser)

    units = [("hand", t) for t in args.hand] + ([("leibniz", args.leibniz)] if args.leibniz else [])
    rows, failed = [], False
    with tempfile.TemporaryDirectory(prefix="leibniz-bench-compile-") as tmp:
        tmp = pathlib.Path(tmp)
        for part, target in units:
            source = target_source(args.build_root, target)
            flags = [f for f in project_flags.target_flags(args.build_root, target)
                     if not f.startswith("-fdiagnostics-color")]
            flags += project_flags.plain_diagnostics()
            log = tmp / f"{target}.log"
            cmd = compiler + flags + ["-c", source, "-o", str(tmp / f"{target}.o")]
            best = None
            for _ in range(max(1, args.repeat)):
                code, seconds, mib = compile_time.measure(cmd, log)
                if code != 0:
                    print(f"FAIL: compiling {source} failed (exit {code}):")
                    print("  $ " + " ".join(cmd))
                    print(log.read_text(errors="replace")[-8000:])
                    failed, best = True, None
                    break
                if best is None or seconds < best[0]:
                    best = (seconds, mib)
            rows.append((part, target, best))

    print()
    print(f"compile time of bench_gradients' kernels, best of {args.repeat}, "
          f"{' '.join(compiler)} with each target's own flags")
    header = f"{'part':<8} {'target':<26} {'user s':>8} {'peak MiB':>9}"
    print(header)
    print("-" * len(header))
    for part, target, best in rows:
        if best is None:
            print(f"{part:<8} {target:<26} {'FAILED':>8}")
        else:
            print(f"{part:<8} {target:<26} {best[0]:>8.2f} {best[1]:>9.0f}")
    print("-" * len(header))
    hand = [best[0] for part, _, best in rows if part == "hand" and best]
    lbz = [best[0] for part, _, best in rows if part == "leibniz" and best]
    if len(hand) == len(args.hand) and lbz:
        ratio = lbz[0] / sum(hand)
        verdict = "ok" if ratio <= 2.0 else "MISS"
        print(f"leibniz / hand-written (all {len(hand)} hand units): {ratio:.2f} "
              f"(target <= 2: {verdict}); leibniz / {args.hand[0]} alone: {lbz[0] / hand[0]:.2f}")
    elif not args.leibniz:
        print("leibniz part: not built (not registered in tests/benchmarks/meson.build)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
