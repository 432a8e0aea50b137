import type { z } from 'zod';
import { featureContracts } from '../featureContracts';

// The one contract between the UI and the core: every procedure and topic, with its input and
// output schemas and who may call it, joined from the features' parts (core/featureContracts.ts).
// Both transports (Electron IPC, HTTP + WebSocket) carry it.

type Part = (typeof featureContracts)[number];
type TopicsOf<P> = P extends { topics: infer T } ? T : never;
type Joined<U> = (U extends unknown ? (u: U) => void : never) extends (joined: infer I) => void ? { [K in keyof I]: I[K] } : never;

/** The parts as one map; a name two features declare is a programming error caught at load. */
function join(parts: readonly object[]): Record<string, unknown> {
  const joined: Record<string, unknown> = {};
  for (const part of parts)
    for (const [name, value] of Object.entries(part)) {
      if (name in joined) throw new Error(`${name} is declared by two features`);
      joined[name] = value;
    }
  return joined;
}

export const procedures = join(featureContracts.map((part) => part.procedures)) as Joined<Part['procedures']>;
export const topics = join(featureContracts.map((part) => ('topics' in part ? part.topics : {}))) as Joined<TopicsOf<Part>>;

export { deviceDrivers, deviceKinds, type DeviceKind } from '../devices/kinds';

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type Input<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ParsedInput<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type Output<N extends ProcedureName> = z.output<Procedures[N]['output']>;
export type TopicName = keyof typeof topics;
export type TopicPayload<T extends TopicName> = z.output<(typeof topics)[T]>;
export type User = Output<'session.me'>;
export type Status = Output<'status.get'>;
export type SyncDetail = Output<'sync.status'>;
export type Delivery = Output<'receiving.open'>;
export type ArtisanPage = Output<'artisans.page'>;
export type LotFilters = ParsedInput<'lots.count'>['filters'];
export type LotRow = Output<'lots.get'>['lot'];
export type LotEvent = Output<'lots.get'>['history'][number];
export type LotExpected = NonNullable<Output<'lots.get'>['expected']>;
