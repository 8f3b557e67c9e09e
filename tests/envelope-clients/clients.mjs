// errwire's Twirp and Connect errors, read by their TypeScript clients over HTTP:
// twirp-ts's FetchRPC, and Connect's own client (@connectrpc/connect with the Connect
// transport of @connectrpc/connect-web) for a service described at run time, its error's
// google.rpc details decoded from their protobuf bytes (ConnectError.findDetails).
//
// Usage: node clients.mjs BASE_URL (the axum example service).
import { create, createFileRegistry } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { FetchRPC } from "twirp-ts";

const base = process.argv[2];
let checked = 0;
function check(what, got, want) {
  const [g, w] = [JSON.stringify(got), JSON.stringify(want)];
  if (g !== w) {
    console.error(`FAILED: ${what}: got ${g}, want ${w}`);
    process.exit(1);
  }
  checked += 1;
}

// twirp-ts: its client throws TwirpError for a non-200.
const twirp = FetchRPC({ baseUrl: `${base}/twirp` });
for (const [method, code, meta] of [
  ["CreateAccount", "aborted", { code: "slug_taken", status: "409", retryable: "false", slug: "acme" }],
  ["GetAccount", "resource_exhausted", { code: "rate_limited", status: "429", retryable: "true", retry_after: "30" }],
]) {
  try {
    await twirp.request("accounts.v1.Accounts", method, "application/json", {});
    check(`twirp ${method} fails`, true, false);
  } catch (error) {
    check(`twirp ${method} code`, error.code, code);
    const { request_id, ...rest } = error.meta;
    check(`twirp ${method} meta`, rest, meta);
    check(`twirp ${method} request id`, typeof request_id, "string");
  }
}

// Connect: a service and google.rpc.ErrorInfo / RetryInfo described at run time.
const string = (name, number) => ({ name, number, type: 9, label: 1, jsonName: name });
const files = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "accounts.proto",
    package: "accounts.v1",
    syntax: "proto3",
    messageType: [{ name: "Empty" }],
    service: [
      {
        name: "Accounts",
        method: ["GetAccount", "CreateAccount"].map((name) => ({
          name,
          inputType: ".accounts.v1.Empty",
          outputType: ".accounts.v1.Empty",
        })),
      },
    ],
  }),
  () => undefined,
);
const rpc = createFileRegistry(
  create(FileDescriptorProtoSchema, {
    name: "google/rpc/error_details.proto",
    package: "google.rpc",
    syntax: "proto3",
    messageType: [
      {
        name: "ErrorInfo",
        field: [
          string("reason", 1),
          string("domain", 2),
          { name: "metadata", number: 3, type: 11, label: 3, typeName: ".google.rpc.ErrorInfo.MetadataEntry", jsonName: "metadata" },
        ],
        nestedType: [{ name: "MetadataEntry", options: { mapEntry: true }, field: [string("key", 1), string("value", 2)] }],
      },
      { name: "RequestInfo", field: [string("request_id", 1), string("serving_data", 2)] },
    ],
  }),
  () => undefined,
);
const client = createClient(
  files.getService("accounts.v1.Accounts"),
  createConnectTransport({ baseUrl: `${base}/connect`, useBinaryFormat: false }),
);
const errorInfo = rpc.getMessage("google.rpc.ErrorInfo");
const requestInfo = rpc.getMessage("google.rpc.RequestInfo");
for (const [method, code, message, reason, metadata, types] of [
  ["createAccount", Code.Aborted, "The slug 'acme' is already in use.", "slug_taken", { slug: "acme" },
    ["google.rpc.ErrorInfo", "google.rpc.Help", "google.rpc.RequestInfo"]],
  ["getAccount", Code.ResourceExhausted, "Too many requests.", "rate_limited", {},
    ["google.rpc.ErrorInfo", "google.rpc.RetryInfo", "google.rpc.Help", "google.rpc.RequestInfo"]],
]) {
  try {
    await client[method]({});
    check(`connect ${method} fails`, true, false);
  } catch (thrown) {
    const error = ConnectError.from(thrown);
    check(`connect ${method} code`, error.code, code);
    check(`connect ${method} message`, error.rawMessage, message);
    check(`connect ${method} detail types`, error.details.map((d) => d.type), types);
    const [info] = error.findDetails(errorInfo);
    check(`connect ${method} ErrorInfo.reason`, info.reason, reason);
    check(`connect ${method} ErrorInfo.domain`, info.domain, "accounts");
    check(`connect ${method} ErrorInfo.metadata`, info.metadata, metadata);
    const [request] = error.findDetails(requestInfo);
    check(`connect ${method} RequestInfo`, typeof request.requestId, "string");
    check(`connect ${method} RequestInfo not empty`, request.requestId.length > 0, true);
  }
}
console.log(`twirp-ts and @connectrpc/connect (npm): ${checked} checks passed`);
