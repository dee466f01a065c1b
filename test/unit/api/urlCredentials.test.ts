import * as assert from 'node:assert/strict';
import { maskUrlCredentials } from '../../../src/api';

describe('credentials in URLs, hidden for showing', () => {
  it('everything in the authority up to its last @ is hidden: with a scheme or without, user only, @ and : in the password, unparseable', () => {
    const cases: [string, string][] = [
      ['http://user:secret@proxy.example.com:8080', 'http://***@proxy.example.com:8080'],
      ['user:secret@proxy.example.com:8080', '***@proxy.example.com:8080'],
      ['token-as-user@proxy.example.com:8080', '***@proxy.example.com:8080'],
      ['https://user:p@ss:w0rd@api.example.com/v1?x=1', 'https://***@api.example.com/v1?x=1'],
      ['https://user:pa ss@api.example.com', 'https://***@api.example.com'],
      ['https://:secret@[::1]:3128', 'https://***@[::1]:3128'],
      ['  http://user:secret@proxy:8080 ', 'http://***@proxy:8080'],
      ['http:/user:secret@proxy', 'http:/***@proxy'],
      ['http:\\\\user:secret@proxy', 'http:\\\\***@proxy'],
      ['http:user:secret@proxy', '***@proxy'],
      ['http://user:secret@', 'http://***@'],
    ];
    for (const [url, shown] of cases) assert.equal(maskUrlCredentials(url), shown, url);
  });

  it('a password holding an unencoded / ? or # is hidden up to the last @ (the authority before it is no host:port)', () => {
    assert.equal(maskUrlCredentials('http://user:pa/ss@proxy:8080'), 'http://***@proxy:8080');
    assert.equal(maskUrlCredentials('http://user:pa?ss@proxy:8080'), 'http://***@proxy:8080');
    assert.equal(maskUrlCredentials('http://user:pa#ss@proxy:8080'), 'http://***@proxy:8080');
    assert.equal(maskUrlCredentials('http://user:/pass@proxy:8080'), 'http://***@proxy:8080');
    assert.equal(maskUrlCredentials('user:p@ss/w0rd@proxy:8080'), '***@proxy:8080');
  });

  it('a URL without credentials is shown as it is, an @ in its path or query included', () => {
    for (const url of [
      'https://api.vobiz.ai',
      'http://127.0.0.1:8787',
      'proxy.example.com:8080',
      'https://api.example.com:8443/v1/@me?mail=a@b.c',
      'https://[::1]:8443/x@y',
      'not a url',
      '',
    ]) {
      assert.equal(maskUrlCredentials(url), url, url);
    }
  });
});
