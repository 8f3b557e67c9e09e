#!/usr/bin/env python3
"""errwire's library checked with no features, each feature alone, and each pair of features
that meet in its code — the equivalent of `cargo hack check --feature-powerset --depth 2
--no-dev-deps`, restricted to the pairs that can interact.

A pair can interact when a file compiled under one feature mentions the other in a `cfg`, or
one `cfg` names both (`any(feature = "tower", feature = "actix-web")`). The gates of a file
come from the `#[cfg(...)] mod name;` lines above it, read from `lib.rs` and each `mod.rs`.
Pairs that share no file are left out: neither can change what the other compiles (checking
all 120 pairs takes ~10 minutes here, the interacting ones ~2). `--all-pairs` checks every
pair anyway.

A pair where one feature turns the other on (`axum` turns on `tower`) is the first feature
alone, and is not checked twice.

Each check is `cargo check -p errwire --lib --no-default-features --features …`; errwire's
own warnings fail it (RUSTFLAGS=-Dwarnings would rebuild every dependency). The checks run
one after the other in the shared target directory: two workers, each in a target directory
of its own, took 393 s on a cold machine against 254 s in one (each worker checked most
dependencies again); warm, errwire's own check is ~1.7 s.
"""
import itertools
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "runtime" / "src"
FEATURE = re.compile(r'feature = "([a-z0-9-]+)"')


def manifest_features():
    return tomllib.loads((ROOT / "runtime" / "Cargo.toml").read_text())["features"]


def features():
    return sorted(f for f in manifest_features() if f != "default")


def implied(feature, table):
    """Every feature `feature` turns on, itself included (`dep:` and `crate?/feature` are not
    features of errwire's)."""
    seen, todo = set(), [feature]
    while todo:
        name = todo.pop()
        if name in seen or name not in table:
            continue
        seen.add(name)
        todo.extend(table[name])
    return seen


def gates():
    """Each source file with the features that gate it (inherited from its parent module)."""
    found = {}

    def walk(path, inherited):
        found[path] = inherited
        text = path.read_text()
        folder = path.parent if path.name in ("lib.rs", "mod.rs") else path.with_suffix("")
        lines = text.splitlines()
        for i, line in enumerate(lines):
            match = re.match(r"\s*(?:pub(?:\([a-z]+\))? )?mod (\w+);", line)
            if not match:
                continue
            name = match.group(1)
            gate = set(inherited)
            j = i - 1
            while j >= 0 and lines[j].strip().startswith("#["):
                if lines[j].strip().startswith("#[cfg("):
                    gate |= set(FEATURE.findall(lines[j]))
                j -= 1
            path_attr = next((re.search(r'#\[path = "([^"]+)"\]', lines[k]) for k in range(j + 1, i)
                              if re.search(r'#\[path = "([^"]+)"\]', lines[k])), None)
            child = (path.parent / path_attr.group(1)) if path_attr else None
            if child is None:
                child = folder / f"{name}.rs"
                if not child.exists():
                    child = folder / name / "mod.rs"
            if child.exists():
                walk(child, frozenset(gate))

    walk(SRC / "lib.rs", frozenset())
    return found


def interacting_pairs(all_features):
    pairs = set()
    for path, gate in gates().items():
        text = path.read_text()
        mentioned = set(FEATURE.findall(text))
        for a in gate:
            for b in mentioned - {a}:
                pairs.add(tuple(sorted((a, b))))
        for expr in re.findall(r"cfg(?:_attr)?\(((?:all|any|not)\([^\n]*)\)", text):
            named = sorted(set(FEATURE.findall(expr)))
            pairs.update(itertools.combinations(named, 2))
    return sorted(p for p in pairs if p[0] in all_features and p[1] in all_features)


def not_implied(pairs):
    table = manifest_features()
    return [(a, b) for a, b in pairs if b not in implied(a, table) and a not in implied(b, table)]


def check(feature_list, target_dir):
    """None when errwire builds without a warning of its own with exactly these features, else
    cargo's output."""
    args = ["cargo", "check", "-p", "errwire", "--lib", "--no-default-features"]
    if feature_list:
        args += ["--features", ",".join(feature_list)]
    env = dict(os.environ, CARGO_TARGET_DIR=str(target_dir))
    run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env)
    output = run.stdout + run.stderr
    if run.returncode != 0 or re.search(r"errwire.*generated \d+ warning", output):
        return output
    return None


def run_all(sets):
    """Runs the checks in turn; returns the failures as (features, output)."""
    target_dir = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    failures = []
    for feature_list in sets:
        print(f"errwire with: {','.join(feature_list) or 'no features'}", flush=True)
        output = check(feature_list, target_dir)
        if output is not None:
            failures.append((feature_list, output))
    return failures


def main():
    all_features = features()
    pairs = list(itertools.combinations(all_features, 2)) if "--all-pairs" in sys.argv else interacting_pairs(all_features)
    pairs = not_implied(pairs)
    print(f"{len(all_features)} features alone, {len(pairs)} pairs", flush=True)
    failures = run_all([[]] + [[f] for f in all_features] + [list(p) for p in pairs])
    for feature_list, output in failures:
        print(f"\nerrwire with {','.join(feature_list) or 'no features'} fails:\n{output}")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
