import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError, toErrorBody } from '../../core/kernel/errors';
import type { Upstream } from '../service';
import { FileRefused, publishFile } from './publish';
import type { Format } from './table';

// POST /platform/v1/publish/{kind}, Authorization: Bearer <platform key>, the file as the body
// (text/csv, or application/x-ndjson for JSON lines). The platform's own door: a station's token
// or the enrollment key opens nothing here, and a real upstream without a platform key takes nothing.

const maxFile = 32 << 20;

const formats: Record<string, Format> = { 'text/csv': 'csv', 'application/x-ndjson': 'jsonl', 'application/jsonl': 'jsonl' };

export interface PlatformAnswer {
  status: number;
  body: unknown;
}

const refusal = (status: number, error: AppError): PlatformAnswer => ({ status, body: { error: toErrorBody(error) } });

export async function platformRequest(upstream: Upstream, req: IncomingMessage, url: URL, platformKey: string | null): Promise<PlatformAnswer> {
  const kind = /^\/platform\/v1\/publish\/([a-z-]{1,40})$/.exec(url.pathname)?.[1];
  if (!kind || req.method !== 'POST') return refusal(404, new AppError('sync.badRequest', `No ${req.method} ${url.pathname} here`));
  if (!platformKey && !upstream.demo) return refusal(403, new AppError('publish.disabled', 'This upstream takes no platform data: it was started without --platform-key'));
  if (platformKey && !sameKey(bearer(req), platformKey)) return refusal(401, new AppError('publish.unauthorized', 'Publishing needs the platform key (Authorization: Bearer KEY)'));
  const format = formats[(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()];
  if (!format) return refusal(415, new AppError('publish.contentType', 'Send the file as text/csv or application/x-ndjson (JSON lines)'));
  try {
    return { status: 200, body: await publishFile(upstream, kind, await readText(req), format) };
  } catch (error) {
    if (error instanceof FileRefused)
      return { status: 422, body: { error: toErrorBody(error), problems: error.problems.map((p) => ({ line: p.line, ...toErrorBody(p.error) })) } };
    if (error instanceof AppError && error.code === 'publish.unknownKind') return refusal(404, error);
    if (error instanceof AppError && error.code.startsWith('publish.')) return refusal(400, error);
    throw error;
  }
}

function bearer(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

/** Compared in constant time: how long a wrong key takes to refuse says nothing about the right one. */
function sameKey(given: string, key: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(key));
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxFile) throw new AppError('publish.tooLarge', `The file is larger than ${maxFile >> 20} MiB; publish it in parts`, { mib: maxFile >> 20 });
    chunks.push(chunk);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError('publish.notUtf8', 'The file is not UTF-8 text; save it as "CSV UTF-8"');
  }
}
