#!/usr/bin/env bash
# Compile-time cost, in one command: bash tests/compile-time/measure.sh
#
# Generates an error enum of 10, 100, 500 and 2,000 variants (SIZES) in five versions — thiserror
# only; thiserror + #[derive(ApiError)]; the same with `#[api(codes = "…")]`; thiserror +
# hand-written impls of the same traits; the api-error crate's derive — and times `cargo check` and `cargo build` of each, clean (the
# crate's own artifacts removed; dependencies built once beforehand) and incremental (one
# line changed), median of RUNS runs. Then errwire-macros' own clean build (its
# dependencies included) and its dependency count, and the tokens one more variant adds to the derive's output. Prints Markdown for BENCHMARKS.md. errwire
# is built with its default features in both errwire versions. A third of the variants carry
# a `{0}` placeholder (see generate.py). MACRO_OPT_LEVEL=3 measures the tables with the proc
# macros optimized, a user's `[profile.dev.build-override]` (errwire-macros' own clean build,
# after the tables, is always cargo's default).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
RUNS=${RUNS:-3}
SIZES=${SIZES:-10 100 500 2000}
work=${WORK:-${TMPDIR:-/tmp}/errwire-compile-bench}
rm -rf "$work"
mkdir -p "$work"
# shellcheck disable=SC2086 # SIZES is a list
python3 tests/compile-time/generate.py "$work/crates" runtime $SIZES
export CARGO_TARGET_DIR="$work/target"
export CARGO_TERM_COLOR=never

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# Wall-clock seconds of a command (python3, which every machine of this kind has).
seconds() { python3 -c 'import subprocess, sys, time; s = time.time(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); print(f"{time.time() - s:.3f}")' "$@"; }
ratio() { python3 -c 'import sys; print(f"{float(sys.argv[1]) / float(sys.argv[2]):.2f}")' "$1" "$2"; }

cd "$work/crates"
# MACRO_OPT_LEVEL=3 builds the proc macros (errwire's, thiserror's, api-error's) and their
# dependencies optimized, as `[profile.dev.build-override] opt-level = 3` does in a user's
# manifest; the dependency build below proves that it took effect.
if [ -n "${MACRO_OPT_LEVEL:-}" ]; then
  printf '\n[profile.dev.build-override]\nopt-level = %s\n' "$MACRO_OPT_LEVEL" >> Cargo.toml
fi
cargo build --workspace -v > "$work/dependencies.log" 2>&1 \
  || { tail -n 40 "$work/dependencies.log" >&2; exit 1; }  # dependencies, once
cargo check --workspace -q
if [ -n "${MACRO_OPT_LEVEL:-}" ]; then
  grep -q -- "--crate-name errwire_macros .*-C opt-level=$MACRO_OPT_LEVEL" "$work/dependencies.log" \
    || { echo "errwire-macros was not built with opt-level $MACRO_OPT_LEVEL" >&2; exit 1; }
  echo "(proc macros built with opt-level $MACRO_OPT_LEVEL: checked in cargo's command line)"
fi

declare -A result
for size in $SIZES; do
  for version in thiserror errwire codes hand api-error; do
    crate="bench-$version-$size"
    for command in check build; do
      clean=() incremental=()
      for _ in $(seq "$RUNS"); do
        cargo clean -p "$crate" -q
        clean+=("$(seconds cargo "$command" -p "$crate" -q)")
        echo "// touched $RANDOM" >> "$crate/src/lib.rs"
        incremental+=("$(seconds cargo "$command" -p "$crate" -q)")
      done
      result[$crate/$command/clean]=$(printf '%s\n' "${clean[@]}" | median)
      result[$crate/$command/incremental]=$(printf '%s\n' "${incremental[@]}" | median)
    done
  done
done

echo "| variants | command | build | thiserror | thiserror + errwire | + \`codes\` | thiserror + hand-written | api-error | errwire ÷ hand-written |"
echo "|---|---|---|---|---|---|---|---|---|"
for size in $SIZES; do
  for command in check build; do
    for kind in clean incremental; do
      t=${result[bench-thiserror-$size/$command/$kind]}
      e=${result[bench-errwire-$size/$command/$kind]}
      c=${result[bench-codes-$size/$command/$kind]}
      h=${result[bench-hand-$size/$command/$kind]}
      a=${result[bench-api-error-$size/$command/$kind]}
      ratio=$(ratio "$e" "$h")
      printf '| %s | cargo %s | %s | %.2f s | %.2f s | %.2f s | %.2f s | %.2f s | %s× |\n' "$size" "$command" "$kind" "$t" "$e" "$c" "$h" "$a" "$ratio"
    done
  done
done

# (An earlier "optimized macro" table was set through
# CARGO_PROFILE_DEV_PACKAGE_ERRWIRE_MACROS_OPT_LEVEL, which cargo does not read, so it compared
# two unoptimized runs; MACRO_OPT_LEVEL above writes the setting into the manifest and checks it.)

cd "$repo"
macro_runs=()
for _ in $(seq "$RUNS"); do
  rm -rf "$work/macros-target"
  macro_runs+=("$(CARGO_TARGET_DIR="$work/macros-target" seconds cargo build -p errwire-macros -q)")
done
deps=$(cargo tree -p errwire-macros -e normal --prefix none 2>/dev/null | sed 's/ (\*)//' | sort -u | grep -vc '^errwire-macros ')
printf '\nerrwire-macros clean build (dependencies included), median of %s: %.1f s; dependencies: %s crates\n' \
  "$RUNS" "$(printf '%s\n' "${macro_runs[@]}" | median)" "$deps"

# Tokens per variant: what one more variant of each kind adds to the derive's output (the
# test that holds each to its budget prints them).
echo
echo "Tokens per variant (derive output; budgets in tests/tests/macro_never_panics.rs):"
# (in the shared target directory: the test package's dev-dependencies are built there already)
CARGO_TARGET_DIR="${ERRWIRE_TARGET:-$HOME/.cache/errwire-target}" \
  cargo test -q -p errwire-tests --test macro_never_panics each_variant_expands_within_its_token_budget -- --nocapture 2>/dev/null \
  | grep 'tokens per variant' | sed 's/^/- /'
