#!/usr/bin/env bash
# Builds the example services the client checks start (tests/stream-clients and
# tests/envelope-clients), in one cargo invocation. cargo resolves features per selection, so
# `-p axum-service` in one script and `-p axum-service -p actix-service-example` in another
# were two builds of errwire and every crate after it (~35 s more on a cold CI run).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q -p axum-service -p actix-service-example
