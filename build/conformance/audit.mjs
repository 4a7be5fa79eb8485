// GraphQL-over-HTTP conformance audit of a running server, using graphql-http's serverAudits.
//
//   node audit.mjs http://127.0.0.1:5080/graphql [--header 'Name: value']...
//
// Prints one line per audit (`ok|notice|warn|error  <id>  <name>`, with the reason, the request
// and the response for every non-ok one), then `conformance: N passed, M failed`, where failed
// counts errors (failed MUSTs) and warnings (failed SHOULDs). Failed MAYs are printed as
// `notice` and counted in neither.
// Exit code: 0 no errors and no warnings, 1 otherwise, 2 URL missing/invalid or unreachable.
//
// --header adds a request header to every audit request unless the audit sets that header
// itself (e.g. an Authorization header, should the endpoint ever require one).
import { serverAudits } from 'graphql-http';

const REQUEST_TIMEOUT_MS = 15_000;
const BODY_LIMIT = 400;

function usage(message) {
  if (message) console.error(`audit.mjs: ${message}`);
  console.error("usage: node audit.mjs http://127.0.0.1:PORT/graphql [--header 'Name: value']...");
  process.exit(2);
}

// ---- arguments ----
const args = process.argv.slice(2);
let url;
const extraHeaders = [];
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--header' || arg === '-H') {
    const value = args[++i];
    const colon = value ? value.indexOf(':') : -1;
    if (colon <= 0) usage(`bad --header value: ${value ?? '(missing)'}`);
    extraHeaders.push([value.slice(0, colon).trim(), value.slice(colon + 1).trim()]);
  } else if (arg === '--help' || arg === '-h') {
    usage();
  } else if (url === undefined) {
    url = arg;
  } else {
    usage(`unexpected argument: ${arg}`);
  }
}
if (!url) usage('the GraphQL endpoint URL is missing');
try {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
} catch {
  usage(`not an http(s) URL: ${url}`);
}

// ---- fetch wrapper: timeout, extra headers, and a record of the last exchange ----
// Audits run one at a time and each makes one request, so `last` belongs to the current audit.
let last;

function truncate(text, limit = BODY_LIMIT) {
  const oneLine = String(text).replace(/\s+/g, ' ').trim();
  return oneLine.length > limit ? `${oneLine.slice(0, limit)}... (${oneLine.length} chars)` : oneLine;
}

async function auditFetch(input, init = {}) {
  const headers = new Headers(init.headers);
  for (const [name, value] of extraHeaders) {
    if (!headers.has(name)) headers.set(name, value);
  }
  const method = (init.method ?? 'GET').toUpperCase();
  last = {
    request: {
      method,
      url: String(input),
      accept: headers.get('accept'),
      contentType: headers.get('content-type'),
      body: typeof init.body === 'string' ? init.body : init.body == null ? null : '(non-string body)',
    },
    response: null,
  };
  const res = await fetch(input, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  // Buffer the body so it can be printed even after the audit has consumed its copy.
  const buffer = await res.arrayBuffer();
  const text = new TextDecoder('utf-8').decode(buffer);
  last.response = {
    status: res.status,
    contentType: res.headers.get('content-type'),
    body: text,
  };
  const nullBody = [101, 204, 205, 304].includes(res.status);
  return new Response(nullBody ? null : buffer, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}

function describeError(err) {
  const parts = [err?.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : String(err?.message ?? err)];
  for (let cause = err?.cause; cause; cause = cause.cause) {
    parts.push(cause.code ? `${cause.code} ${cause.message ?? ''}`.trim() : String(cause.message ?? cause));
  }
  return parts.join(' <- ');
}

// ---- reachability: any HTTP answer will do ----
try {
  await auditFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
} catch (err) {
  console.error(`audit.mjs: ${url} is unreachable: ${describeError(err)}`);
  process.exit(2);
}

// ---- run the audits ----
const audits = serverAudits({ url, fetchFn: auditFetch });
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
let fatal = 0;

for (const { id, name, fn } of audits) {
  last = undefined;
  let result;
  try {
    result = await fn();
  } catch (err) {
    // Not an assertion failure: network error, timeout, ... Count it as a failure of its level.
    fatal++;
    result = {
      id,
      name,
      status: name.startsWith('MUST') ? 'error' : name.startsWith('SHOULD') ? 'warn' : 'notice',
      reason: `fatal: ${describeError(err)}`,
    };
  }
  const status = result.status in counts ? result.status : 'error';
  counts[status]++;
  console.log(`${status.padEnd(6)}  ${id}  ${name}`);
  if (status === 'ok') continue;

  console.log(`        reason:   ${result.reason}`);
  if (last) {
    const { request, response } = last;
    const reqHeaders = [
      // Node's fetch fills in what the audit leaves out; show what actually went over the wire.
      request.accept != null ? `accept: ${request.accept}` : 'accept: */* (fetch default, audit sets none)',
      request.contentType != null
        ? `content-type: ${request.contentType}`
        : typeof request.body === 'string'
          ? 'content-type: text/plain;charset=UTF-8 (fetch default, audit sets none)'
          : 'no content-type',
    ].join(', ');
    console.log(`        request:  ${request.method} ${request.url} (${reqHeaders})`);
    if (request.body != null) console.log(`                  body: ${truncate(request.body, 200)}`);
    if (response) {
      console.log(`        response: ${response.status} (content-type: ${response.contentType ?? 'none'})`);
      console.log(`                  body: ${response.body ? truncate(response.body) : '(empty)'}`);
    }
  } else if (result.response) {
    console.log(`        response: ${result.response.status} (content-type: ${result.response.headers?.get('content-type') ?? 'none'})`);
  }
}

const failed = counts.error + counts.warn;
if (counts.notice > 0 || fatal > 0) {
  console.log(
    `(${counts.error} errors, ${counts.warn} warnings, ${counts.notice} notices for optional MAY audits not counted` +
      `${fatal > 0 ? `, ${fatal} audits failed fatally` : ''})`,
  );
}
console.log(`conformance: ${counts.ok} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
