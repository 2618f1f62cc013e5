"""Shared by the benchmarks: timing, and one line per figure with its ratio to the baseline
measured in the same run (absolute seconds differ between machines; ratios travel)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_python(code: str, env: dict[str, str] | None = None) -> float:
    """Wall time of a fresh interpreter running `code`: what a cold start costs the user."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def report(name: str, seconds: float, baseline_name: str, baseline: float, goal: float | None = None) -> None:
    ratio = seconds / baseline if baseline else float("inf")
    verdict = ""
    if goal is not None:
        verdict = f"  goal ≤ {goal:g}×: {'met' if ratio <= goal else 'NOT met'}"
    print(f"{name:<58} {seconds * 1000:9.1f} ms   {ratio:6.2f}× {baseline_name}{verdict}", flush=True)


def heading(text: str) -> None:
    print(f"\n== {text}", flush=True)
