/**
 * Conformance: the real client (src/api) against the request/response examples Vobiz publishes.
 * Each sample gets its own loopback server answering the sample's response at the sample's path;
 * the client makes the call the sample is about, and the test checks what the client sent (method,
 * path, query, body, headers) and what it made of the answer (`expect`).
 *
 * A sample whose verdict is "does not apply: …" or "does not pass yet: …" is skipped with that
 * reason (README.md lists them). VOBIZ_CONFORMANCE_ALL=1 runs those too, to check a fix.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { VobizApiError, VobizClient } from '../../src/api';
import { SampleServer } from './sampleServer';
import type { RecordedRequest } from './sampleServer';
import { README, VERDICT, fillPath, loadSamples } from './samples';
import type { Expectation, Fields, Sample } from './samples';

const TOKEN = 'conformance-token-0001';
const RUN_ALL = Boolean(process.env.VOBIZ_CONFORMANCE_ALL);
const samples = loadSamples();

/** The argument `name` of the sample's call. */
function arg(sample: Sample, name: string): string {
  const value = sample.client.args?.[name];
  if (typeof value !== 'string') throw new Error(`${sample.id}: client.args.${name} is missing`);
  return value;
}

/** Makes the call the sample is about; resolves to what the client returns. */
function call(client: VobizClient, sample: Sample): Promise<unknown> {
  switch (sample.client.call) {
    case 'listNumbers': {
      const search = sample.client.args?.search;
      return client.listNumbers(search === undefined ? {} : { search });
    }
    case 'listTrunks':
      return client.listTrunks();
    case 'getTrunk':
      return client.getTrunk(arg(sample, 'trunkId'));
    case 'whoAmI':
      return client.whoAmI();
    case 'assignNumber':
      return client.assignNumber(arg(sample, 'e164'), arg(sample, 'trunkId'));
    case 'unassignNumber':
      return client.unassignNumber(arg(sample, 'e164'));
    case 'attachApplication':
      return client.attachApplication(arg(sample, 'e164'), arg(sample, 'applicationId'));
    case 'detachApplication':
      return client.detachApplication(arg(sample, 'e164'));
  }
}

/** Each expected field of `obj`: equal, or absent where the expectation says null. */
function assertFields(obj: Record<string, unknown>, fields: Fields, what: string): void {
  for (const [key, want] of Object.entries(fields)) {
    if (want === null) assert.ok(!(key in obj), `${what}: ${key} should be absent, is ${JSON.stringify(obj[key])}`);
    else assert.deepEqual(obj[key], want, `${what}: ${key}`);
  }
}

/** Each expected item is in the list (by its key) with the expected fields. */
function assertListed(listed: Map<string, Record<string, unknown>>, expected: Record<string, Fields>, what: string): void {
  for (const [key, fields] of Object.entries(expected)) {
    const item = listed.get(key);
    assert.ok(item, `${what} ${key} is in the list`);
    assertFields(item, fields, key);
  }
}

/** The items of a list by a key field, each found once. */
function byKey(items: unknown, key: string, what: string): Map<string, Record<string, unknown>> {
  assert.ok(Array.isArray(items), `${what}: the client returned no list`);
  const map = new Map<string, Record<string, unknown>>();
  for (const item of items as Array<Record<string, unknown>>) map.set(String(item[key]), item);
  return map;
}

function checkResult(result: unknown, expect: Expectation): void {
  if (expect.succeeds) assert.equal(result, undefined, 'a write resolves to nothing');
  if (expect.count !== undefined) {
    assert.ok(Array.isArray(result), 'a list');
    assert.equal(result.length, expect.count, 'items returned');
  }
  if (expect.numbers) assertListed(byKey(result, 'e164', 'numbers'), expect.numbers, 'number');
  if (expect.trunks) assertListed(byKey(result, 'trunk_id', 'trunks'), expect.trunks, 'trunk');
  if (expect.trunk) assertFields(result as Record<string, unknown>, expect.trunk, 'trunk');
  if (expect.account) assertFields(result as Record<string, unknown>, expect.account, 'account');
}

/** A person can read it: it names the status, and carries no object dump or raw JSON. */
function assertReadable(err: VobizApiError, sample: Sample): void {
  const { message } = err;
  assert.match(message, new RegExp(`\\bHTTP ${sample.response.status}\\b`), 'the message names the status');
  assert.doesNotMatch(message, /\[object \w+\]/, 'no [object Object]');
  assert.doesNotMatch(message, /[{}]|"\w+"\s*:/, 'no raw JSON in the message');
  if (sample.response.body !== undefined && !sample.response.raw) {
    assert.ok(!message.includes(JSON.stringify(sample.response.body)), 'the body is not dumped');
  }
  assert.ok(message.length <= 400, `a message of reasonable length (${message.length})`);
}

