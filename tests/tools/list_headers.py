#!/usr/bin/env python3
"""List leibniz's public headers: every .hpp under include/leibniz, recursively,
except those under a detail/ directory. One 'leibniz/...' path a line, sorted.

    list_headers.py INCLUDE_ROOT                 print the list (configure time)
    list_headers.py INCLUDE_ROOT --built LIB --expect H...
                                 exit 1 unless LIB exists and the list is H...

The second form is the test 'headers_self_contained': the build has compiled
LIB from one translation unit per header it was configured with; this makes
sure it was built and that no header was added or removed since.
"""
import argparse
import pathlib
import sys


def public_headers(include_root: pathlib.Path) -> list[str]:
    root = include_root / "leibniz"
    if not root.is_dir():
        sys.exit(f"list_headers.py: no directory {root}")
    found = []
    for path in root.rglob("*"):
        rel = path.relative_to(include_root)
        if path.is_file() and path.suffix in (".hpp", ".h") and "detail" not in rel.parts[:-1]:
            found.append(rel.as_posix())
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("include_root", type=pathlib.Path)
    parser.add_argument("--built", type=pathlib.Path, metavar="LIB")
    parser.add_argument("--expect", nargs="*", metavar="HEADER")
    args = parser.parse_args()

    headers = public_headers(args.include_root)
    if args.expect is None:
        if not headers:
            sys.exit(f"list_headers.py: no public headers under {args.include_root / 'leibniz'}")
        print("\n".join(headers))
        return 0

    if args.built is not None and not args.built.exists():
        print(f"FAIL: {args.built} was not built: a header does not compile alone")
        return 1
    configured = sorted(h for h in args.expect if h)
    added = sorted(set(headers) - set(configured))
    removed = sorted(set(configured) - set(headers))
    for h in configured:
        print(f"ok      <{h}> compiles alone")
    for h in added:
        print(f"NOT CHECKED <{h}>: added after the build was configured")
    for h in removed:
        print(f"GONE    <{h}>: removed after the build was configured")
    if added or removed:
        print("Re-run `meson setup --reconfigure <builddir>` so every public header is checked.")
        return 1
    print(f"{len(configured)} public headers are self-contained")
    return 0


if __name__ == "__main__":
    sys.exit(main())
