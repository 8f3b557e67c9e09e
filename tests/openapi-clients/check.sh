#!/usr/bin/env bash
# Clients generated from errwire's OpenAPI documents survive a new code: in one command,
# bash tests/openapi-clients/check.sh
#
# The tour writes each seed service's error type as an OpenAPI 3.1 document
# (`errwire::openapi::document_for`) and, beside it, the body of an error the service added
# after the document was published (code `added_in_v2`), and two later documents of the same
# type: `<name>.added.openapi.json` (that code added) and `<name>.removed.openapi.json` (one code
# removed). Then, with tools other people wrote:
#   - datamodel-code-generator (PyPI, pinned in requirements.txt, in a venv under the target
#     directory) generates pydantic models from each document; the generated `ErrorBody`
#     validates every documented example and the new code's body, and still refuses a body
#     whose code is not a string (the schema is open, not empty);
#   - openapi-typescript (npm, pinned in package-lock.json) generates types from each
#     document; they type-check under `tsc --strict` together with errwire's own TypeScript
#     module for the same type, a new code is assignable to the generated `ErrorCode`, and the
#     errwire module's exhaustive switch still rejects a misspelt known code;
#   - Optic (npm, pinned in package-lock.json), with its `breaking-changes` standard, diffs each
#     document against the same type with `added_in_v2` (409) added, and finds no breaking
#     change; and against the type with one code removed whose status no other code has, and
#     flags its rule `prevent response status code removal` for that status. Codes are an open
#     set, so a removed code shows only as a response gone from the routes that use the type.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
target="${CARGO_TARGET_DIR:-$HOME/.cache/errwire-target}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

venv="$target/openapi-clients-venv"
[ -x "$venv/bin/datamodel-codegen" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)

(cd "$repo" && cargo run -q -p tour -- --openapi "$work/docs" && cargo run -q -p tour -- --typescript "$work/ts") > /dev/null
# The documents as published (v1); the later `.added.` and `.removed.` ones are only diffed.
documents=()
for document in "$work"/docs/*.openapi.json; do
  case "$document" in
    *.added.openapi.json | *.removed.openapi.json) ;;
    *) documents+=("$document") ;;
  esac
done
[ "${#documents[@]}" -ge 5 ] || { echo "expected the seed services' documents, found ${#documents[@]}" >&2; exit 1; }

# pydantic and openapi-typescript read one document; its failures are the exit status.
generated_clients() {
  local document=$1 name new_code first failures=0
  name=$(basename "$document" .openapi.json)
  new_code="$work/docs/$name.new-code.json"

  # Python: pydantic models from the document.
  "$venv/bin/datamodel-codegen" --input "$document" --input-file-type openapi \
    --output-model-type pydantic_v2.BaseModel --output "$work/py_${name//[.-]/_}.py" 2> "$work/$name.dcg.log" \
    || { cat "$work/$name.dcg.log" >&2; echo "FAILED: datamodel-codegen on $name" >&2; return 1; }
  if ! (cd "$work" && "$venv/bin/python" - "$document" "$new_code" "py_${name//[.-]/_}" <<'PY'
import importlib, json, sys
document, new_code, module = sys.argv[1], sys.argv[2], sys.argv[3]
models = importlib.import_module(module)
ErrorBody = models.ErrorBody
doc = json.load(open(document))
examples = [
    example["value"]
    for response in doc["components"]["responses"].values()
    for media in response["content"].values()
    for example in media["examples"].values()
]
for body in examples:
    ErrorBody.model_validate(body)
later = json.load(open(new_code))
ErrorBody.model_validate(later)  # a code the document does not list
def code_path(body):
    for path in (["error", "code"], ["code"], ["error"], ["error", "data", "code"], ["structuredContent", "code"]):
        value = body
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value == "added_in_v2":
            return path
    return None
path = code_path(later)
if path is not None:
    broken = json.loads(json.dumps(later))
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = 7
    try:
        ErrorBody.model_validate(broken)
    except Exception:
        pass
    else:
        sys.exit(f"{module}: a numeric code validated: the schema is not checking the code")
print(f"{module}: {len(examples)} documented bodies and a new code validate")
PY
  ); then
    echo "FAILED: the pydantic models of $name" >&2
    failures=$((failures + 1))
  fi

  # TypeScript: openapi-typescript's types beside errwire's module.
  mkdir -p "$work/tsc/$name"
  "$here/node_modules/.bin/openapi-typescript" "$document" -o "$work/tsc/$name/api.ts" > /dev/null 2>&1 \
    || { echo "FAILED: openapi-typescript on $name" >&2; return $((failures + 1)); }
  cp "$work/ts/$name.ts" "$work/tsc/$name/errors.ts"
  first=$(grep -m1 -oE '^  \| "[^"]+"' "$work/ts/$name.ts" | sed -E 's/^  \| "(.*)"$/\1/')
  cat > "$work/tsc/$name/client.ts" <<TS
import type { components } from "./api";
import { isErrorBody, isKnownErrorCode, errorCodeOf, type ErrorCode } from "./errors";

type Body = components["schemas"]["ErrorBody"];
type GeneratedCode = components["schemas"]["ErrorCode"];

/** A code added after the document was generated is still a code. */
export const later: GeneratedCode = "added_in_v2";

