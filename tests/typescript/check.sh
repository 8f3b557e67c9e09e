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
#     mean …") naming that code;
#   - an exhaustive `switch` over the known codes with a misspelt `case`: must fail, TS2678;
# and runs each module's guards with node (compiled to CommonJS) on a body of an error the
# service added after the module was generated: `isErrorBody` must say true (the code set is
# open) and `isKnownErrorCode` false.
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
import { ERROR_CODES, errorCodeOf, errorFromSse, isErrorBody, isErrorRecord, isKnownErrorCode, statusOfClose, type ErrorCode } from "./generated/$name";

/** The status the catalogue gives the code of \`body\`, if it is one of this service's errors
 * and its code is one this module knows. */
export function statusOf(body: unknown): number | undefined {
  if (!isErrorBody(body)) {
    return undefined;
  }
  const code = errorCodeOf(body);
  return isKnownErrorCode(code) ? ERROR_CODES[code].status : undefined;
}

export function retryable(code: unknown): boolean {
  return isKnownErrorCode(code) && ERROR_CODES[code].retryable;
}

/** An exhaustive switch over the known codes. */
export function kind(code: ErrorCode): string {
  switch (code) {
    case "$first":
      return "first";
    default:
      return "other";
  }
}

/** What a client built against this module makes of a body with a code it does not know. */
export function probe(body: unknown): [boolean, boolean] {
  return [isErrorBody(body), isErrorBody(body) && isKnownErrorCode(errorCodeOf(body))];
}

/** What a client makes of the same body inside a stream: an SSE \`error\` event's data (and
 * the same data under another event name), a close code and a normal closure, an NDJSON
 * terminal record and a data record. */
export function streams(data: string): unknown[] {
  return [
    errorFromSse("error", data) !== undefined,
    errorFromSse("message", data),
    statusOfClose(4029),
    statusOfClose(4503),
    statusOfClose(1000),
    isErrorRecord({ type: "error", error: JSON.parse(data) }),
    isErrorRecord({ type: "row", id: 1 }),
  ];
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
  sed "s/    case \"$first\":/    case \"${first}_typo\":/" "$work/client-$name.ts" > "$work/case-$name.ts"
  if output=$("$tsc" "${flags[@]}" "$work/case-$name.ts" 2>&1); then
    echo "FAILED: a misspelt case of an exhaustive switch compiled against $name" >&2
    failures=$((failures + 1))
  elif ! grep -qE "error TS2678: Type '\"${first}_typo\"' is not comparable to type" <<<"$output"; then
    echo "FAILED: the misspelt case against $name failed for another reason:" >&2
    echo "$output" >&2
    failures=$((failures + 1))
  fi
  # Built against this module (v1), run on a body with a code added later (v2).
  "$tsc" --strict --target es2022 --module commonjs --skipLibCheck --outDir "$work/js" "$work/client-$name.ts"
  verdict=$(node -e '
    const client = require(process.argv[1]);
    const body = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
    console.log(JSON.stringify(client.probe(body)));
  ' "$work/js/client-$name.js" "${module%.ts}.new-code.json")
  if [ "$verdict" != "[true,false]" ]; then
    echo "FAILED: $name on a body with a new code: [isErrorBody, known] = $verdict, expected [true,false]" >&2
    failures=$((failures + 1))
  fi
  streams=$(node -e '
    const client = require(process.argv[1]);
    console.log(JSON.stringify(client.streams(require("fs").readFileSync(process.argv[2], "utf8"))));
  ' "$work/js/client-$name.js" "${module%.ts}.new-code.json")
  if [ "$streams" != "[true,null,429,503,null,true,false]" ]; then
    echo "FAILED: $name's stream guards: $streams" >&2
    failures=$((failures + 1))
  fi
done
[ "$failures" -eq 0 ] || exit 1
echo "typescript: ${#modules[@]} modules compile with tsc --strict; a misspelt code, and a misspelt case of an exhaustive switch, fail to compile in each; each accepts a body with a code added later as an error body of an unknown code, and reads it inside an SSE event and an NDJSON record; close codes 4029 and 4503 are 429 and 503"
