/**
 * The context keys that follow what the commands did, and the walkthrough that reads them:
 * `vobiz.canUndo` (Undo is offered only when there is something to put back), and the
 * walkthrough's `vobiz.routingChanged` / `vobiz.changeUndone`, which only a change or an undo that
 * actually happened sets (a cancel, a decline or a refusal does not). And the manifest's walkthrough
 * against the extension: every completion event names a key it sets, a view that exists, a command
 * that exists; every link a command that exists; every media file is there.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, NUMBER, numbersWith, SANDBOX, TRUNK, useHost } from './helpers';
import type { HostHarness } from './helpers';
import { pickLabel, TestUi } from './testUi';

const FREE = NUMBER.unassigned;
const CAN_UNDO = 'vobiz.canUndo';
const ROUTED = 'vobiz.routingChanged';
const UNDONE = 'vobiz.changeUndone';

interface WalkthroughStep {
  id: string;
  description?: string;
  completionEvents?: string[];
  media: { markdown?: string; svg?: string; image?: string; altText?: string };
}

interface Manifest {
  contributes: {
    walkthroughs?: { id: string; steps: WalkthroughStep[] }[];
    views?: Record<string, { id: string }[]>;
    menus?: Record<string, { command: string; when?: string }[]>;
  };
}

function key(h: HostHarness, name: string): unknown {
  return h.api.testing.contextKey(name);
}

/** A fresh sign-in (signing out of everything first), so the walkthrough's keys start unset. */
function useFreshSignIn(): HostHarness {
  const h = useHost();
  beforeEach(async () => {
    await h.signOutAll();
    await h.signIn();
    h.fake.clearRequests();
  });
  return h;
}

