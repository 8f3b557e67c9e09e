#!/usr/bin/env python3
"""The MSRV, checked without a second toolchain (only one can be had here).

For errwire with no features, its default features, and each feature alone, this resolves
the dependency tree cargo would build (`cargo tree -p errwire -e normal,build`), reads every
package's declared `rust-version` (`cargo metadata`), and takes the highest, together with
errwire's own: the oldest Rust that feature set can build with. It then checks that

- the workspace's `rust-version` is at least the requirement of the default build, and
- the README's "Minimum Rust" table states each feature's requirement exactly,

and prints the table. Exit status 1 on a disagreement. The code itself is held to the
declared version by clippy's `incompatible_msrv` lint (denied in the workspace lints).
"""
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout


def version_key(text):
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def short(text):
    """`1.88.0` as `1.88`, as manifests and the README write it."""
    return ".".join(text.split(".")[:2]) if text.endswith(".0") else text


def main():
    metadata = json.loads(run("cargo", "metadata", "--format-version", "1", "--locked"))
    declared = {
        (p["name"], p["version"]): p.get("rust_version") for p in metadata["packages"]
    }
    manifest = tomllib.loads((ROOT / "runtime" / "Cargo.toml").read_text())
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text())
    msrv = workspace["workspace"]["package"]["rust-version"]
    features = sorted(f for f in manifest["features"] if f != "default")

    def requirement(*flags):
        tree = run("cargo", "tree", "-p", "errwire", "-e", "normal,build", "--prefix", "none",
                   "--format", "{p}", "--locked", *flags)
        # Our own code is held to the declared rust-version (clippy's incompatible_msrv).
        best, why = msrv, "errwire's rust-version"
        for line in tree.splitlines():
            match = re.match(r"(\S+) v(\S+)", line)
            if not match:
                continue
            rust = declared.get((match[1], match[2]))
            if match[1].startswith("errwire"):
                continue  # our own declared version is what is being checked
            if rust and version_key(rust) > version_key(best):
                best, why = rust, match[1]
        return short(best), why

    rows = [("(none)", *requirement("--no-default-features")),
            ("default", *requirement())]
    rows += [(f, *requirement("--no-default-features", "--features", f)) for f in features]

    readme = (ROOT / "README.md").read_text()
    stated = dict(re.findall(r"^\| `([a-z0-9-]+|\(none\)|default)` \| (\d+\.\d+) \|", readme, re.M))
    problems = []
    print(f"{'features':<12} {'needs Rust':<10} because of")
    for name, rust, why in rows:
        print(f"{name:<12} {rust:<10} {why}")

        if stated.get(name) != rust:
            problems.append(f"README states {stated.get(name)} for `{name}`, the tree needs {rust}")
    default = dict((n, r) for n, r, _ in rows)["default"]
    if version_key(default) > version_key(msrv):
        problems.append(f"rust-version {msrv} is below what the default build needs ({default})")
    for problem in problems:
        print("error:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
