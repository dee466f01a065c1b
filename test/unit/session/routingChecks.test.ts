/**
 * The checks of the randomized routing test fail when they should: each is fed a hand-made trace
 * (test/support/routingTrace.ts, changeChecks.ts) of a defect and of its correct twin.
 */
import * as assert from 'node:assert/strict';
import type { Routing } from '../../../src/model/routing';
import type { NumberOutcome } from '../../../src/session/changeReport';
import { expectedOwners, lostRecords, outcomeViolations, retryViolations } from '../../support/changeChecks';
import type { ReportedOutcome } from '../../support/changeChecks';
import { checkedWriteViolations, duplicateWriteViolations, modelViolations, queueViolations } from '../../support/routingTrace';
import type { Intent, Trace, TracedRequest } from '../../support/routingTrace';

const N = '+912271264217';
const A: Routing = { kind: 'trunk', id: 'A' };
const B: Routing = { kind: 'trunk', id: 'B' };
const NONE: Routing = { kind: 'none' };

const read = (index: number, tag: string, saw: Routing | undefined, authId = 'MA_1'): TracedRequest => ({
  index,
  method: 'GET',
  kind: 'read-one',
  e164: N,
  tag,
  authId,
  status: 200,
  saw,
});
const write = (index: number, tag: string, status: number | undefined, applied = false, left?: Routing): TracedRequest => ({
  index,
  method: 'POST',
  kind: 'write',
  e164: N,
  tag,
  status,
  signature: 'POST assign {"trunk_group_id":"B"}',
  applied,
  left,
});
const trace = (requests: TracedRequest[], more: Partial<Trace> = {}): Trace => ({
  requests,
  intents: [],
  loads: [],
  console: [],
  models: [],
  server: new Map(),
  ...more,
});
const outcome = (kind: NumberOutcome['kind'], extra: Partial<NumberOutcome> = {}): NumberOutcome => ({
  e164: N,
  authId: 'MA_1',
  kind,
  sentence: 'said.',
  before: A,
  after: B,
  ...extra,
});
const reported = (tag: string, o: NumberOutcome, extra: Partial<ReportedOutcome> = {}): ReportedOutcome => ({
  tag,
  group: 0,
  op: 'change',
  outcome: o,
  to: B,
  recordId: 1,
  started: 1,
  ...extra,
});

