import type { Kysely } from 'kysely';

// Schema 6: printing.
export async function up(_db: Kysely<unknown>): Promise<void> {}
