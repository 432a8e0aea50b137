import type { Kysely } from 'kysely';

// Schema 8: plating.
export async function up(_db: Kysely<unknown>): Promise<void> {}
