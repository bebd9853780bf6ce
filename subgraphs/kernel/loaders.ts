import DataLoader from 'dataloader';

/**
 * DataLoader shapes every subgraph needs. One SQL statement per batch: a request that
 * resolves 100 rows' parents costs the same one query as a request for 10.
 */

/** Loads records by id; a missing id resolves to null (the caller decides whether that is NOT_FOUND). */
export function loaderById<T>(fetch: (ids: readonly string[]) => Promise<T[]>, idOf: (row: T) => string): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await fetch(ids);
    const byId = new Map(rows.map((row) => [idOf(row), row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Loads the rows that belong to each key (e.g. the observations of each indicator), in fetch order. */
export function loaderByGroup<T>(fetch: (keys: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}
