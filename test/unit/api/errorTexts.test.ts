import * as assert from 'node:assert/strict';
import { forgetAccountSegments, httpErrorMessage, parseErrorBody } from '../../../src/api';
import { NUMBER, rejectionOf, SANDBOX, TRUNK, useFake } from '../helpers';

const NUMBERS_PATH = `/api/v1/Account/${SANDBOX.authId}/numbers`;
const CASING = /wrong path casing \(\/Account\/ vs \/account\/\)/;
const GATEWAY = /gateway that rewrites paths/;

describe('error texts: the request, the likely causes, the field messages', () => {
  const h = useFake();
  beforeEach(() => forgetAccountSegments());

  describe('401', () => {
    it('names the method and path, and the causes: the credentials, an Auth ID not of this token, path casing, a gateway', async () => {
      const err = await rejectionOf(() => h.client({ authToken: 'wrong-token-value' }).whoAmI());
      assert.equal(err.status, 401);
      assert.match(
        err.message,
        /^Vobiz did not accept the credentials \(HTTP 401 on GET \/api\/v1\/auth\/me\): check Auth ID \/ Auth Token/,
      );
      assert.match(err.message, /an Auth ID that is not the one of this token/);
      assert.match(err.message, /API base URL/);
      assert.match(err.message, CASING);
      assert.match(err.message, GATEWAY);
      assert.match(err.message, /Vobiz said: Authentication credentials were not provided or are invalid\./);
      assert.doesNotMatch(err.message, /wrong-token-value/);
    });

    it('never carries the token, even when the server echoes it', async () => {
      h.fake.inject({
        method: 'GET',
        fault: {
          type: 'status',
          status: 401,
          body: { error: 'unauthorized', message: `Token ${SANDBOX.authToken} is not valid` },
        },
      });
      const err = await rejectionOf(() => h.client().listTrunks());
      assert.ok(!err.message.includes(SANDBOX.authToken), err.message);
      assert.match(err.message, /HTTP 401 on GET \/api\/v1\/Account\/MA_DEMO0001\/trunks\)/);
      assert.match(err.message, /Token \*\*\* is not valid/);
    });
  });

  describe('404', () => {
    it('a list: names the path in use and the causes (unknown path, path casing, a gateway)', async () => {
      h.fake.inject({
        method: 'GET',
        path: '/numbers',
        times: 2,
        fault: { type: 'status', status: 404, body: { error: 'Not found', message: 'The requested resource does not exist.' } },
      });
      const err = await rejectionOf(() => h.client().listNumbers());
      assert.equal(
        err.message,
        `Vobiz found nothing there (HTTP 404 on GET ${NUMBERS_PATH}). Likely causes: an unknown number or path, a wrong path casing (/Account/ vs /account/), ` +
          'or a gateway that rewrites paths. Vobiz said: The requested resource does not exist.',
      );
    });

    it('a number: names the write and its path (the number encoded once), with what Vobiz said', async () => {
      const unknown = '+919999999999';
      const err = await rejectionOf(() => h.client().assignNumber(unknown, TRUNK.prod));
      assert.match(err.message, new RegExp(`HTTP 404 on POST ${NUMBERS_PATH}/%2B919999999999/assign\\)`));
      assert.match(err.message, /unknown number or path/);
      assert.match(err.message, /Vobiz said: The phone number could not be found/);
    });

    it('the causes do not read as "not assigned" (the routing rules read that in an unassign 404)', () => {
      assert.doesNotMatch(
        httpErrorMessage(404, { message: 'Number not found' }, { method: 'DELETE', path: '/x' }),
        /not assigned/i,
      );
      assert.match(httpErrorMessage(404, { message: 'The number is not assigned to any trunk.' }), /not assigned to any trunk/);
    });
  });

  describe('the newest envelope: a numeric status, validation details', () => {
    const envelope = {
      status: 422,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'Validation failed',
        details: {
          errors: [
            { field: 'trunk_group_id', message: 'is required' },
            { field: 'e164', message: 'must be E.164' },
          ],
        },
      },
      requestId: 'req_7',
    };

    it('is read: status, code, message, request id, field messages', () => {
      assert.deepEqual(parseErrorBody(JSON.stringify(envelope)), {
        requestId: 'req_7',
        apiId: undefined,
        status: 422,
        message: 'Validation failed',
        code: 'VALIDATION_ERROR',
        retryAfterMs: undefined,
        fieldErrors: ['trunk_group_id: is required', 'e164: must be E.164'],
      });
    });

    it('a 422 from the server: the field messages reach the user, with the request', async () => {
      h.fake.inject({
        method: 'POST',
        fault: { type: 'validation', errors: [{ field: 'trunk_group_id', message: 'is required' }] },
      });
      const err = await rejectionOf(() => h.client().assignNumber(NUMBER.unassigned, TRUNK.prod));
      assert.equal(err.status, 422);
      assert.equal(err.code, 'VALIDATION_ERROR');
      assert.equal(err.outcomeUnknown, false);
      assert.equal(
        err.message,
        `Vobiz refused the request as invalid (HTTP 422 on POST ${NUMBERS_PATH}/%2B918041234568/assign): trunk_group_id: is required. Vobiz said: The request is not valid.`,
      );
    });

    it('a 400 with details.errors too; strings and other spellings of an entry are read', () => {
      const info = parseErrorBody(
        JSON.stringify({
          status: 400,
          error: {
            code: 'BAD_REQUEST',
            message: 'Bad input.',
            details: { errors: ['page must be a number', { param: 'per_page', msg: 'at most 100' }, { nothing: 1 }] },
          },
        }),
      );
      assert.deepEqual(info.fieldErrors, ['page must be a number', 'per_page: at most 100']);
      assert.equal(
        httpErrorMessage(400, info),
        'Vobiz refused the request as invalid (HTTP 400): page must be a number; per_page: at most 100. Vobiz said: Bad input.',
      );
    });

    it('many field messages: the first eight, and how many more', () => {
      const errors = Array.from({ length: 11 }, (_, i) => ({ field: `f${i}`, message: 'bad' }));
      const info = parseErrorBody(
        JSON.stringify({ status: 422, error: { code: 'VALIDATION_ERROR', message: 'Invalid', details: { errors } } }),
      );
      assert.equal(info.fieldErrors?.length, 9);
      assert.equal(info.fieldErrors?.[8], 'and 3 more');
    });

    it('a body status other than the HTTP status is said', () => {
      assert.equal(httpErrorMessage(400, { message: 'Nope', status: 422 }), 'Nope. (HTTP 400; the answer says 422)');
      assert.equal(httpErrorMessage(400, { message: 'Nope', status: 400 }), 'Nope. (HTTP 400)');
    });

    it('an "already assigned" 400 reads as before (the routing rules look for it)', async () => {
      const err = await rejectionOf(() => h.client().assignNumber(NUMBER.onProd, TRUNK.support));
      assert.equal(err.message, 'This number is already assigned to a trunk. (HTTP 400)');
    });
  });
});
