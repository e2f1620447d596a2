#!/usr/bin/env python3
"""Helpers for scripts/check around a configured Meson build directory.

    meson_tests.py runnable BUILD_DIR   names of the tests whose program and
                                        dependencies are built and up to date
                                        (stdout); the others reported on stderr
    meson_tests.py count BUILD_DIR      "PASSED FAILED SKIPPED" of the last
                                        `meson test` run (meson-logs/testlog.json)

After a failed compile, `meson test` refuses to run anything if one test
program is missing; `runnable` lets the others run anyway. A program left over
from an earlier build but now out of date (its new version failed to compile)
does not count as built.
"""
import json
import os
import subprocess
import sys


def up_to_date(build_dir: str, path: str) -> bool:
    """True if path exists and ninja has nothing left to do to build it."""
    if not os.path.exists(path):
        return False
    rel = os.path.relpath(path, build_dir)
    if rel.startswith(".."):
        return True  # not a build product (the Python interpreter, a script)
    dry = subprocess.run(["ninja", "-C", build_dir, "-n", rel],
                         capture_output=True, text=True)
    return dry.returncode == 0 and "no work to do" in dry.stdout


def runnable(build_dir: str) -> int:
    build_dir = os.path.abspath(build_dir)
    info = os.path.join(build_dir, "meson-info")
    with open(os.path.join(info, "intro-tests.json"), encoding="utf-8") as f:
        tests = json.load(f)
    with open(os.path.join(info, "intro-targets.json"), encoding="utf-8") as f:
        outputs = {t["id"]: t["filename"] for t in json.load(f)}
    for t in tests:
        needed = dict.fromkeys(
            t["cmd"][:1] + [p for d in t.get("depends", []) for p in outputs.get(d, [])])
        stale = [p for p in needed if not up_to_date(build_dir, os.path.join(build_dir, p))]
        if stale:
            print(f"NOT BUILT: {t['name']} ({', '.join(stale)})", file=sys.stderr)
        else:
            print(t["name"])
    return 0


def count(build_dir: str) -> int:
    passed = failed = skipped = 0
    try:
        with open(os.path.join(build_dir, "meson-logs", "testlog.json"), encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                result = json.loads(line)["result"]
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:  # FAIL, ERROR, TIMEOUT, UNEXPECTEDPASS, ...
                    failed += 1
    except FileNotFoundError:
        pass
    print(passed, failed, skipped)
    return 0


if __name__ == "__main__":
    commands = {"runnable": runnable, "count": count}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    sys.exit(commands[sys.argv[1]](sys.argv[2]))
