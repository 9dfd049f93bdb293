#!/usr/bin/env python3
"""Two bench/run.sh results side by side (run by hand): each row's req/s, its ratio to the ceiling
of its own run and its p99, at the smaller and the larger database, and larger ÷ smaller (flat: ≈1).

    bench/compare.py bench/results/final-1k-….md bench/results/final-100k-….md
"""
import re
import sys


def tables(path):
    """{mode: {row: (req/s, ratio, p99)}} from one result file."""
    result, mode = {}, None
    for line in open(path, encoding="utf-8"):
        heading = re.match(r"### page cache (\S+)", line)
        if heading:
            mode = heading.group(1)
            result[mode] = {}
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if mode and len(cells) >= 7 and re.match(r"^[0-9.]+$", cells[2]):
            result[mode][cells[0]] = (float(cells[2]), float(cells[6]), cells[4])
    return result


def main(small_path, large_path):
    small, large = tables(small_path), tables(large_path)
    for mode in small:
        print(f"\n**Page cache {mode}**: req/s (ratio to nginx in the same run) · p99 ms\n")
        print("| row | smaller | larger | larger ÷ smaller |")
        print("|---|---|---|---|")
        for row, (rps, ratio, p99) in small[mode].items():
            other = large.get(mode, {}).get(row)
            if other is None:
                continue
            flat = f"{other[0] / rps:.2f}" if rps else "–"
            print(f"| {row} | {rps:,.0f} ({ratio:.3f}) · {p99} | {other[0]:,.0f} ({other[1]:.3f}) · {other[2]} | {flat} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
