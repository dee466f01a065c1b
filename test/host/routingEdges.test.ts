/** Routing edge cases an independent review reproduced through the UI (each failed before its fix). */
import * as assert from 'node:assert/strict';
import { NUMBER, SANDBOX, TRUNK, useSignedInHost, waitFor } from './helpers';
import { pickLabel, pickLabels, TestUi } from './testUi';

describe('routing edge cases through the commands (from review)', () => {
  const h = useSignedInHost();

  it('"Continue from There…" after an assign conflict asks before moving the number off the trunk it is on now', async () => {
    const FREE = NUMBER.unassigned;
    h.fake.number(FREE)!.trunk_group_id = TRUNK.staging; // someone else, in the console
    const ui = h.useUi(new TestUi({ confirm: false }));
    ui.chooseAction = (_m, actions) => (actions.includes('Continue from There…') ? 'Continue from There…' : undefined);
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.prod });
    await waitFor(() => ui.shown.some((s) => s.kind === 'confirm'), "the continuation's confirmation");
    const confirm = ui.shown.find((s) => s.kind === 'confirm');
    assert.match(confirm?.message ?? '', /routes to trunk "Acme Staging"\. Move it to "Acme Production"\?/);
    assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0, 'declined: nothing written');
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.staging);
  });

  it('a bulk confirmation whose re-read failed is not shown: nothing is changed and the message says which number could not be read', async () => {
    h.fake.number(NUMBER.unassigned)!.trunk_group_id = TRUNK.staging; // console change the tree has not seen
    h.fake.inject({
      method: 'GET',
      path: '/numbers',
      query: { search: NUMBER.unassigned },
      times: Infinity,
      fault: { type: 'status', status: 500 },
    });
    const ui = h.useUi(
      new TestUi(pickLabels(NUMBER.unassigned, NUMBER.unassigned2), pickLabel('Acme Production'), { confirm: false }),
    );
    await h.run('vobiz.assignNumbers', { authId: SANDBOX.authId });
    assert.equal(
      ui.shown.find((s) => s.kind === 'confirm'),
      undefined,
      "no confirmation from the tree's copy",
    );
    assert.ok(
      ui.messages('error').some((m) => m.includes(`${NUMBER.unassigned}`) && /could not be re-read/.test(m)),
      ui.messages('error').join('\n'),
    );
    assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0);
  });

  it("undo of one number changed again since names that number (the first change's Undo, pressed after the second)", async () => {
    const FREE = NUMBER.unassigned;
    const ui = h.useUi(new TestUi({ confirm: true }, { confirm: true }));
    ui.holdNotifications = true;
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    await h.run('vobiz.moveNumber', { number: FREE, trunkId: TRUNK.prod });
    const first = ui.held.find((n) => n.message.startsWith(`${FREE} now routes to trunk "Support Desk`));
    assert.ok(first, ui.held.map((n) => n.message).join('\n'));
    first.press('Undo');
    await waitFor(
      () => ui.messages('info').includes(`Nothing undone: ${FREE} was changed again since.`),
      "the first change's undo to say why it did nothing",
    );
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.prod);
  });

  it('a bulk run with a number changed between the confirmation and its change: the summary names it, with no doubled punctuation', async () => {
    const X2 = NUMBER.unassigned2;
    let seen = 0;
    const gate = h.fake.hold({ method: 'GET', path: '/numbers', when: (r) => r.query.search === X2 && ++seen === 2 });
    const ui = h.useUi(new TestUi(pickLabels(NUMBER.unassigned, X2), pickLabel('Acme Production'), { confirm: true }));
    const running = h.run('vobiz.assignNumbers', { authId: SANDBOX.authId });
    await gate.whenWaiting(1);
    h.fake.number(X2)!.trunk_group_id = TRUNK.staging; // the console, after the confirmation
    gate.open();
    await running;
    const warn = ui.messages('warn').join('\n');
    assert.doesNotMatch(warn, /\)\.\)|\.\)\.|\.\./, 'doubled punctuation');
    assert.match(warn, new RegExp(`\\${X2} \\(Nothing was changed`));
  });

  it('Unassign on a number the tree shows unassigned reads it first: assigned in the console, it is unassigned from where it is, after a modal naming that trunk', async () => {
    const FREE = NUMBER.unassigned;
    h.fake.number(FREE)!.trunk_group_id = TRUNK.staging; // the console; the tree still shows it unassigned
    const ui = h.useUi(new TestUi({ confirm: true }));
    await h.run('vobiz.unassignNumber', { number: FREE });
    assert.equal(ui.shown.find((s) => s.kind === 'confirm')?.message, `Unassign ${FREE} from trunk "Acme Staging"?`);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, undefined);
    assert.ok(!ui.messages('info').some((m) => m.includes('is not assigned')), ui.messages('info').join('\n'));
  });

  it('Assign to the trunk the tree already shows reads the number first: moved in the console, it is moved back after a confirmation', async () => {
    const ROUTED = NUMBER.onProd;
    h.fake.number(ROUTED)!.trunk_group_id = TRUNK.staging; // the console; the tree still shows Acme Production
    const ui = h.useUi(new TestUi({ confirm: true }));
    await h.run('vobiz.assignNumber', { number: ROUTED, trunkId: TRUNK.prod });
    assert.match(
      ui.shown.find((s) => s.kind === 'confirm')?.message ?? '',
      /routes to trunk "Acme Staging"\. Move it to "Acme Production"\?/,
    );
    assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.prod);
  });
});
