#!/usr/bin/env python3
"""The licences and duplicate versions of errwire's dependencies, by `deny.toml`'s policy.

python3 tests/deps/check.py

- licences: every package in errwire's normal dependency tree with all features on has a
  licence expression that `[licenses] allow` satisfies (`A OR B`: one term allowed; `A AND B`:
  both; `A/B` is the old spelling of `OR`; `X WITH Y` is a term of its own);
- duplicates: with default features, `cargo tree --duplicates` finds nothing (`[bans]
  multiple-versions = "deny"`); with all features, the duplicates are printed for the record.
"""
import re
import subprocess
import sys
import tomllib
from pathlib import Path

repo = Path(__file__).resolve().parents[2]
policy = tomllib.loads((repo / "deny.toml").read_text())
allowed = set(policy["licenses"]["allow"])


def tree(*args):
    command = ["cargo", "tree", "-p", "errwire", "-e", "normal", "--prefix", "none", *args]
    return subprocess.run(command, cwd=repo, check=True, capture_output=True, text=True).stdout


def satisfied(expression, allowed=allowed):
    """Whether an SPDX expression is satisfied by the `allowed` licences."""
    text = expression.replace("/", " OR ")
    tokens = re.findall(r"\(|\)|[A-Za-z0-9.+-]+(?: WITH [A-Za-z0-9.+-]+)?", text)
    position = 0

    def parse_or():
        nonlocal position
        value = parse_and()
        while position < len(tokens) and tokens[position] == "OR":
            position += 1
            value = parse_and() or value
        return value

    def parse_and():
        nonlocal position
        value = parse_term()
        while position < len(tokens) and tokens[position] == "AND":
            position += 1
            value = parse_term() and value
        return value

    def parse_term():
        nonlocal position
        token = tokens[position]
        position += 1
        if token == "(":
            value = parse_or()
            position += 1  # ")"
            return value
        return token in allowed

    value = parse_or()
    return value and position == len(tokens)


failures = []
packages = {}
for line in tree("--all-features", "--format", "{p}|{l}").splitlines():
    package, _, licence = line.partition("|")
    package = package.replace(" (*)", "").strip()
    licence = licence.replace("(*)", "").strip()
    if package.startswith("errwire") or not package:
        continue
    packages[package] = licence
for package, licence in sorted(packages.items()):
    if not licence:
        failures.append(f"{package}: no licence")
    elif not satisfied(licence):
        failures.append(f"{package}: licence `{licence}` is not in deny.toml's allow list")

# The evaluator itself, on expressions whose verdict is known.
for expression, verdict in [
    ("MIT", True),
    ("GPL-2.0-only", False),
    ("Apache-2.0 OR GPL-2.0-only", True),
    ("MIT AND GPL-3.0-only", False),
    ("(MIT OR Apache-2.0) AND Unicode-3.0", True),
    ("Apache-2.0/MIT", True),
    ("GPL-2.0-only WITH Classpath-exception-2.0", False),
    ("MIT AND Zlib", False),
]:
    assert satisfied(expression, {"MIT", "Apache-2.0", "Unicode-3.0"}) == verdict, expression

def duplicated(*args):
    """The packages built in two versions or more (cargo tree also lists one version built
    twice, for the host and the target, which is no duplicate)."""
    lines = {l.replace(" (*)", "").strip() for l in tree("--duplicates", "--depth", "0", *args).splitlines()}
    versions = {}
    for line in filter(None, lines):
        versions.setdefault(line.split(" ")[0], set()).add(line)
    return sorted(l for group in versions.values() if len(group) > 1 for l in group)


duplicates = duplicated()
if policy["bans"]["multiple-versions"] == "deny" and duplicates:
    failures.append("default features build a crate twice:\n  " + "\n  ".join(duplicates))
all_features = duplicated("--all-features")

if failures:
    print("\n".join(failures), file=sys.stderr)
    sys.exit(1)
print(
    f"dependencies: {len(packages)} packages (all features) under allowed licences; "
    f"default features build each crate once; all features: {len(all_features)} versions of crates built twice, "
    "from the frameworks' own majors:\n  " + "\n  ".join(all_features)
)
