#!/usr/bin/env python3
"""Scaling of `replylint check` with the size of one dimension of a draft (issue 11 item 1).

For each shape the input is generated at 1x, 4x and 16x a base size and checked with
`--format json --max-size 0`; the script prints wall time, peak RSS and the exponent: the
slope of log(time) over log(size) from 4x to 16x, where start-up (dictionaries, rules: a
constant) weighs least; and the least-squares fit over all three sizes after subtracting the
start-up time. Linear is 1; quadratic would be 2.
Shapes, each plain and with a typo on every line:
  paragraph  one long paragraph wrapped at 72 columns, no blank line
  lines      many short paragraphs separated by blank lines
  header     a long folded To header (many recipients)
Timings depend on the machine: nothing here fails on a number; read the exponent.
  python3 bench/scaling.py --binary build-release/replylint [--base-kb 320] [--repeat 3]
"""
import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HEADERS = "From: Ana <ana@example.com>\nTo: luis@example.org\nSubject: informe\nMIME-Version: 1.0\n" \
          "Content-Type: text/plain; charset=utf-8\n\n"
LINE = "el informe de la semana esta listo y lo hemos revisado con el equipo de"  # 72 columns
TYPO_LINE = "el informe de la semana esta listo y lo hemos revisdo con el equipo de"


def line(typo):
    return TYPO_LINE if typo else LINE


def paragraph(size, typo):
    body, n = [], 0
    while n < size:
        body.append(line(typo))
        n += len(body[-1]) + 1
    return HEADERS + "Hola Luis,\n\n" + "\n".join(body) + ".\n\nAna\n"


def lines(size, typo):
    body, n = [], 0
    while n < size:
        body.append(line(typo) + ".")
        n += len(body[-1]) + 2
    return HEADERS + "Hola Luis,\n\n" + "\n\n".join(body) + "\n\nAna\n"


def header(size, typo):
    to, n, i = [], 0, 0
    while n < size:
        name = "Clinete" if typo else "Cliente"  # a typo in every display name
        to.append(f'"{name} {i}" <cliente{i}@cliente{i % 97}.es>')
        n += len(to[-1]) + 3
        i += 1
    return ("From: Ana <ana@example.com>\nTo: " + ",\n ".join(to) +
            "\nSubject: aviso\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
            "Hola a todos,\n\nel servicio vuelve manana.\n\nAna\n")


SHAPES = {"paragraph": paragraph, "lines": lines, "header": header}


def run(binary, path):
    """Wall seconds and peak RSS (KB) of one check, through GNU time (Debian package `time`)."""
    cmd = ["/usr/bin/time", "-f", "status %x RSS %M", binary, "check", "--format", "json", "--max-size", "0", path]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    match = re.search(r"status (\d+) RSS (\d+)\s*$", proc.stderr)
    if not match or int(match.group(1)) >= 2:  # 0 clean, 1 findings; anything else failed
        sys.exit(f"scaling: {path}: replylint failed:\n{proc.stderr[-2000:]}")
    return seconds, int(match.group(2))


def slope(xs, ys):
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-6)) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default="build-release/replylint")
    ap.add_argument("--base-kb", type=int, default=320, help="size of the 1x input in KB")
    ap.add_argument("--repeat", type=int, default=3, help="runs per input (the median is kept)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated subset of shapes")
    ap.add_argument("--quick", action="store_true", help="one run per input, 1x at most 160 KB")
    args = ap.parse_args()
    if args.quick:
        args.repeat, args.base_kb = 1, min(args.base_kb, 160)
    binary = os.path.abspath(args.binary)
    tmp = tempfile.mkdtemp(prefix="replylint-scaling-")
    try:
        warm = os.path.join(tmp, "warm.eml")
        with open(warm, "w", encoding="utf-8") as f:
            f.write(paragraph(1000, True))
        run(binary, warm)  # builds the dictionary index cache if it is cold
        # Start-up (dictionaries, rules) is a constant: the exponent is fitted to the time above it.
        base = statistics.median(run(binary, warm)[0] for _ in range(max(args.repeat, 3)))
        print(f"## Scaling: 1x = {args.base_kb} KB, median of {args.repeat}; start-up {base:.3f} s "
              "is subtracted before fitting\n")
        print("| shape | typo | 1x s | 4x s | 16x s | 16x RSS MB | exponent 4x→16x | fit 1x–16x |")
        print("|---|---|---|---|---|---|---|---|")
        for name in args.shapes.split(","):
            make = SHAPES[name]
            for typo in (False, True):
                sizes, times, rss = [], [], []
                for factor in (1, 4, 16):
                    text = make(args.base_kb * 1024 * factor, typo)
                    path = os.path.join(tmp, f"{name}-{int(typo)}-{factor}.eml")
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                    runs = [run(binary, path) for _ in range(args.repeat)]
                    sizes.append(len(text.encode()))
                    times.append(statistics.median(r[0] for r in runs))
                    rss.append(max(r[1] for r in runs))
                    os.remove(path)
                above = [max(t - base, 1e-3) for t in times]
                print(f"| {name} | {'yes' if typo else 'no'} | {times[0]:.2f} | {times[1]:.2f} | "
                      f"{times[2]:.2f} | {rss[2] / 1024:.0f} | {slope(sizes[1:], times[1:]):.2f} | "
                      f"{slope(sizes, above):.2f} |", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
