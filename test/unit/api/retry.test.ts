import * as assert from 'node:assert/strict';
import { backoffDelay, parseRetryAfter } from '../../../src/api';

describe('retry arithmetic', () => {
  it('parses Retry-After in seconds and as an HTTP date', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.equal(parseRetryAfter('0.5'), 500);
    const now = Date.parse('2026-11-22T10:00:00Z');
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Sun, 22 Nov 2026 09:00:00 GMT', now), 0, 'a past date means now');
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });

  it('backs off 1 s, 2 s, 4 s with at most ±20 % jitter', () => {
    for (const [retry, expected] of [
      [1, 1000],
      [2, 2000],
      [3, 4000],
    ] as const) {
      assert.equal(
        backoffDelay(retry, 1000, undefined, () => 0.5),
        expected,
      );
      assert.equal(
        backoffDelay(retry, 1000, undefined, () => 0),
        expected * 0.8,
      );
      const high = backoffDelay(retry, 1000, undefined, () => 0.999999);
      assert.ok(high > expected && high <= expected * 1.2, String(high));
    }
  });

  it("never waits less than the server's Retry-After", () => {
    assert.equal(
      backoffDelay(1, 1000, 5000, () => 0.5),
      5000,
    );
    assert.ok(backoffDelay(3, 1000, 100, () => 0.5) >= 100);
  });
});
