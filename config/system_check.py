"""What the machine must have besides Python, said in one line instead of a traceback.

Run by `make install` with the machine's python3 (no Django needed):
`python3 config/system_check.py [--test]`. --test adds what the test suite needs.
"""

import ctypes.util
import os
import shutil
import sys

# (what is missing, how to install it on Debian/Ubuntu, on macOS)
RUNTIME = [
    (
        lambda: ctypes.util.find_library("pango-1.0"),
        "Pango (WeasyPrint, voor de pdf's)",
        "libpango-1.0-0 libpangoft2-1.0-0",
        "pango",
    ),
]
TEST = [
    (
        lambda: (
            shutil.which(os.environ.get("CHROMIUM_PATH", "chromium"))
            or os.path.exists(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
        ),
        "Chromium (de browsertests)",
        "chromium",
        "--cask chromium",
    ),
]
# Not required, but noticed: without HarfBuzz-Subset WeasyPrint subsets fonts ~3x slower.
ADVISED = [
    (
        lambda: ctypes.util.find_library("harfbuzz-subset"),
        "HarfBuzz-Subset (snellere pdf's)",
        "libharfbuzz-subset0",
        "harfbuzz",
    ),
]


def missing(checks) -> list:
    return [check for check in checks if not check[0]()]


def main(argv: list[str]) -> int:
    required = missing(RUNTIME + (TEST if "--test" in argv else []))
    for _, what, debian, mac in missing(ADVISED):
        print(
            f"Aanbevolen, niet vereist: {what}: apt-get install {debian} (macOS: brew install {mac})"
        )
    if not required:
        return 0
    names = ", ".join(what for _, what, _, _ in required)
    debian = " ".join(package for _, _, package, _ in required)
    mac = " ".join(package for _, _, _, package in required)
    print(
        f"Ontbreekt op deze machine: {names}. Installeer: sudo apt-get install -y {debian} "
        f"(macOS: brew install {mac})",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
