#!/usr/bin/env python3
"""Paired comparison of two HhRlhfEvaluation runs on the same test pairs.

Reads the --outcomes files of run A and run B (protocol, head, pair index, 1 / 0.5 / 0 for
right / tie / wrong) and prints a markdown table: per protocol and head the two accuracies, the
difference B - A with its 95% interval (normal approximation on the per-pair differences), how many
pairs only one of the runs ranks right, and the exact two-sided McNemar p-value on those pairs.

    reward-model/scripts/paired-accuracy.py A.tsv B.tsv
"""
import math
import sys
from collections import defaultdict


def load(path):
    runs = defaultdict(dict)
    with open(path) as lines:
        for line in lines:
            protocol, head, index, outcome = line.rstrip("\n").split("\t")
            runs[(protocol, head)][int(index)] = float(outcome)
    return runs


def mcnemar(only_a, only_b):
    n = only_a + only_b
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(min(only_a, only_b) + 1))
    return min(1.0, 2 * tail / 2**n)


def main(path_a, path_b):
    a, b = load(path_a), load(path_b)
    print("| protocol | head | test pairs | A | B | B - A | 95% interval | only A right"
          " | only B right | McNemar p |")
    print("| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    for key, x in a.items():
        y = b[key]
        if x.keys() != y.keys():
            raise SystemExit(f"{key}: the runs scored different test pairs")
        d = [y[i] - x[i] for i in sorted(x)]
        n = len(d)
        mean = sum(d) / n
        se = math.sqrt(sum((v - mean) ** 2 for v in d) / (n - 1) / n)
        only_a = sum(1 for v in d if v < 0)
        only_b = sum(1 for v in d if v > 0)
        print(f"| {key[0]} | {key[1]} | {n} | {sum(x.values()) / n:.3f} | {sum(y.values()) / n:.3f}"
              f" | {mean:+.3f} | [{mean - 1.96 * se:+.3f}, {mean + 1.96 * se:+.3f}]"
              f" | {only_a} | {only_b} | {mcnemar(only_a, only_b):.3f} |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
