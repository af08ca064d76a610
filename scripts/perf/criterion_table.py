#!/usr/bin/env python3
"""Prints the latest criterion results (target/criterion) as a markdown
table: median, the 95% interval of the median, and throughput where the
benchmark declares one. Run after `cargo bench`.

Usage: scripts/perf/criterion_table.py [GROUP_PREFIX ...]
  e.g. scripts/perf/criterion_table.py keys_ open_
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "target" / "criterion"


def human(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main():
    prefixes = sys.argv[1:]
    rows = []
    for estimates in sorted(ROOT.glob("**/new/estimates.json")):
        bench_dir = estimates.parent.parent
        meta = json.loads((estimates.parent / "benchmark.json").read_text())
        group, name = meta["group_id"], meta.get("function_id") or ""
        if prefixes and not any(group.startswith(p) for p in prefixes):
            continue
        median = json.loads(estimates.read_text())["median"]
        point = median["point_estimate"]
        low = median["confidence_interval"]["lower_bound"]
        high = median["confidence_interval"]["upper_bound"]
        throughput = ""
        if meta.get("throughput") and "Bytes" in meta["throughput"]:
            per_second = meta["throughput"]["Bytes"] / (point / 1e9)
            throughput = f"{per_second / 2**20:.0f} MiB/s"
        rows.append((group, name, human(point), f"{human(low)} – {human(high)}", throughput))
        del bench_dir
    print("| group | benchmark | median | 95% CI of the median | throughput |")
    print("|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
