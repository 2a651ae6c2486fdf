"""Run every bench/bench_*.py in turn; each prints ``NAME: VALUE UNIT (target ...)`` lines.

make bench          # under Xvfb, as the window benchmarks need a display
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        if result.returncode:
            print(f"{script.name}: FAILED (exit {result.returncode})", file=sys.stderr)
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
