/**
 * Security finding 6: a tooltip is Markdown rendered by VS Code (GFM, with theme icons), and every
 * field of a number or trunk it shows is data from Vobiz. A hostile value in any of them must stay
 * text in its own table cell: no link, no image (a tracking pixel), no icon, no cell or row of its
 * own. The Markdown is rendered here with `marked` (the renderer VS Code uses, GFM on) and each
 * hostile value is put in each field in turn.
 */
import * as assert from 'node:assert/strict';
import { marked } from 'marked';
import type { VobizNumber, VobizTrunk } from '../../../src/api';
import { numberTooltip, trunkTooltip } from '../../../src/tree/itemTooltips';
import { aNumber, aTrunk } from '../../support/builders';

/** Values that break out of a cell, a row or the text as Markdown would have them. */
const HOSTILE = [
  'a|b [x](https://evil.example/pipe) ![p](https://track.example/p.png)',
  'a\\|b | <img src=https://track.example/q.png> |',
  'line\n| injected | row |\n[link](command:workbench.action.terminal.sendSequence?%7B%7D)',
  'cr\r![p](https://track.example/r.png)',
  'ls\u2028[l](https://evil.example/ls)',
  '$(zap) icon $(warning~spin)',
  'x` [l](https://evil.example/tick) `y',
  '<https://evil.example/auto> https://evil.example/bare www.evil.example',
  '\\\\|\\\\\\| end',
];

const NUMBER_FIELDS: readonly (keyof VobizNumber)[] = [
  'e164',
  'trunk_group_id',
  'application_id',
  'status',
  'country',
  'region',
  'monthly_fee',
  'currency',
  'account_id',
];
const TRUNK_FIELDS: readonly (keyof VobizTrunk)[] = [
  'name',
  'description',
  'trunk_id',
  'trunk_domain',
  'trunk_status',
  'trunk_direction',
  'transport',
];

/** The tooltip as VS Code renders it: Markdown with GFM tables. */
function render(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false });
}

/** The cells of each table row of rendered HTML. */
function rows(html: string): number[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => (m[1].match(/<t[hd][ >]/g) ?? []).length);
}

/** The text of each paragraph and table cell of rendered HTML. */
function blocks(html: string): string[] {
  return [...html.matchAll(/<(p|td|th)>([\s\S]*?)<\/\1>/g)].map((m) => m[2].replace(/<[^>]*>/g, ''));
}

/** The tooltip's own icon (before a warning), which is not data. */
const OWN_ICON = /<p>\$\(warning\) /g;

/** `value` between markers: whole in one paragraph or cell when it stayed where it was put. */
function betweenMarkers(value: string): string {
  return `START ${value} END`;
}

function assertInert(markdown: string, benign: string, what: string): void {
  const html = render(markdown);
  assert.ok(!/<a[\s>]/i.test(html), `${what}: no link (${html})`);
  assert.ok(!/<img[\s>]/i.test(html), `${what}: no image (${html})`);
  assert.ok(!/\$\(/.test(html.replace(OWN_ICON, '<p>')), `${what}: no theme icon can form (${html})`);
  assert.equal((html.match(/<table>/g) ?? []).length, 1, `${what}: one table (${html})`);
  assert.deepEqual(rows(html), rows(render(benign)), `${what}: the same rows and cells as with a plain value (${html})`);
  assert.ok(
    blocks(html).some((b) => /START[\s\S]*END/.test(b)),
    `${what}: the value is whole in one paragraph or cell, not cut into others or dropped (${html})`,
  );
}

describe('tooltips: a hostile value in any field stays text in its cell (security finding 6)', () => {
  const trunk = aTrunk('trunk-1', {
    name: 'Acme',
    trunk_domain: 'trunk-1.sip.vobiz.ai',
    description: 'Main',
    trunk_status: 'active',
  });

  for (const field of NUMBER_FIELDS) {
    it(`a number's ${field}`, () => {
      const fields: Partial<VobizNumber> = {
        trunk_group_id: 'trunk-1',
        country: 'IN',
        monthly_fee: '1.00',
        currency: 'INR',
        account_id: 'SA_OTHER01',
        capabilities: { voice: true },
      };
      if (field === 'application_id') delete fields.trunk_group_id;
      const benign = numberTooltip(
        aNumber('+919876543210', { ...fields, [field]: 'plain' }),
        field === 'trunk_group_id' ? undefined : trunk,
        { auth_id: 'MA_MAIN0001' },
      );
      for (const value of HOSTILE.map(betweenMarkers)) {
        const n = aNumber('+919876543210', { ...fields, [field]: value });
        assertInert(
          numberTooltip(n, field === 'trunk_group_id' ? undefined : trunk, { auth_id: 'MA_MAIN0001' }),
          benign,
          `${field} = ${JSON.stringify(value)}`,
        );
      }
    });
  }

  it("a number's capability named by Vobiz (an unknown key is shown as sent)", () => {
    const benign = numberTooltip(aNumber('+919876543210', { capabilities: { plain: true } }), undefined, undefined);
    for (const value of HOSTILE.map(betweenMarkers)) {
      assertInert(
        numberTooltip(aNumber('+919876543210', { capabilities: { [value]: true } }), undefined, undefined),
        benign,
        JSON.stringify(value),
      );
    }
  });

  it("a number's trunk name (the trunk it routes to)", () => {
    const benign = numberTooltip(aNumber('+919876543210', { trunk_group_id: 'trunk-1' }), { ...trunk, name: 'plain' }, undefined);
    for (const value of HOSTILE.map(betweenMarkers)) {
      assertInert(
        numberTooltip(
          aNumber('+919876543210', { trunk_group_id: 'trunk-1' }),
          { ...trunk, name: value, trunk_status: 'inactive' },
          undefined,
        ),
        benign,
        JSON.stringify(value),
      );
    }
  });

  for (const field of TRUNK_FIELDS) {
    it(`a trunk's ${field}`, () => {
      const benign = trunkTooltip({ ...trunk, [field]: 'plain' }, 2);
      for (const value of HOSTILE.map(betweenMarkers)) {
        assertInert(trunkTooltip({ ...trunk, [field]: value }, 2), benign, `${field} = ${JSON.stringify(value)}`);
      }
    });
  }

  it('the checks themselves catch a value that breaks out: a raw pipe in code, a link, an icon', () => {
    const table = (cell: string): string => `**x**\n\n| | |\n|---|---|\n| a | ${cell} |`;
    assert.throws(() => assertInert(table('`START a|b END`'), table('`ab`'), 'probe'), /whole in one/);
    assert.throws(() => assertInert(table('START a\n| b | c |\n| END | d |'), table('ab'), 'probe'), /rows and cells/);
    assert.throws(() => assertInert(table('[l](https://evil.example)'), table('l'), 'probe'), /no link/);
    assert.throws(() => assertInert(table('$(zap)'), table('zap'), 'probe'), /theme icon/);
    assert.doesNotThrow(() => assertInert(table('`START a\\|b END`'), table('`ab`'), 'probe'));
    assert.throws(() => assertInert(table('![p](https://track.example/p.png)'), table('p'), 'probe'), /no image/);
  });
});