describe('the routing checks fail when they should', () => {
  it("two operations' requests about one number interleaving is reported; coming back with a new read is not", () => {
    assert.deepEqual(queueViolations(trace([read(0, 'a', A), write(1, 'a', 204), read(2, 'b', B)])), []);
    assert.equal(queueViolations(trace([read(0, 'a', A), read(1, 'b', A), write(2, 'a', 204)])).length, 1);
    assert.deepEqual(queueViolations(trace([read(0, 'a', A), read(1, 'b', A), read(2, 'a', A), write(3, 'a', 204)])), []);
  });

  it('a write not right after its own read showing where the user saw it is reported (an undo: where the change left it)', () => {
    const undo: Intent = { tag: 'u', e164: N, expected: B, undo: true };
    assert.deepEqual(checkedWriteViolations(trace([read(0, 'u', B), write(1, 'u', 204)], { intents: [undo] })), []);
    assert.match(
      checkedWriteViolations(trace([read(0, 'u', NONE), write(1, 'u', 204)], { intents: [undo] }))[0],
      /although its read showed none, not trunk B where the recorded change left it/,
    );
    assert.match(
      checkedWriteViolations(trace([read(0, 'u', B), read(1, 'x', A), write(2, 'u', 204)], { intents: [undo] }))[0],
      /without reading it just before/,
    );
  });

  it('a write re-sent without a read between is reported, unless the first was answered 429; more than 3 retries are', () => {
    assert.equal(duplicateWriteViolations(trace([write(0, 'a', 503), write(1, 'a', 204)])).length, 1);
    assert.deepEqual(duplicateWriteViolations(trace([write(0, 'a', 429), write(1, 'a', 204)])), []);
    assert.deepEqual(duplicateWriteViolations(trace([write(0, 'a', 503), read(1, 'a', A), write(2, 'a', 204)])), []);
    const sends = (n: number): TracedRequest[] => Array.from({ length: n }, (_, i) => write(i, 'a', 429));
    assert.deepEqual(retryViolations(trace(sends(4))), []);
    assert.match(retryViolations(trace(sends(5)))[0], /was sent 5 times in a row/);
  });

  it("a model that does not show the server's routing is reported; one the console changed unseen is excused", () => {
    const models = [{ authId: 'MA_1', shows: new Map([[N, A]]) }];
    const server = new Map([[N, B]]);
    assert.equal(modelViolations(trace([], { models, server })).length, 1);
    assert.deepEqual(modelViolations(trace([], { models, server, console: [{ e164: N, clock: 0 }] })), []);
    assert.equal(modelViolations(trace([read(0, 'x', B)], { models, server, console: [{ e164: N, clock: 0 }] })).length, 1);
    // A sub-account's read that does not list it tells nothing of the main account's list.
    assert.deepEqual(
      modelViolations(trace([read(0, 'x', undefined, 'SA_1')], { models, server, console: [{ e164: N, clock: 0 }] })),
      [],
    );
  });

  it('an outcome that is not what the fake did is reported: applied without a write, not applied though it was, unknown though answered', () => {
    const applied = write(1, 'a', 204, true, B);
    assert.deepEqual(outcomeViolations(trace([read(0, 'a', A), applied]), [reported('a', outcome('applied'))]), []);
    assert.match(outcomeViolations(trace([read(0, 'a', A)]), [reported('a', outcome('applied'))])[0], /applied no write/);
    assert.match(
      outcomeViolations(trace([read(0, 'a', A), applied]), [reported('a', outcome('notApplied', { after: undefined }))])[0],
      /not back where it was/,
    );
    assert.match(
      outcomeViolations(trace([read(0, 'a', A), write(1, 'a', 400)]), [
        reported('a', outcome('unknown', { sentence: 'x is unknown.' })),
      ])[0],
      /definite answer/,
    );
    assert.match(outcomeViolations(trace([read(0, 'a', A), applied]), [])[0], /no report tells of/);
  });

  it('one outcome, one sentence: not applied never says "may or may not", unknown says so', () => {
    const notApplied = outcome('notApplied', { sentence: 'The change was not applied; it may or may not have been applied.' });
    assert.match(outcomeViolations(trace([write(0, 'a', 503)]), [reported('a', notApplied)])[0], /says the outcome is unknown/);
    const unknown = outcome('unknown', { sentence: 'Could not move it.' });
    assert.match(outcomeViolations(trace([write(0, 'a', 503)]), [reported('a', unknown)])[0], /does not say/);
  });

  it('the owner of a number is the change that wrote it last, in the order of the writes; an undo, a sign-out or the console clear it', () => {
    const first = reported('a', outcome('applied'), { recordId: 1, started: 1 });
    const later = reported('b', outcome('applied', { before: B, after: A }), { recordId: 2, started: 2, to: A });
    const writes = [read(0, 'a', A), write(1, 'a', 204, true, B), read(2, 'b', B), write(3, 'b', 204, true, A)];
    // The report of the earlier write ended last: the write order still decides.
    assert.deepEqual(expectedOwners(trace(writes), [later, first], []).get(N), { kind: 'record', recordId: 2, group: 0 });
    const refused = reported('b', outcome('notApplied', { after: undefined }), { recordId: undefined, started: 2 });
    const refusedWrites = [read(0, 'a', A), write(1, 'a', 204, true, B), read(2, 'b', B), write(3, 'b', 400)];
    assert.deepEqual(expectedOwners(trace(refusedWrites), [first, refused], []).get(N), {
      kind: 'record',
      recordId: 1,
      group: 0,
    });
    const undo = reported('u', outcome('applied', { before: B, after: A }), { op: 'undo', to: A, started: 2 });
    assert.deepEqual(
      expectedOwners(trace(writes.map((r) => (r.tag === 'b' ? { ...r, tag: 'u' } : r))), [first, undo], []).get(N),
      {
        kind: 'none',
      },
    );
    assert.deepEqual(expectedOwners(trace(writes.slice(0, 2)), [first], [{ authId: 'MA_1', at: 3 }]).get(N), { kind: 'none' });
    assert.deepEqual(expectedOwners(trace(writes.slice(0, 2), { console: [{ e164: N, clock: 2 }] }), [first], []).get(N), {
      kind: 'ambiguous',
    });
    assert.deepEqual(lostRecords([{ ...first, recordId: undefined }], []).length, 1);
  });
});
