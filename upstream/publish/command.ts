import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { AppError } from '../../core/kernel/errors';
import { required, type Command } from '../../core/kernel/command';
import { UsageError } from '../../core/kernel/errors';
import { kinds, type Published } from './publish';
import type { Format } from './table';

// `hq publish`: what the platform's back end does over HTTP, from a file at hand.

const contentTypes: Record<Format, string> = { csv: 'text/csv; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8' };

/** By its extension; otherwise a file whose first character is "{" is JSON lines. */
function formatOf(file: string, bytes: Buffer): Format {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  return bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart().startsWith('{') ? 'jsonl' : 'csv';
}

interface Answer {
  error?: { code: string; message: string };
  problems?: { line: number; message: string }[];
}

export const publishCommand: Command = {
  summary: "publish the platform's reference data (artisans, designs, orders, notices) to an upstream",
  usage: `hq publish --upstream URL --platform-key KEY --kind KIND FILE
  KIND: ${Object.keys(kinds).join(', ')}.
  FILE: CSV with a header row (.csv) or JSON lines (.jsonl) with the same field names, in UTF-8.
  The file is published whole or not at all: each bad row is listed with its line, nothing changes, exit 1.`,
  options: { upstream: { type: 'string' }, 'platform-key': { type: 'string' }, kind: { type: 'string' } },
  async run(values, positionals) {
    const url = required(values, 'upstream');
    const kind = required(values, 'kind');
    if (!kinds[kind]) throw new UsageError(`--kind is one of ${Object.keys(kinds).join(', ')}, not "${kind}"`);
    if (positionals.length !== 1) throw new UsageError('give one FILE to publish');
    const file = positionals[0]!;
    const bytes = await readFile(file).catch((error: Error) => {
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    });
    const response = await fetch(new URL(`/platform/v1/publish/${kind}`, url), {
      method: 'POST',
      headers: { authorization: `Bearer ${required(values, 'platform-key')}`, 'content-type': contentTypes[formatOf(file, bytes)] },
      body: bytes,
    }).catch(() => {
      throw new AppError('sync.unreachable', `The upstream ${url} does not answer`, { url });
    });
    const answer = (await response.json().catch(() => {
      throw new AppError('sync.notJson', `${url} answered with something that is not Karakana's upstream`, { url });
    })) as Answer & Partial<Published>;
    for (const problem of answer.problems ?? []) console.error(`line ${problem.line}: ${problem.message}`);
    if (answer.error) throw new AppError(answer.error.code, answer.error.message);
    console.log(`${kind}: ${answer.rows} rows read, ${answer.published} published (new or changed, the rest as the upstream holds them); upstream at ${answer.head}`);
  },
};
