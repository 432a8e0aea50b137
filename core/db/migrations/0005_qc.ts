import type { Kysely } from 'kysely';

// Schema 5: qc.
export async function up(_db: Kysely<unknown>): Promise<void> {}
