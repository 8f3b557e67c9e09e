#!/usr/bin/env bash
# What errwire adds to a user's clean build, in one command:
#   bash tests/compile-time/dependency-cost.sh
#
# Fresh crates, each in its own empty target directory: `base` depends on serde (derive),
# thiserror, serde_json and http; `with-errwire` on the same plus errwire with its default
# features, and derives one error enum so the derive really runs. Each is built clean
# (`cargo build`, debug) RUNS times (default 3, fresh target every run); the medians and their
# difference are printed as Markdown. It also prints how many `syn` versions the errwire tree
# builds (the goal is one) and fails if there is more than one.
#
# errwire is built the way a user from crates.io builds it: as a non-local dependency, here a
# git one (a snapshot of this working tree, committed to a scratch repository), so Cargo
# compiles it without incremental state and with lints capped, as it does serde. A third crate,
# `with-errwire-path`, takes errwire by path, as this workspace's own crates do: Cargo then
# builds errwire and errwire-macros incrementally (it writes their dependency graphs too), the
# contributor's cost rather than the user's. Both figures are printed.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS=${RUNS:-3}
work=${WORK:-${TMPDIR:-/tmp}/errwire-dependency-cost}
rm -rf "$work"
mkdir -p "$work"
export CARGO_TERM_COLOR=never
unset CARGO_TARGET_DIR

make_crate() { # name, extra dependency lines, main.rs
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
thiserror = "2"
serde_json = "1"
http = "1"
$2

[workspace]
TOML
  printf '%s\n' "$3" > "$work/$1/src/main.rs"
  # The same dependency versions as this repository's lock, so both crates build the same.
  cp "$repo/Cargo.lock" "$work/$1/Cargo.lock"
}

make_crate base "" '#[derive(Debug, thiserror::Error, serde::Serialize)]
#[error("not found")]
pub struct NotFound;
fn main() { println!("{}", serde_json::to_string(&NotFound).unwrap()); }'

# The working tree as it is (tracked and new files, edits included), committed once.
snapshot="$work/errwire-src"
mkdir -p "$snapshot"
(cd "$repo" && git ls-files -co --exclude-standard -z \
  | while IFS= read -r -d '' file; do if [ -f "$file" ]; then printf '%s\0' "$file"; fi; done \
  | xargs -0 cp --parents -t "$snapshot")
(cd "$snapshot" && git init -q && git add -A && git -c user.name=bench -c user.email=bench@localhost -c commit.gpgsign=false commit -q --no-verify -m snapshot)

user_main='#[derive(Debug, thiserror::Error, serde::Serialize, errwire::ApiError)]
#[error("not found")]
#[api(status = 404)]
pub struct NotFound;
fn main() { println!("{}", errwire::to_json::<errwire::format::Nested>(&NotFound, &errwire::Context::new())); }'
make_crate with-errwire "errwire = { git = \"file://$snapshot\" }" "$user_main"
make_crate with-errwire-path "errwire = { path = \"$repo/runtime\" }" "$user_main"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
seconds() { python3 -c 'import subprocess, sys, time; s = time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); print(f"{time.time() - s:.2f}")' "$@"; }

# The crates take turns, run by run, so a machine that slows down mid-measurement slows all
# three alike (this 2-core machine's base build moved from 4.4 s to 5.6 s within an hour).
crates=(base with-errwire with-errwire-path)
declare -A times_of median_of
for crate in "${crates[@]}"; do (cd "$work/$crate" && cargo fetch -q); done
for _ in $(seq "$RUNS"); do
  for crate in "${crates[@]}"; do
    rm -rf "$work/$crate/target"
    times_of[$crate]+="$(cd "$work/$crate" && seconds cargo build -q --offline) "
  done
done
for crate in "${crates[@]}"; do
  median_of[$crate]=$(printf '%s\n' ${times_of[$crate]} | median)
done

syns=$(cd "$work/with-errwire" && cargo tree -e normal,build --prefix none --offline | grep -oE '^syn v[0-9.]+' | sort -u | wc -l)
delta() { python3 -c "print(f'{${median_of[$1]} - ${median_of[base]}:+.2f}')"; }
echo "| clean debug build (median of $RUNS, $(nproc) cores) | seconds |"
echo "|---|---|"
echo "| serde + thiserror + serde_json + http | ${median_of[base]} |"
echo "| the same + errwire (default features), as from crates.io | ${median_of[with-errwire]} |"
echo "| **errwire adds** | **$(delta with-errwire)** |"
echo "| the same + errwire by path (built incrementally) | ${median_of[with-errwire-path]} |"
echo "| errwire by path adds | $(delta with-errwire-path) |"
echo
for crate in "${crates[@]}"; do echo "runs, $crate: ${times_of[$crate]}"; done
echo
echo "syn versions built with errwire: $syns"
[ "$syns" -eq 1 ]
