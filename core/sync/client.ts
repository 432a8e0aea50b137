import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../kernel/errors';
import {
  enrollRequest,
  enrollResponse,
  errorResponse,
  maxSnapshotPart,
  protocolHeader,
  protocolVersion,
  pullResponse,
  pushResponse,
  snapshotResponse,
  stationCodesResponse,
  type WireEvent,
} from './protocol';

const maxResponseBytes = 64 << 20;

/** The schema of an answer that is bytes (a piece of a snapshot), not JSON. */
const bytes = z.instanceof(Uint8Array);

export interface UpstreamLink {
  url: string;
  token: string | null;
  timeoutMs?: number;
  /** A real upstream enrolls only stations (and hubs) that present the site's enrollment key. */
  enrollKey?: string;
}

/** Loopback: the one address where plain http cannot be read or changed on the way. */
function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Plain http to another machine: the site key, the token and the site's data travel readable and changeable. */
export function isInsecure(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && !isLoopback(parsed);
}

// Node's TLS codes for a certificate it will not trust: unknown issuer, self-signed, expired, another name.
const certificateProblem = /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET_ISSUER)/;

/**
 * One request to the upstream. Whatever comes back is parsed into the protocol's types or
 * becomes a clear AppError: no answer, not JSON (an HTML login page of a captive portal), too
 * large, the wrong shape, a refused token.
 */
async function request<S extends z.ZodType>(link: UpstreamLink, path: string, schema: S, body?: unknown): Promise<{ data: z.output<S>; sentAt: number; receivedAt: number }> {
  const headers: Record<string, string> = { [protocolHeader]: String(protocolVersion), 'accept-encoding': 'gzip' };
  if (link.token) headers.authorization = `Bearer ${link.token}`;
  if (link.enrollKey) headers['karakana-enroll-key'] = link.enrollKey;
  let payload: Uint8Array | undefined;
  if (body !== undefined) {
    payload = body instanceof Encoded ? body.bytes : encoded(body).bytes;
    headers['content-type'] = 'application/json';
    headers['content-encoding'] = 'gzip';
  }
  const sentAt = Date.now();
  let response: Response;
  try {
    response = await fetch(new URL(path, link.url), {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      body: payload as BodyInit | undefined,
      signal: AbortSignal.timeout(link.timeoutMs ?? 20_000),
    });
  } catch (error) {
    const reason = ((error as Error).cause as { code?: string } | undefined)?.code ?? '';
    if (certificateProblem.test(reason))
      throw new AppError('sync.badCertificate', `The upstream ${link.url} shows a certificate this station does not trust (${reason})`, { url: link.url, reason });
    throw new AppError('sync.unreachable', `The upstream ${link.url} does not answer (${(error as Error).message})`, { url: link.url });
  }
  const receivedAt = Date.now();
  if ((schema as z.ZodType) === bytes && response.ok && (response.headers.get('content-type') ?? '').startsWith('application/octet-stream')) {
    const data = new Uint8Array(await response.arrayBuffer().catch(() => {
      throw new AppError('sync.unreachable', `The upstream ${link.url} stopped mid-answer`, { url: link.url });
    }));
    if (data.length > maxSnapshotPart) throw new AppError('sync.badResponse', `The upstream sent ${data.length} bytes`, { url: link.url });
    return { data: data as z.output<S>, sentAt, receivedAt };
  }
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxResponseBytes) throw new AppError('sync.badResponse', `The upstream sent ${length} bytes`, { url: link.url });
  const text = await response.text().catch(() => {
    throw new AppError('sync.unreachable', `The upstream ${link.url} stopped mid-answer`, { url: link.url });
  });
  if (text.length > maxResponseBytes) throw new AppError('sync.badResponse', `The upstream sent ${text.length} characters`, { url: link.url });
  if (!(response.headers.get('content-type') ?? '').includes('application/json'))
    throw new AppError('sync.notJson', `${link.url} answered ${response.status} with something that is not Karakana's upstream`, { url: link.url, status: response.status });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('sync.badResponse', `The upstream's answer is not valid JSON`, { url: link.url });
  }
  if (!response.ok) {
    const refused = errorResponse.safeParse(json);
    const code = refused.success ? refused.data.error.code : 'sync.upstreamError';
    const message = refused.success ? refused.data.error.message : `HTTP ${response.status}`;
    const params = refused.success ? refused.data.error.params : {};
    throw new AppError(code.startsWith('sync.') ? code : 'sync.upstreamError', message, { ...params, url: link.url, status: response.status });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('sync.badResponse', `The upstream's answer does not follow the protocol: ${parsed.error.issues[0]?.message}`, { url: link.url });
  return { data: parsed.data, sentAt, receivedAt };
}

/** Plain http to another machine only when the person allowed it (insecureHttp), checked before the site key is sent. */
function refuseInsecure(url: string, insecureHttp: boolean): void {
  if (isInsecure(url) && !insecureHttp)
    throw new AppError('sync.insecureHttp', `${url} is plain http to another machine: use https, or allow plain http explicitly`, { url });
}

/** Enrolls with the upstream. */
export async function enroll(link: UpstreamLink, input: z.input<typeof enrollRequest>, insecureHttp = false) {
  refuseInsecure(link.url, insecureHttp);
  return request(link, '/sync/v1/enroll', enrollResponse, input);
}

/** The codes the site's stations hold, asked with the site key before joining, so the join form suggests a free one. */
export async function stationCodes(link: UpstreamLink, insecureHttp = false) {
  refuseInsecure(link.url, insecureHttp);
  return (await request(link, '/sync/v1/codes', stationCodesResponse)).data.codes;
}

/** A request's body as it travels (gzipped JSON), made before it is sent. */
export class Encoded {
  constructor(readonly bytes: Uint8Array) {}
}

const encoded = (body: unknown) => new Encoded(new Uint8Array(gzipSync(JSON.stringify(body))));

/** A batch ready to push: a station makes its next one while the upstream works on the last. */
export const pushBody = (events: WireEvent[]) => encoded({ events });

export function push(link: UpstreamLink, events: WireEvent[] | Encoded) {
  return request(link, '/sync/v1/push', pushResponse, events instanceof Encoded ? events : { events });
}

export function pull(link: UpstreamLink, after: number, limit: number) {
  return request(link, `/sync/v1/pull?after=${after}&limit=${limit}`, pullResponse);
}

export function snapshot(link: UpstreamLink, atLeast: number) {
  return request(link, '/sync/v1/snapshot', snapshotResponse, { atLeast });
}

export function snapshotPart(link: UpstreamLink, id: string, offset: number, limit = maxSnapshotPart) {
  return request(link, `/sync/v1/snapshot/${encodeURIComponent(id)}?offset=${offset}&limit=${limit}`, bytes);
}
