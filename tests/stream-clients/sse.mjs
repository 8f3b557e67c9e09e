// eventsource-parser reads an errwire SSE feed: the data events, then one `error` event whose
// data is the service's envelope, and the retry delay errwire wrote.
// Usage: node sse.mjs URL EXPECTED_CODE EXPECTED_RETRY_MS
import { createParser } from "eventsource-parser";

const [url, code, retry] = process.argv.slice(2);
const response = await fetch(url, { headers: { accept: "text/event-stream" } });
if (response.status !== 200) throw new Error(`status ${response.status}`);
const events = [];
let retryMs;
const parser = createParser({
  onEvent: (event) => events.push(event),
  onRetry: (ms) => { retryMs = ms; },
});
// The body ends: the server closed the stream after the error event.
const decoder = new TextDecoder();
for await (const chunk of response.body) parser.feed(decoder.decode(chunk, { stream: true }));

const names = events.map((e) => e.event ?? "message");
if (names.length !== 3 || names[2] !== "error") throw new Error(`events: ${JSON.stringify(events)}`);
const body = JSON.parse(events[2].data);
if (body.code !== code) throw new Error(`code ${body.code}, expected ${code}: ${events[2].data}`);
if (retryMs !== Number(retry)) throw new Error(`retry ${retryMs}, expected ${retry}`);
console.log(`eventsource-parser: ${url}: ${names.join(", ")}; code ${body.code}; retry ${retryMs} ms`);
