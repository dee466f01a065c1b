import * as assert from 'node:assert/strict';
import { pseudoBundle, untranslatedWords } from '../../support/pseudoLocale';

describe('the pseudo-locale check', () => {
  const data = ['Acme Staging', '+14155550123', 'MA_DEMO0001'];

  it('wraps every message of a bundle, in both of its forms', () => {
    assert.deepEqual(pseudoBundle({ 'Sign In': 'Sign In', 'Routed to {0}/c': { message: 'Routed to {0}', comment: ['c'] } }), {
      'Sign In': '⟦Sign In⟧',
      'Routed to {0}/c': '⟦Routed to {0}⟧',
    });
  });

  it('passes text that is all wrapped or data, nested wrapping included', () => {
    assert.deepEqual(untranslatedWords('⟦+14155550123 now routes to ⟦trunk⟧ "Acme Staging".⟧', data), []);
    assert.deepEqual(untranslatedWords('+14155550123', data), []);
    assert.deepEqual(untranslatedWords('Acme Staging · ⟦3 numbers⟧', data), []);
  });

  it('names the words of a hard-coded string', () => {
    assert.deepEqual(untranslatedWords('⟦Assigned⟧ +14155550123 to Acme Staging, done.', data), ['to', 'done']);
    assert.deepEqual(untranslatedWords('Not assigned', data), ['Not', 'assigned']);
    assert.deepEqual(untranslatedWords('⟦Trunk⟧ Acme Staging (inactive)', data), ['inactive']);
  });

  it('icons are not words, Markdown escapes are undone, and data counts only as whole words', () => {
    assert.deepEqual(untranslatedWords('$(warning) ⟦Blocked⟧', data), []);
    assert.deepEqual(untranslatedWords('| ⟦Trunk⟧ | Acme Staging \\(`x`\\) |', ['Acme Staging', 'x']), []);
    assert.deepEqual(untranslatedWords('⟦Direction⟧: bothered', ['both']), ['bothered']);
    assert.deepEqual(untranslatedWords('⟦Direction⟧: both', ['both']), []);
  });
});
