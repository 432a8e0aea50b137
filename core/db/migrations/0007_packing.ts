import type { Kysely } from 'kysely';

// Schema 7: packing.
export async function up(_db: Kysely<unknown>): Promise<void> {}
