/**
 * A load that met items it could not read: the count is in the model (for the view's "N items
 * could not be read" item) and the log has one summary line per load saying what was wrong,
 * without a value from the items nor the token.
 */
import * as assert from 'node:assert/strict';
import { FakeVobiz } from '../../fake-vobiz/server';
import { SANDBOX } from '../../fake-vobiz/seed';
import { accountsOn } from '../../support/editorStandIns';

describe('session: items that could not be read', () => {
  const fake = new FakeVobiz();
  let env: ReturnType<typeof accountsOn>;

  before(() => fake.start());
  after(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    env = accountsOn(fake.baseUrl);
  });
  afterEach(() => env.accounts.dispose());

  const summaries = (): string[] => env.log.lines.filter((l) => l.includes('Could not read'));

  it('counts them in the model and logs one summary line per load, naming the keys, not the values', async () => {
    fake.variants.unreadableNumbers = 2;
    fake.variants.unreadableTrunks = 1;
    const session = await env.accounts.signIn({ authId: SANDBOX.authId, authToken: SANDBOX.authToken });
    await session.load();
    assert.equal(session.model.status, 'ready');
    assert.equal(session.model.unreadable, 3);
    assert.equal(session.model.numberCount, 12);
    assert.equal(session.model.trunkCount, 4);
    assert.deepEqual(summaries(), [
      `warn Could not read 3 items of ${SANDBOX.authId} (left out of the view): ` +
        '2 × numbers: no usable e164 or number (keys: id, status, country); 1 × trunks: no usable trunk_id or id (keys: name, trunk_status).',
    ]);
    assert.ok(!summaries()[0].includes('unreadable-number-1'), 'no value of an item');
    assert.ok(env.log.lines.every((l) => !l.includes(SANDBOX.authToken)));

    await session.load();
    assert.equal(summaries().length, 2, 'one line per load');
    fake.variants.unreadableNumbers = 0;
    fake.variants.unreadableTrunks = 0;
    await session.load();
    assert.equal(session.model.unreadable, 0);
    assert.equal(summaries().length, 2, 'nothing said when every item was read');
  });
});
