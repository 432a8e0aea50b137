import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { logIn, openStation, request, type Station } from './testing';

// What a web page open in a browser on the same PC, or a rebound DNS name, can get the station
// server to do: nothing. The oracle throughout is the user's own login: six wrong PINs that got
// through would lock wanjiru, and her right PIN would then be refused.

const wrongPins = 6;

function wrongLogin(station: Station, headers: Record<string, string>, body = JSON.stringify({ input: { username: 'wanjiru', pin: '0000' } })) {
  return request(station.port, '/api/session.login', { method: 'POST', headers, body });
}

describe('the station server answers only requests addressed to itself', () => {
  it('refuses a rebound name (Host: evil.example) with 403 api.foreignHost, pages and calls alike, and does nothing', async () => {
    const station = await openStation();
    const evil = `evil.example:${station.port}`;
    for (let i = 0; i < wrongPins; i++) {
      const answer = await wrongLogin(station, { host: evil, 'content-type': 'application/json' });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ ok: false, error: { code: 'api.foreignHost' } });
    }
    const page = await request(station.port, '/', { headers: { host: evil } });
    expect(page.status).toBe(403);
    expect(page.json()).toMatchObject({ ok: false, error: { code: 'api.foreignHost' } });
    expect(await logIn(station, 'wanjiru', '1111')).toMatchObject({ ok: true });
  });

  it('answers to the loopback names with its own port, and to nothing else', async () => {
    const station = await openStation();
    for (const host of [`127.0.0.1:${station.port}`, `localhost:${station.port}`, `LOCALHOST:${station.port}`, `[::1]:${station.port}`])
      expect((await request(station.port, '/', { headers: { host } })).status, host).toBe(503); // the renderer is not built here
    const other = station.port === 65535 ? 65534 : station.port + 1;
    for (const host of [`127.0.0.1:${other}`, '127.0.0.1', `127.0.0.2:${station.port}`, `evil.example@127.0.0.1:${station.port}`, `localhost.:${station.port}`])
      expect((await request(station.port, '/', { headers: { host } })).status, host).toBe(403);
  });

  it('on every interface (0.0.0.0), answers to the machine’s addresses and the names it was given, not others', async () => {
    const station = await openStation({ host: '0.0.0.0', allowedHosts: ['Station-3.local'] });
    // A PC of the LAN reaches it by the machine's address (loopback where the machine has no other).
    const lan = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && !entry.internal && entry.family === 'IPv4');
    const address = lan?.address ?? '127.0.0.1';
    for (const host of [`${address}:${station.port}`, `station-3.local:${station.port}`, `0.0.0.0:${station.port}`])
      expect((await request(station.port, '/', { headers: { host } })).status, host).toBe(503);
    for (const host of [`evil.example:${station.port}`, `station-4.local:${station.port}`, `10.254.254.254:${station.port}`])
      expect((await request(station.port, '/', { headers: { host } })).status, host).toBe(403);
  });
});

describe('calls from pages of other sites', () => {
  it('refuses a foreign Origin (and the opaque "null") with 403 api.foreignOrigin, and does nothing', async () => {
    const station = await openStation();
    const host = `127.0.0.1:${station.port}`;
    for (const origin of ['http://evil.example', `http://127.0.0.1:${station.port + 1}`, `https://${host}`, 'null']) {
      for (let i = 0; i < wrongPins; i++) {
        const answer = await wrongLogin(station, { host, origin, 'content-type': 'application/json' });
        expect(answer.status, origin).toBe(403);
        expect(answer.json()).toMatchObject({ ok: false, error: { code: 'api.foreignOrigin' } });
      }
    }
    expect(await logIn(station, 'wanjiru', '1111')).toMatchObject({ ok: true });
  });

  it('takes a call from its own pages, whatever loopback name they were opened by', async () => {
    const station = await openStation();
    for (const host of [`127.0.0.1:${station.port}`, `localhost:${station.port}`]) {
      const answer = await request(station.port, '/api/session.login', {
        method: 'POST',
        headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input: { username: 'grace', pin: '9999' } }),
      });
      expect(answer.json(), host).toMatchObject({ ok: true, data: { user: { username: 'grace' } } });
    }
  });

  it('takes JSON only: text/plain and forms (what a page may send another site unasked) get 415 api.notJson, and do nothing', async () => {
    const station = await openStation();
    const host = `127.0.0.1:${station.port}`;
    const sneaky: Record<string, string>[] = [
      { 'content-type': 'text/plain;charset=UTF-8' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { 'content-type': 'application/jsonp' },
      { 'content-type': 'application/json; charset=latin1' },
      {},
    ];
    for (const headers of sneaky)
      for (let i = 0; i < wrongPins; i++) {
        const answer = await wrongLogin(station, { host, ...headers });
        expect(answer.status, JSON.stringify(headers)).toBe(415);
        expect(answer.json()).toMatchObject({ ok: false, error: { code: 'api.notJson' } });
      }
    expect(await logIn(station, 'wanjiru', '1111')).toMatchObject({ ok: true });

    const withCharset = await request(station.port, '/api/session.login', {
      method: 'POST',
      headers: { host, 'content-type': 'Application/JSON; charset="UTF-8"' },
      body: JSON.stringify({ input: { username: 'grace', pin: '9999' } }),
    });
    expect(withCharset.json()).toMatchObject({ ok: true });
  });
});