function checkError(err: unknown, sample: Sample): void {
  const want = sample.expect.error;
  assert.ok(want);
  assert.ok(err instanceof VobizApiError, `a VobizApiError, got ${String(err)}`);
  assert.equal(err.kind, 'http');
  assert.equal(err.status, want.status);
  assert.match(err.message, new RegExp(want.message), 'the human message');
  if (want.code !== undefined) assert.equal(err.code, want.code);
  if (want.requestId !== undefined) assert.equal(err.requestId, want.requestId);
  assertReadable(err, sample);
}

/** What the client sent, against what the sample's source sent. */
function checkRequests(requests: RecordedRequest[], sample: Sample, server: SampleServer): void {
  assert.ok(requests.length > 0, 'the client sent a request');
  for (const r of requests) {
    assert.ok(
      r.matched,
      `the client sent ${r.method} ${r.path}; the sample is served at ${server.target.method} ${server.target.path}`,
    );
  }
  const first = requests[0];
  assert.equal(first.headers['x-auth-id'], sample.client.authId, 'X-Auth-ID');
  assert.equal(first.headers['x-auth-token'], TOKEN, 'X-Auth-Token');
  assert.equal(first.headers.authorization, undefined, 'no Authorization header');
  if (sample.servedAt) return; // a replayed body: the source's request was to another endpoint
  for (const [name, pattern] of Object.entries(sample.request.headers ?? {})) {
    const value = first.headers[name.toLowerCase()];
    assert.match(String(value), new RegExp(`^(?:${pattern})$`), `header ${name}`);
  }
  for (const [key, value] of Object.entries(sample.request.query ?? {})) {
    assert.equal(first.query.get(key), value, `query ${key}`);
  }
  if (sample.request.body !== undefined) {
    assert.deepEqual(JSON.parse(first.body) as unknown, sample.request.body, 'the JSON body');
  }
}

/** Runs one sample: a server, the client, the call, the checks. */
async function runSample(sample: Sample): Promise<void> {
  const server = new SampleServer(sample);
  const baseUrl = await server.start();
  const client = new VobizClient({ baseUrl, authId: sample.client.authId, authToken: TOKEN, retry: { baseDelayMs: 1 } });
  try {
    let result: unknown;
    let failure: Error | undefined;
    try {
      result = await call(client, sample);
    } catch (err) {
      failure = err instanceof Error ? err : new Error(String(err));
    }
    checkRequests(server.requests, sample, server);
    if (sample.expect.error) {
      assert.ok(failure !== undefined, `the call fails with HTTP ${sample.expect.error.status}`);
      checkError(failure, sample);
    } else if (sample.expect.badResponse !== undefined) {
      assert.ok(
        failure instanceof VobizApiError,
        `the call fails as an unusable answer, got ${failure ? String(failure) : JSON.stringify(result)}`,
      );
      assert.equal(failure.kind, 'bad-response');
      assert.match(failure.message, new RegExp(sample.expect.badResponse));
    } else {
      if (failure !== undefined) throw failure;
      checkResult(result, sample.expect);
    }
  } finally {
    await client.close();
    await server.stop();
  }
}

describe('conformance: the client against the examples Vobiz publishes', () => {
  describe('the sample files', () => {
    it('have unique ids, a source, a verdict, and a request for the client', () => {
      const ids = new Set<string>();
      for (const s of samples) {
        assert.ok(!ids.has(s.id), `duplicate id ${s.id}`);
        ids.add(s.id);
        const fromRepo = Boolean(s.source.repo && s.source.path && /^[0-9a-f]{40}$/.test(s.source.commit ?? ''));
        assert.ok(fromRepo || Boolean(s.source.url), `${s.id}: source names a repo, path and commit, or a URL`);
        assert.match(s.verdict, VERDICT, `${s.id}: verdict`);
        assert.ok(['GET', 'POST', 'DELETE'].includes(s.request.method), `${s.id}: method`);
        assert.ok(fillPath(s.request.path, s.client).startsWith('/api/v1/'), `${s.id}: path`);
      }
      assert.ok(samples.length > 0);
    });

    it('are each listed in README.md with their verdict', () => {
      const rows = readFileSync(README, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('|'));
      for (const s of samples) {
        const row = rows.find((line) => line.includes(`\`${s.id}\``));
        assert.ok(row, `README.md has a row for ${s.id}`);
        assert.ok(row.includes(s.verdict), `README.md row of ${s.id} says: ${s.verdict}`);
      }
    });
  });

  describe('the client, sample by sample', () => {
    for (const sample of samples) {
      if (sample.verdict === 'passes' || RUN_ALL) {
        it(`${sample.id}: ${sample.title}`, () => runSample(sample));
      } else {
        it.skip(`${sample.id} (${sample.verdict})`, () => runSample(sample));
      }
    }
  });
});
