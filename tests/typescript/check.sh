#!/usr/bin/env bash
# The TypeScript check, in one command: bash tests/typescript/check.sh
#
# Installs TypeScript from the npm registry (pinned in package-lock.json, into this folder's
# node_modules), has the tour write every seed service's error types as TypeScript modules
# (`errwire::catalogue::typescript_for`), then for each module compiles, with
# `tsc --strict --noEmit`:
#   - a small client that narrows an `unknown` body with `isErrorBody`, reads its code with
#     `errorCodeOf` and looks it up in `ERROR_CODES`: must compile;
#   - the same client naming a misspelt code: must fail, with TS2322 (or TS2820, "did you
#     mean …") naming that code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$here"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
tsc="$here/node_modules/.bin/tsc"
"$tsc" --version

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && cargo run -q -p tour -- --typescript "$work/generated") >/dev/null
modules=("$work"/generated/*.ts)
[ "${#modules[@]}" -ge 5 ] || { echo "expected the seed services' modules, found ${#modules[@]}" >&2; exit 1; }

flags=(--strict --noEmit --target es2022 --module esnext --moduleResolution bundler --skipLibCheck)
failures=0
for module in "${modules[@]}"; do
  name=$(basename "$module" .ts)
  first=$(grep -m1 -oE '^  \| "[^"]+"' "$module" | sed -E 's/^  \| "(.*)"$/\1/')
  cat > "$work/client-$name.ts" <<TS
import { ERROR_CODES, errorCodeOf, isErrorBody, isErrorCode, type ErrorCode } from "./generated/$name";

/** The status the catalogue gives the code of \`body\`, if it is one of this service's errors. */
export function statusOf(body: unknown): number | undefined {
  if (!isErrorBody(body)) {
    return undefined;
  }
  const code: ErrorCode | undefined = errorCodeOf(body);
  return code === undefined ? undefined : ERROR_CODES[code].status;
}

export function retryable(code: unknown): boolean {
  return isErrorCode(code) && ERROR_CODES[code].retryable;
}

export const known: ErrorCode = "$first";
TS
  if ! "$tsc" "${flags[@]}" "$work/client-$name.ts"; then
    echo "FAILED: the client of $name does not compile" >&2
    failures=$((failures + 1))
  fi
  sed "s/export const known: ErrorCode = \"$first\";/export const known: ErrorCode = \"${first}_typo\";/" \
    "$work/client-$name.ts" > "$work/typo-$name.ts"
  if output=$("$tsc" "${flags[@]}" "$work/typo-$name.ts" 2>&1); then
    echo "FAILED: a misspelt code compiled against $name" >&2
    failures=$((failures + 1))
  elif ! grep -qE "error TS(2322|2820): Type '\"${first}_typo\"' is not assignable to type 'ErrorCode'" <<<"$output"; then
    echo "FAILED: the misspelt code against $name failed for another reason:" >&2
    echo "$output" >&2
    failures=$((failures + 1))
  fi
done
[ "$failures" -eq 0 ] || exit 1
echo "typescript: ${#modules[@]} modules compile with tsc --strict; a misspelt code fails to compile in each"
