#!/usr/bin/env python3
"""Ratios from criterion's estimates: errwire's median over the hand-written (or peer) median
of the same benchmark group and case. Run after `cargo bench -p errwire-tests --bench runtime`:
    python3 tests/benches/report.py [target-dir]"""
import json, os, sys

target = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CARGO_TARGET_DIR", "target")
root = os.path.join(target, "criterion")
medians = {}
for dirpath, _, files in os.walk(root):
    if dirpath.endswith(os.path.join("new")) and "estimates.json" in files:
        bench = json.load(open(os.path.join(dirpath, "benchmark.json")))
        estimate = json.load(open(os.path.join(dirpath, "estimates.json")))
        medians[(bench["group_id"], bench.get("function_id") or "", bench.get("value_str") or "")] = estimate["median"]["point_estimate"]

def fmt(ns):
    return f"{ns:.1f} ns" if ns >= 10 else f"{ns:.2f} ns"

rows = []
for (group, function, value), ours in sorted(medians.items()):
    if "errwire" not in function:
        continue
    base_function = function.replace("errwire", "hand")
    base = medians.get((group, base_function, value))
    label = "hand-written"
    if base is None:  # a peer: same group, another function with the same prefix
        prefix = function.split("/")[0]
        peers = sorted((f, v) for (g, f, v2), v in medians.items() if g == group and f.startswith(prefix + "/") and f != function and v2 == value)
        if not peers:
            continue
        base_function, base = peers[0]
        label = base_function.split("/")[-1]
    case = "/".join(x for x in (function.replace("/errwire", "").replace("errwire", ""), value) if x)
    rows.append((group, case, ours, base, label))

print("| benchmark | case | errwire | baseline | baseline is | ratio |")
print("|---|---|---|---|---|---|")
for group, case, ours, base, label in rows:
    print(f"| {group} | {case} | {fmt(ours)} | {fmt(base)} | {label} | {ours / base:.2f}× |")
