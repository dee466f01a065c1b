import * as assert from 'node:assert/strict';
import { NUMBER, SANDBOX, setSetting, TRUNK, useSignedInHost } from './helpers';
import { pickLabel, TestUi } from './testUi';

const FREE = NUMBER.unassigned;
const ROUTED = NUMBER.onProd;

describe('routing commands', () => {
  const h = useSignedInHost();

  describe('Assign to Trunk', () => {
    it('{ number, trunkId }: reads that number, asks, assigns on the server, then re-reads only that number', async () => {
      h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
      assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.support);
      assert.deepEqual(
        h.fake.requests.map((r) => `${r.method} ${r.path.replace(`/api/v1/Account/${SANDBOX.authId}`, '')}`),
        ['GET /numbers', 'GET /numbers', `POST /numbers/${FREE}/assign`, 'GET /numbers'],
        'a read for the question, a read inside the queue just before the write, the write, one re-read; no full reload',
      );
      assert.deepEqual(
        [0, 1, 3].map((i) => h.fake.requests[i].query.search),
        [FREE, FREE, FREE],
        'every read is of that number',
      );
      assert.ok((await h.numbersUnderTrunk(TRUNK.support)).includes(FREE));
      assert.equal((await h.numberItem(FREE)).description, 'Support Desk (Bengaluru) · Karnataka');
      assert.match((await h.numberItem(FREE)).contextValue ?? '', /vobiz\.number\.assigned/);
      assert.ok(h.ui.messages('info').some((m) => m.includes(`${FREE} now routes to trunk "Support Desk (Bengaluru)"`)));
    });

    it('from the palette: asks the number, then the trunk', async () => {
      const ui = h.useUi(new TestUi(pickLabel(NUMBER.unassigned2), pickLabel('Acme Staging'), { confirm: true }));
      await h.run('vobiz.assignNumber');
      assert.equal(ui.answers.length, 0);
      const [numberPick, trunkPick] = ui.shown.filter((s) => s.kind === 'pick');
      assert.ok(
        numberPick.items?.every((i) => i.includes('unassigned') || i.includes('app ')),
        'only numbers without a trunk are offered',
      );
      assert.ok(
        trunkPick.items?.some((i) => i.includes('Legacy PBX') && i.includes('inactive')),
        'the inactive trunk is marked',
      );
      assert.equal(h.fake.number(NUMBER.unassigned2)?.trunk_group_id, TRUNK.staging);
    });

    it('a trunk named in the argument was chosen by no one here: the assign asks first, naming the number and the trunk; declining writes nothing (security finding 3)', async () => {
      const ui = h.useUi(new TestUi({ confirm: false }));
      const result = await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
      assert.equal(result, undefined, 'declined');
      const confirm = ui.shown.find((s) => s.kind === 'confirm');
      assert.equal(confirm?.message, `Route ${FREE} to trunk "Support Desk (Bengaluru)"?`);
      assert.equal(confirm?.button, 'Route to Trunk');
      assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing written');
      assert.equal(h.fake.number(FREE)?.trunk_group_id, undefined);
    });

    it('a tree item and an E.164 string work as arguments', async () => {
      const numbers = await h.children(await h.group('numbers'));
      const node = numbers.find((n) => n.type === 'number' && n.e164 === FREE);
      h.useUi(new TestUi(pickLabel('Acme Production'), { confirm: true }));
      await h.run('vobiz.assignNumber', node);
      assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.prod);
      h.useUi(new TestUi(pickLabel('Acme Production'), { confirm: true }));
      await h.run('vobiz.assignNumber', NUMBER.unassigned2);
      assert.equal(h.fake.number(NUMBER.unassigned2)?.trunk_group_id, TRUNK.prod);
    });

    it('a malformed number is refused with a clear message and nothing is sent', async () => {
      const result = (await h.run('vobiz.assignNumber', '98765')) as { error?: string };
      assert.match(result.error ?? '', /not an E\.164 phone number/);
      assert.ok(h.ui.messages('warn').some((m) => m.includes('E.164')));
      assert.equal(h.fake.requests.length, 0);
    });

    it('an inactive trunk is said in the confirmation (Route Anyway); declining writes nothing', async () => {
      const ui = h.useUi(new TestUi({ confirm: false }));
      await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.legacy });
      const asked = ui.shown.find((s) => s.kind === 'confirm');
      assert.match(asked?.detail ?? '', /Trunk "Legacy PBX" is inactive/);
      assert.equal(asked?.button, 'Route Anyway');
      assert.equal(h.fake.requestsTo('POST').length, 0);
      assert.equal(h.fake.number(FREE)?.trunk_group_id, undefined);
    });

    it('an app-routed number asks before it is routed to a trunk', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.assignNumber', { number: NUMBER.appRouted, trunkId: TRUNK.prod });
      const confirm = ui.shown.find((s) => s.kind === 'confirm');
      assert.match(confirm?.message ?? '', /routes to application 21784177241757/);
      assert.equal(h.fake.number(NUMBER.appRouted)?.trunk_group_id, TRUNK.prod);
      assert.match(String((await h.numberItem(NUMBER.appRouted)).description), /^Acme Production/);
    });

    it('a number assigned elsewhere since the tree showed it: nothing changed, the tree refreshed, the message names where it routes, Continue offered', async () => {
      h.fake.number(FREE)!.trunk_group_id = TRUNK.staging; // someone else, in the console
      const result = (await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.prod })) as { error?: string };
      const warning = h.ui.shown.find((s) => s.kind === 'warn');
      assert.match(warning?.message ?? '', /changed elsewhere/);
      assert.match(warning?.message ?? '', /now routes to trunk "Acme Staging", not unassigned as the tree showed/);
      assert.deepEqual(warning?.actions, ['Continue from There…']);
      assert.equal(result.error, warning?.message);
      assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0, 'no write');
      assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.staging);
      assert.equal((await h.numberItem(FREE)).description, 'Acme Staging · Karnataka');
    });
  });

  describe('Unassign from Trunk', () => {
    it('asks with a modal that names the number and trunk; confirming unassigns', async () => {
      const ui = h.useUi(new TestUi({ confirm: true }));
      await h.run('vobiz.unassignNumber', ROUTED);
      const confirm = ui.shown.find((s) => s.kind === 'confirm');
      assert.equal(confirm?.message, `Unassign ${ROUTED} from trunk "Acme Production"?`);
      assert.match(confirm?.detail ?? '', /Inbound calls to this number stop immediately/);
      assert.match(confirm?.detail ?? '', /billing continues/);
      assert.equal(confirm?.button, 'Unassign');
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
      assert.ok(!(await h.numbersUnderTrunk(TRUNK.prod)).includes(ROUTED));
      assert.equal((await h.numberItem(ROUTED)).description, 'unassigned · Maharashtra');
    });

    it('declining the modal changes nothing', async () => {
      h.useUi(new TestUi({ confirm: false }));
      await h.run('vobiz.unassignNumber', ROUTED);
      assert.equal(h.fake.requestsTo('DELETE').length, 0);
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.prod);
    });

    it('vobiz.confirmBeforeUnassign=false skips the modal', async () => {
      await setSetting('confirmBeforeUnassign', false);
      try {
        const ui = h.useUi(new TestUi());
        await h.run('vobiz.unassignNumber', { number: ROUTED });
        assert.equal(ui.shown.filter((s) => s.kind === 'confirm').length, 0);
        assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
      } finally {
        await setSetting('confirmBeforeUnassign', undefined);
      }
    });

    it('from the palette: offers only numbers that are on a trunk', async () => {
      const ui = h.useUi(new TestUi(pickLabel(NUMBER.onStaging), { confirm: true }));
      await h.run('vobiz.unassignNumber');
      const pick = ui.shown.find((s) => s.kind === 'pick');
      assert.ok(pick?.items?.every((i) => !i.includes('unassigned')));
      assert.equal(h.fake.number(NUMBER.onStaging)?.trunk_group_id, undefined);
    });
  });

  describe('Move to Another Trunk', () => {
    it('moves on the server (unassign + assign) after a confirmation, and both trunks update in the tree', async () => {
      const ui = h.useUi(new TestUi(pickLabel('Acme Staging'), { confirm: true }));
      await h.run('vobiz.moveNumber', ROUTED);
      const pick = ui.shown.find((s) => s.kind === 'pick');
      assert.ok(!pick?.items?.some((i) => i.includes('Acme Production')), 'the current trunk is not offered');
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.staging);
      assert.deepEqual(
        h.fake.requests.map((r) => r.method),
        ['GET', 'GET', 'DELETE', 'POST', 'GET'],
        'read for the question (asked outside the queue), read again in the queue, then the two writes and a re-read',
      );
      assert.ok(!(await h.numbersUnderTrunk(TRUNK.prod)).includes(ROUTED));
      assert.ok((await h.numbersUnderTrunk(TRUNK.staging)).includes(ROUTED));
    });

    it('a trunk named in the argument: the move asks first, whichever command names it; declining writes nothing (security finding 3)', async () => {
      for (const command of ['vobiz.moveNumber', 'vobiz.assignNumber']) {
        const ui = h.useUi(new TestUi({ confirm: false }));
        const result = await h.run(command, { number: ROUTED, trunkId: TRUNK.staging });
        assert.equal(result, undefined, `${command}: declined`);
        assert.equal(
          ui.shown.find((s) => s.kind === 'confirm')?.message,
          `${ROUTED} routes to trunk "Acme Production". Move it to "Acme Staging"?`,
          command,
        );
      }
      assert.equal(h.fake.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing written');
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.prod);
    });

    it('when the assign step fails, the number is put back on its original trunk and the message says so', async () => {
      h.useUi(new TestUi({ confirm: true }));
      h.fake.inject({
        method: 'POST',
        times: 1,
        fault: { type: 'status', status: 402, body: { error: 'payment required', message: 'Insufficient balance.' } },
      });
      await h.run('vobiz.moveNumber', { number: ROUTED, trunkId: TRUNK.staging });
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, TRUNK.prod, 'back on the original trunk');
      const error = h.ui.messages('error').join('\n');
      assert.match(error, /Insufficient balance/);
      assert.match(error, /put back on trunk "Acme Production"/);
      assert.ok((await h.numbersUnderTrunk(TRUNK.prod)).includes(ROUTED));
    });

    it('when putting it back fails too, the message says exactly where the number stands', async () => {
      h.useUi(new TestUi({ confirm: true }));
      h.fake.inject({
        method: 'POST',
        times: 2,
        fault: { type: 'status', status: 402, body: { error: 'payment required', message: 'Insufficient balance.' } },
      });
      await h.run('vobiz.moveNumber', { number: ROUTED, trunkId: TRUNK.staging });
      assert.equal(h.fake.number(ROUTED)?.trunk_group_id, undefined);
      const error = h.ui.messages('error').join('\n');
      assert.match(error, /failed too/);
      assert.match(error, new RegExp(`\\${ROUTED} is unassigned: inbound calls to it are not routed`));
      assert.equal((await h.numberItem(ROUTED)).description, 'unassigned · Maharashtra');
    });

    it('an app-routed number confirms before it is moved to a trunk', async () => {
      const ui = h.useUi(new TestUi({ confirm: false }));
      await h.run('vobiz.moveNumber', { number: NUMBER.appRouted, trunkId: TRUNK.prod });
      assert.equal(ui.shown.filter((s) => s.kind === 'confirm').length, 1);
      assert.equal(h.fake.requestsTo('POST').length, 0);
    });
  });

  describe('Copy', () => {
    it('copies a number, a trunk ID and a SIP domain to the clipboard', async () => {
      const vscode = await import('vscode');
      await h.run('vobiz.copyNumber', ROUTED);
      assert.equal(await vscode.env.clipboard.readText(), ROUTED);
      const trunks = await h.children(await h.group('trunks'));
      const prod = trunks.find((t) => t.type === 'trunk' && t.trunkId === TRUNK.prod);
      await h.run('vobiz.copyTrunkId', prod);
      assert.equal(await vscode.env.clipboard.readText(), TRUNK.prod);
      await h.run('vobiz.copySipDomain', prod);
      assert.equal(await vscode.env.clipboard.readText(), `${TRUNK.prod}.sip.vobiz.ai`);
      await h.run('vobiz.copyTrunkId', ROUTED);
      assert.equal(await vscode.env.clipboard.readText(), TRUNK.prod, "a number item's trunk");
    });
  });
});
