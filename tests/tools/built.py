#!/usr/bin/env python3
"""built.py FILE [MESSAGE...]: pass if FILE (a build product) exists.

Stands in the test list for targets that are only compiled, never run (the
static tier): a test that depends on them makes `meson test` build them.
"""
import os
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
if not os.path.exists(sys.argv[1]):
    sys.exit(f"FAIL: {sys.argv[1]} was not built")
print(" ".join(sys.argv[2:]) or "built", f"({os.path.basename(sys.argv[1])})")