/** The generated body type, read with errwire's guards. */
export function known(body: Body): ErrorCode | undefined {
  if (!isErrorBody(body)) {
    return undefined;
  }
  const code = errorCodeOf(body);
  return isKnownErrorCode(code) ? code : undefined;
}

export function kind(code: ErrorCode): string {
  switch (code) {
    case "$first":
      return "first";
    default:
      return "other";
  }
}
TS
  flags=(--strict --noEmit --target es2022 --module esnext --moduleResolution bundler --skipLibCheck)
  if ! "$here/node_modules/.bin/tsc" "${flags[@]}" "$work/tsc/$name/client.ts"; then
    echo "FAILED: openapi-typescript's types and errwire's module for $name do not compile together" >&2
    failures=$((failures + 1))
  fi
  sed "s/    case \"$first\":/    case \"${first}_typo\":/" "$work/tsc/$name/client.ts" > "$work/tsc/$name/typo.ts"
  if "$here/node_modules/.bin/tsc" "${flags[@]}" "$work/tsc/$name/typo.ts" > /dev/null 2>&1; then
    echo "FAILED: a misspelt known code compiled against $name" >&2
    failures=$((failures + 1))
  fi
  return "$failures"
}

# Optic: a code added is not a breaking change; a code removed is. Optic diffs operations and
# errwire's documents have `paths: {}` (a catalogue for routes to $ref), so the Python below
# makes each of the three documents a route document the way a user would: the same document
# plus one operation, POST /orders, whose responses are a 200 and a $ref to every response in
# components/responses. It prints the statuses that the removed document no longer has.
printf 'ruleset:\n  - breaking-changes\n' > "$work/optic-standard.yml"
optic=("$here/node_modules/.bin/optic" diff --check --standard "$work/optic-standard.yml")
export OPTIC_TELEMETRY_LEVEL=off
optic_diffs() {
  local document=$1 name routes gone status failures=0
  name=$(basename "$document" .openapi.json)
  routes="$work/routes/$name"
  if ! gone=$("$venv/bin/python" - "$routes" "$document" "$work/docs/$name.added.openapi.json" \
    "$work/docs/$name.removed.openapi.json" <<'PY'
import json, os, sys
out, paths = sys.argv[1], sys.argv[2:]
os.makedirs(out, exist_ok=True)
statuses = {}
for version, path in zip(("v1", "added", "removed"), paths):
    doc = json.load(open(path))
    responses = {"200": {"description": "OK"}}
    for status in doc["components"]["responses"]:
        responses[status] = {"$ref": f"#/components/responses/{status}"}
    doc["paths"] = {"/orders": {"post": {"operationId": "createOrder", "responses": responses}}}
    with open(os.path.join(out, f"{version}.json"), "w") as file:
        json.dump(doc, file)
    statuses[version] = set(doc["components"]["responses"])
gone = sorted(statuses["v1"] - statuses["removed"])
if not gone:
    sys.exit(f"{paths[2]}: every status of {paths[0]} is still there")
print(" ".join(gone))
PY
  ); then
    echo "FAILED: the route documents of $name" >&2
    return 1
  fi
  if ! (cd "$routes" && "${optic[@]}" "$routes/v1.json" "$routes/added.json") > "$routes/optic.log" 2>&1 \
    || ! grep -qF 'POST /orders' "$routes/optic.log"; then
    cat "$routes/optic.log" >&2
    echo "FAILED: Optic finds a breaking change in $name when a code is added" >&2
    failures=$((failures + 1))
  fi
  if (cd "$routes" && "${optic[@]}" "$routes/v1.json" "$routes/removed.json") > "$routes/optic.log" 2>&1; then
    cat "$routes/optic.log" >&2
    echo "FAILED: Optic finds no breaking change in $name when a code is removed" >&2
    failures=$((failures + 1))
  else
    for status in $gone; do
      grep -qF "[prevent response status code removal] must not remove response status code $status." "$routes/optic.log" || {
        cat "$routes/optic.log" >&2
        echo "FAILED: Optic's failure for $name does not name the removed status $status" >&2
        failures=$((failures + 1))
      }
    done
  fi
  return "$failures"
}

# Every document's checks, two documents at a time (the tools are single-threaded node and
# Python processes: one at a time left a core idle, ~90 s here). Each writes its output and
# its failure count to files of its own, printed in order once all are done.
check_document() {
  local name failed=0
  name=$(basename "$1" .openapi.json)
  generated_clients "$1" || failed=$?
  optic_diffs "$1" || failed=$((failed + $?))
  echo "$failed" > "$work/$name.failures"
}
for document in "${documents[@]}"; do
  check_document "$document" > "$work/$(basename "$document" .openapi.json).out" 2>&1 &
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
done
wait
failures=0
for document in "${documents[@]}"; do
  name=$(basename "$document" .openapi.json)
  cat "$work/$name.out"
  # A check that stopped before writing its count failed.
  count=$(cat "$work/$name.failures" 2> /dev/null || echo 1)
  failures=$((failures + count))
done
[ "$failures" -eq 0 ] || exit 1
echo "openapi clients: ${#documents[@]} documents; pydantic models (datamodel-code-generator) and openapi-typescript types accept a code added later, and still type the code; Optic's breaking-changes standard passes a code added and flags a code removed (prevent response status code removal)"
