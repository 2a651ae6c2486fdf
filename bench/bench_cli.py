"""Headless verb figures (issue 12, "Fast headless verbs"): whole processes, as a user runs them,
side by side with pysubs2 in the same run.

- ``proofreel convert`` of a 60-cue SRT against ``python -c "import pysubs2;
  pysubs2.load(a).save(b)"`` (target <= 1.5x),
- the same for a 100k-cue SRT -> SRT (target <= 0.35x),
- ``proofreel --version`` (target < 0.15 s).

Both sides run with Python's bytecode cache, as an installed program does (pip compiles every
module it installs): PYTHONDONTWRITEBYTECODE is dropped and the cache goes to a temporary
PYTHONPYCACHEPREFIX, so the checkout gets no __pycache__ folders; one warm-up run fills it.
Rounds alternate between the two sides so a busy machine slows both alike; the best round of
each is reported, in wall time (the goal) and in CPU time (steadier on a loaded machine).
Run: python bench/bench_cli.py
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.formats.srt import write_srt
from bench.synthetic import transcript

SMALL_CUES, BIG_CUES = 60, 100_000
SMALL_ROUNDS, BIG_ROUNDS = 15, 3
PYSUBS2 = "import sys, pysubs2; pysubs2.load(sys.argv[1]).save(sys.argv[2])"


def proofreel() -> list[str]:
    """The ``proofreel`` command of this environment; ``python -m app`` without one."""
    script = Path(sys.executable).with_name("proofreel")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "app"]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one process running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def best_pair(
    rounds: int, ours: list[str], theirs: list[str], env: dict[str, str]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Best (wall, CPU) of both commands over alternating rounds, after a warm-up run each."""
    run(ours, env), run(theirs, env)
    ours_s, theirs_s = [], []
    for _ in range(rounds):
        ours_s.append(run(ours, env))
        theirs_s.append(run(theirs, env))
    best = lambda times: (min(t[0] for t in times), min(t[1] for t in times))  # noqa: E731
    return best(ours_s), best(theirs_s)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        small, big = tmp / "small.srt", tmp / "big.srt"
        small.write_text(write_srt(transcript(SMALL_CUES)), encoding="utf-8")
        big.write_text(write_srt(transcript(BIG_CUES)), encoding="utf-8")

        def pair(source: Path, rounds: int) -> tuple[tuple[float, float], tuple[float, float]]:
            ours = [*proofreel(), "convert", str(source), str(tmp / "ours.srt")]
            theirs = [sys.executable, "-c", PYSUBS2, str(source), str(tmp / "theirs.srt")]
            times = best_pair(rounds, ours, theirs, env)
            # The figure counts only if the work was done: our copy is the input again.
            assert (tmp / "ours.srt").read_bytes() == source.read_bytes()
            return times

        (small_ours, small_ours_cpu), (small_theirs, small_theirs_cpu) = pair(small, SMALL_ROUNDS)
        version = min(run([*proofreel(), "--version"], env)[0] for _ in range(SMALL_ROUNDS))
        python = min(run([sys.executable, "-c", "pass"], env)[0] for _ in range(SMALL_ROUNDS))
        (big_ours, big_ours_cpu), (big_theirs, big_theirs_cpu) = pair(big, BIG_ROUNDS)

    print(f"python_startup: {python * 1000:.0f} ms (python -c pass, for scale)")
    print(f"convert_srt_60: {small_ours * 1000:.0f} ms (best of {SMALL_ROUNDS})")
    print(f"pysubs2_load_save_60: {small_theirs * 1000:.0f} ms (best of {SMALL_ROUNDS})")
    print(f"convert_60_ratio: {small_ours / small_theirs:.2f} x pysubs2 (target <= 1.5)")
    print(f"convert_60_cpu_ratio: {small_ours_cpu / small_theirs_cpu:.2f} x pysubs2 (user+sys)")
    print(f"convert_srt_100k: {big_ours:.3f} s (best of {BIG_ROUNDS})")
    print(f"pysubs2_load_save_100k: {big_theirs:.3f} s (best of {BIG_ROUNDS})")
    print(f"convert_100k_ratio: {big_ours / big_theirs:.2f} x pysubs2 (target <= 0.35)")
    print(f"convert_100k_cpu_ratio: {big_ours_cpu / big_theirs_cpu:.2f} x pysubs2 (user+sys)")
    print(f"version: {version * 1000:.0f} ms (target < 150 ms, best of {SMALL_ROUNDS})")


if __name__ == "__main__":
    main()