describe('Undo is offered only when there is something to undo (vobiz.canUndo)', () => {
  const h = useFreshSignIn();

  it('false with nothing changed; true after a change; false once it is undone', async () => {
    h.api.testing.accounts.changes.history.forgetAccount(SANDBOX.authId);
    assert.equal(key(h, CAN_UNDO), false);
    // The trunk in the argument asks before the assign; the Undo command asks before it undoes.
    h.useUi(new TestUi({ confirm: true }, { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.support);
    assert.equal(key(h, CAN_UNDO), true);
    const report = await h.run('vobiz.undoLastChange');
    assert.deepEqual(numbersWith(report, 'applied'), [FREE]);
    assert.equal(key(h, CAN_UNDO), false);
    assert.equal(h.api.testing.accounts.changes.history.last, undefined);
  });

  it('false after signing out (Sign Out forgets the change)', async () => {
    h.useUi(new TestUi({ confirm: true }, { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    assert.equal(key(h, CAN_UNDO), true);
    await h.run('vobiz.signOut');
    assert.equal(h.api.testing.accounts.signedIn, false);
    assert.equal(key(h, CAN_UNDO), false);
    assert.equal(h.api.testing.accounts.changes.history.last, undefined);
  });

  it("false once a later attempt touched the change's number (it changed elsewhere since)", async () => {
    h.useUi(new TestUi({ confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    assert.equal(key(h, CAN_UNDO), true);
    h.fake.number(FREE)!.trunk_group_id = TRUNK.staging; // someone else, in the console
    const result = (await h.run('vobiz.moveNumber', { number: FREE, trunkId: TRUNK.prod })) as { error?: string };
    assert.match(result.error ?? '', /changed elsewhere/);
    assert.equal(key(h, CAN_UNDO), false);
  });

  it('the Undo command is shown in the palette and the view menu only when vobiz.canUndo', () => {
    const menus = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest).contributes.menus ?? {};
    for (const menu of ['commandPalette', 'view/title']) {
      const entries = (menus[menu] ?? []).filter((e) => e.command === 'vobiz.undoLastChange');
      assert.equal(entries.length, 1, `${menu} has one Undo entry`);
      assert.match(entries[0].when ?? '', /(^|&& )vobiz\.canUndo($| &&)/, `${menu}: ${entries[0].when}`);
    }
  });
});

describe("the walkthrough's context keys are set only by what actually happened", () => {
  const h = useFreshSignIn();

  it('a cancelled trunk pick, a declined confirmation and a refused change leave "routed" unset; a change sets it', async () => {
    assert.notEqual(key(h, ROUTED), true, 'unset after a fresh sign-in');
    h.useUi(new TestUi({ pick: () => undefined }));
    await h.run('vobiz.assignNumber', { number: FREE });
    h.useUi(new TestUi({ confirm: false }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.legacy });
    h.useUi(new TestUi({ confirm: true }));
    h.fake.inject({
      method: 'POST',
      times: 1,
      fault: { type: 'status', status: 402, body: { error: 'payment required', message: 'Insufficient balance.' } },
    });
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    assert.equal(h.fake.number(FREE)?.trunk_group_id, undefined, 'nothing changed on the server');
    assert.notEqual(key(h, ROUTED), true);
    assert.equal(key(h, CAN_UNDO), false);

    h.useUi(new TestUi(pickLabel('Support Desk'), { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE });
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.support);
    assert.equal(key(h, ROUTED), true);
  });

  it('an undo that put nothing back leaves "undone" unset; one that did sets it', async () => {
    // The assign, the undo, the move (from Acme Staging, where the console put it) and the undo ask first.
    h.useUi(new TestUi({ confirm: true }, { confirm: true }, { confirm: true }, { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    h.fake.number(FREE)!.trunk_group_id = TRUNK.staging; // changed in the console since
    const skipped = await h.run('vobiz.undoLastChange');
    assert.deepEqual(numbersWith(skipped, 'applied'), []);
    assert.notEqual(key(h, UNDONE), true);

    await h.run('vobiz.refresh');
    await h.run('vobiz.moveNumber', { number: FREE, trunkId: TRUNK.prod });
    const report = await h.run('vobiz.undoLastChange');
    assert.deepEqual(numbersWith(report, 'applied'), [FREE]);
    assert.equal(h.fake.number(FREE)?.trunk_group_id, TRUNK.staging);
    assert.equal(key(h, UNDONE), true);
  });

  it('signing out of every account clears them (they say what happened since signing in)', async () => {
    h.useUi(new TestUi({ confirm: true }, { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    await h.run('vobiz.undoLastChange');
    assert.deepEqual([key(h, ROUTED), key(h, UNDONE)], [true, true]);
    await h.signOutAll();
    assert.deepEqual([key(h, ROUTED), key(h, UNDONE)], [false, false]);
  });
});

/** The commands a description's links name (`command:id`, `command:toSide:id`, with or without arguments). */
function linkedCommands(description: string): string[] {
  return [...description.matchAll(/\]\(command:(?:toSide:)?([\w.-]+)/g)].map((m) => m[1]);
}

describe('the walkthrough in package.json against the extension', () => {
  const h = useHost();
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  const manifest = ext?.packageJSON as Manifest | undefined;
  const steps = manifest?.contributes.walkthroughs?.flatMap((w) => w.steps) ?? [];

  it('there is a walkthrough, and each step completes on an event (none on merely being selected)', () => {
    assert.equal(manifest?.contributes.walkthroughs?.length, 1);
    assert.deepEqual(
      steps.map((s) => s.id),
      ['signIn', 'seeTree', 'routeNumber', 'undoChange'],
    );
    for (const s of steps) {
      assert.ok(s.completionEvents?.length, `${s.id} names its completion events`);
      assert.ok(!s.completionEvents.some((e) => /stepSelected/i.test(e)), `${s.id} does not complete on being selected`);
    }
  });

  it('every onContext key is one the extension sets, and signing in, routing and undoing make each true', async () => {
    await h.signOutAll();
    const keys = steps.flatMap((s) =>
      (s.completionEvents ?? []).filter((e) => e.startsWith('onContext:')).map((e) => e.slice('onContext:'.length)),
    );
    assert.ok(keys.length >= 3, keys.join(', '));
    for (const k of keys) {
      assert.match(k, /^vobiz\.\w+$/, `a plain key of the extension: ${k}`);
      assert.notEqual(key(h, k), true, `${k} is not true while signed out`);
    }
    await h.signIn();
    h.useUi(new TestUi({ confirm: true }, { confirm: true }));
    await h.run('vobiz.assignNumber', { number: FREE, trunkId: TRUNK.support });
    await h.run('vobiz.undoLastChange');
    for (const k of keys) assert.equal(key(h, k), true, `${k} after signing in, routing and undoing`);
  });

  it('every onView names a contributed view; every onCommand and every command link a command that exists', async () => {
    const views = new Set(Object.values(manifest?.contributes.views ?? {}).flatMap((list) => list.map((v) => v.id)));
    const commands = new Set(await vscode.commands.getCommands(false));
    for (const s of steps) {
      for (const e of s.completionEvents ?? []) {
        const [kind, arg] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onView') {
          assert.ok(views.has(arg), `${s.id}: ${e} names a contributed view`);
          assert.ok(commands.has(`${arg}.focus`), `${s.id}: the view ${arg} is registered`);
        } else if (kind === 'onCommand') assert.ok(commands.has(arg), `${s.id}: ${e}`);
        else assert.equal(kind, 'onContext', `${s.id}: ${e} is a kind this test checks`);
      }
      const links = linkedCommands(s.description ?? '');
      for (const c of links) assert.ok(commands.has(c), `${s.id} links ${c}, which is not a command`);
    }
    assert.ok(
      steps.every((s) => linkedCommands(s.description ?? '').length > 0),
      'each step has a command link',
    );
  });

  it("every step's media is in the extension, and images say what they show", () => {
    for (const s of steps) {
      const file = s.media.markdown ?? s.media.svg ?? s.media.image;
      assert.ok(file, `${s.id} has media`);
      assert.ok(existsSync(join(ext?.extensionPath ?? '', file)), `${s.id}: ${file} exists`);
      if (!s.media.markdown) assert.ok(s.media.altText, `${s.id} has alt text`);
    }
  });
});
