import DataLoader from 'dataloader';
import type { Connection, ConnectionArgs } from './pagination';

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

/** A parent's page of a nested list: which parent, the connection arguments the client gave, and which kind of rows. */
export interface ParentPage {
  parentId: string;
  args: ConnectionArgs;
  /** Rows by their `synthetic` flag (see syntheticScope): true demo only, false real only, null both. */
  synthetic: boolean | null;
}

/**
 * Loads a page of a nested connection for each parent (e.g. `Programme.indicators` for every
 * programme of a page): keys asking the same page arguments and kind share one call of `fetch`, which
 * answers all their parents at once (`keysetConnectionsByParent`: one SQL statement).
 */
export function loaderOfPages<Row>(
  fetch: (parentIds: readonly string[], args: ConnectionArgs, synthetic: boolean | null) => Promise<Map<string, Connection<Row>>>,
): DataLoader<ParentPage, Connection<Row>, string> {
  const argsKey = ({ args, synthetic }: ParentPage) =>
    JSON.stringify([args.first ?? null, args.after ?? null, args.last ?? null, args.before ?? null, synthetic]);
  return new DataLoader<ParentPage, Connection<Row>, string>(
    async (keys) => {
      const groups = new Map<string, ParentPage[]>();
      for (const key of keys) {
        const group = groups.get(argsKey(key));
        if (group) group.push(key);
        else groups.set(argsKey(key), [key]);
      }
      const answers = new Map<string, Map<string, Connection<Row>>>();
      await Promise.all(
        [...groups].map(async ([group, members]) => {
          answers.set(group, await fetch([...new Set(members.map((member) => member.parentId))], members[0]!.args, members[0]!.synthetic));
        }),
      );
      return keys.map((key) => answers.get(argsKey(key))?.get(key.parentId) ?? new Error(`No page for ${key.parentId}`));
    },
    { cacheKeyFn: (key) => `${argsKey(key)}|${key.parentId}` },
  );
}
