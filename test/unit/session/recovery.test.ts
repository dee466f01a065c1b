import * as assert from 'node:assert/strict';
import { VobizApiError } from '../../../src/api';
import { CredentialHostError } from '../../../src/session/hostConsent';
import { recoveryFor } from '../../../src/session/recovery';

const AUTH_ID = 'MA_TEST0001';

function http(status: number): VobizApiError {
  return new VobizApiError({ kind: 'http', status, message: `HTTP ${status}`, method: 'GET', path: '/numbers' });
}

const declined = (): CredentialHostError =>
  new CredentialHostError({ authId: AUTH_ID, label: 'Acme', from: 'api.vobiz.ai', to: 'evil.example' });

describe('recovery: what the user can do about an error', () => {
  describe('rejected credentials (401/403)', () => {
    it('a 401 offers Sign In Again for the account it is about, then Show Log', () => {
      assert.deepEqual(recoveryFor(http(401), { authId: AUTH_ID }), {
        problem: 'credentialsRejected',
        actions: ['signInAgain', 'showLog', 'checkConnection'],
        authId: AUTH_ID,
      });
    });

    it('a 403 is a rejection too', () => {
      assert.equal(recoveryFor(http(403)).problem, 'credentialsRejected');
    });

    it('a 401 wrapped as the cause of another error (a failed change, a failed load) is found', () => {
      const wrapped = new Error('Could not move +912271264217: not applied', {
        cause: new Error('step failed', { cause: http(401) }),
      });
      const recovery = recoveryFor(wrapped, { authId: AUTH_ID });
      assert.equal(recovery.problem, 'credentialsRejected');
      assert.deepEqual(recovery.actions, ['signInAgain', 'showLog', 'checkConnection']);
      assert.equal(recovery.authId, AUTH_ID);
    });

    it('without a known account, Sign In Again names none (the user says whose)', () => {
      const recovery = recoveryFor(http(401));
      assert.deepEqual(recovery.actions, ['signInAgain', 'showLog', 'checkConnection']);
      assert.equal('authId' in recovery, false);
    });

    it('a failed load adds Retry, after the fix and the log', () => {
      assert.deepEqual(recoveryFor(http(401), { authId: AUTH_ID, loading: true }).actions, [
        'signInAgain',
        'showLog',
        'checkConnection',
        'retry',
      ]);
    });
  });

  describe('credentials not sent to a new host', () => {
    it('offers Open Settings on vobiz.apiBaseUrl only: nothing was sent, the message says it all', () => {
      assert.deepEqual(recoveryFor(declined()), {
        problem: 'credentialsNotSent',
        actions: ['openSettings'],
        setting: 'vobiz.apiBaseUrl',
        host: 'evil.example',
      });
    });

    it('a failed load adds Retry (which asks again)', () => {
      assert.deepEqual(recoveryFor(declined(), { authId: AUTH_ID, loading: true }).actions, ['openSettings', 'retry']);
    });

    it('is not mistaken for a rejection, and names no account to sign in to', () => {
      const recovery = recoveryFor(declined(), { authId: AUTH_ID });
      assert.equal(recovery.actions.includes('signInAgain'), false);
      assert.equal(recovery.authId, undefined);
    });
  });

  describe('invalid input', () => {
    it('stopping a load, it is an invalid setting: Open Settings on the vobiz settings, and Retry', () => {
      const recovery = recoveryFor(VobizApiError.invalidInput('The API base URL must use https'), {
        authId: AUTH_ID,
        loading: true,
      });
      assert.deepEqual(recovery, { problem: 'invalidSettings', actions: ['openSettings', 'retry'], setting: 'vobiz.' });
    });

    it('in a command, it is a bad argument, not a setting: Show Log only', () => {
      assert.deepEqual(recoveryFor(VobizApiError.invalidInput('The Auth Token must be a single line.')), {
        problem: 'failed',
        actions: ['showLog'],
      });
    });

    it('only the error itself counts: a load failure wrapping one, reported by a command, is not a setting to open', () => {
      const wrapped = new Error("Couldn't load the numbers and trunks", { cause: VobizApiError.invalidInput('bad URL') });
      assert.deepEqual(recoveryFor(wrapped).actions, ['showLog', 'checkConnection']);
    });
  });

  describe('Vobiz refused it (a 4xx other than 401/403)', () => {
    it('a change refused (400, 404, 429 after the retries): Show Log, not Check Connection, which would say nothing (defect 9)', () => {
      for (const status of [400, 404, 422, 429]) {
        assert.deepEqual(
          recoveryFor(http(status), { authId: AUTH_ID }),
          { problem: 'refused', actions: ['showLog'] },
          String(status),
        );
      }
    });

    it('a load refused (a path answered 404): the connection check may tell why, and Retry', () => {
      assert.deepEqual(recoveryFor(http(404), { authId: AUTH_ID, loading: true }).actions, [
        'showLog',
        'checkConnection',
        'retry',
      ]);
    });
  });

  describe('anything else', () => {
    it('a server error, a network error or a plain Error: Show Log, Check Connection', () => {
      for (const error of [http(503), new VobizApiError({ kind: 'network', message: 'ECONNRESET' }), new Error('boom')]) {
        assert.deepEqual(
          recoveryFor(error, { authId: AUTH_ID }),
          { problem: 'failed', actions: ['showLog', 'checkConnection'] },
          error.message,
        );
      }
    });

    it('a failed load adds Retry', () => {
      assert.deepEqual(
        recoveryFor(new VobizApiError({ kind: 'timeout', message: 'did not answer within 1 s' }), { loading: true }).actions,
        ['showLog', 'checkConnection', 'retry'],
      );
    });

    it('what is not an Error at all (a thrown string, nothing) is a failure too', () => {
      assert.deepEqual(recoveryFor('boom').actions, ['showLog', 'checkConnection']);
      assert.deepEqual(recoveryFor(undefined, { loading: true }).actions, ['showLog', 'checkConnection', 'retry']);
    });
  });
});
