import { AppError } from '../../core/kernel/errors';
import type { Upstream } from '../service';
import type { Kind } from './kind';
import { artisanOrders } from './kinds/artisanOrders';
import { artisans } from './kinds/artisans';
import { customerOrders } from './kinds/customerOrders';
import { deliveryNotices } from './kinds/deliveryNotices';
import { designs } from './kinds/designs';
import { readTable, type Format, type Problem, type Table } from './table';

// The platform's reference data published to the upstream, a file at a time: the whole file is
// taken or none of it. Its facts are recorded by the upstream itself (station UP) in the global
// order, as the platform's actor: no person of the site, so the id is no user's.

export const kinds: Record<string, Kind> = {
  artisans,
  designs,
  'artisan-orders': artisanOrders,
  'delivery-notices': deliveryNotices,
  'customer-orders': customerOrders,
};

export const platformActor = 'platform';

export interface Published {
  kind: string;
  rows: number;
  /** Facts recorded: rows (or notices, orders) new or changed since the store last had them. */
  published: number;
  head: number;
}

/** A file refused whole: every problem with its line, in the file's order. */
export class FileRefused extends AppError {
  constructor(readonly problems: Problem[]) {
    super('publish.refused', `${problems.length} problem(s) in the file; nothing was published`, { count: problems.length });
  }
}

// Publishes take turns, so two at once cannot both find the same row changed and record it twice.
const turns = new WeakMap<Upstream, Promise<unknown>>();

export async function publishFile(upstream: Upstream, kindName: string, text: string, format: Format, now = new Date()): Promise<Published> {
  const kind = kinds[kindName];
  if (!kind) throw new AppError('publish.unknownKind', `No kind "${kindName}": the kinds are ${Object.keys(kinds).join(', ')}`, { kind: kindName, kinds: Object.keys(kinds).join(', ') });
  const table = readTable(text, format);
  const problems = [...table.problems];
  // Without its columns, or any row that reads, a file's rows have nothing more worth saying.
  const columns = columnProblems(table, kind, format);
  if (columns.length || (problems.length && !table.rows.length)) throw new FileRefused(sorted([...problems, ...columns]));
  if (table.rows.length === 0) throw new FileRefused([{ line: 1, error: new AppError('publish.noRows', 'the file has no rows to publish') }]);
  const turn = (turns.get(upstream) ?? Promise.resolve()).then(async () => {
    const facts = await kind.facts(table.rows, { db: upstream.store.db, problems, now });
    if (problems.length) throw new FileRefused(sorted(problems));
    if (facts.length) await upstream.publish(facts, platformActor, now);
    return { kind: kindName, rows: table.rows.length, published: facts.length, head: await upstream.head() };
  });
  turns.set(upstream, turn.catch(() => undefined));
  return turn;
}

function columnProblems(table: Table, kind: Kind, format: Format): Problem[] {
  const known = new Set([...kind.required, ...kind.optional]);
  const problems: Problem[] = table.columns
    .filter((c) => !known.has(c.name))
    .map((c) => ({ line: c.line, error: new AppError('publish.unknownColumn', `there is no column "${c.name}" (the columns are ${[...known].join(', ')})`, { column: c.name, columns: [...known].join(', ') }) }));
  // A CSV file names its columns once, in its header; a JSON line without a field is that line's problem.
  if (format === 'csv' && table.rows.length)
    for (const column of kind.required)
      if (!table.columns.some((c) => c.name === column)) problems.push({ line: 1, error: new AppError('publish.missingColumn', `the header has no column "${column}"`, { column }) });
  return problems;
}

/** In the file's order, each problem once (a field read twice, for a document and its line, fails twice). */
function sorted(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = JSON.stringify([p.line, p.error.code, p.error.params]);
      return !seen.has(key) && seen.add(key);
    })
    .sort((a, b) => a.line - b.line);
}
