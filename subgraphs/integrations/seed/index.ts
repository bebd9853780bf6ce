import type { Db } from '../../kernel/platform/db';
import type * as schema from '../db/schema';

/** The change log starts empty: it records what happens from now on. */
export async function seed(_db: Db<typeof schema>): Promise<void> {}
