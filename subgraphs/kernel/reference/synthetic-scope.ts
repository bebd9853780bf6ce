import { eq, type AnyColumn, type SQL } from 'drizzle-orm';

/**
 * Which records a nested list, count or aggregate shows, by their `synthetic` flag: the
 * `synthetic` argument when the caller gives it (explicit null: both kinds), otherwise the
 * parent record's own kind, so a real record's lists are real-only and demo records never
 * mix into real ones unless asked for. A parent whose kind is unknown counts as real.
 * The result is true (demo only), false (real only) or null (both).
 */
export function syntheticScope(parentSynthetic: boolean | null | undefined, requested: boolean | null | undefined): boolean | null {
  if (requested === undefined) return parentSynthetic ?? false;
  return requested;
}

/** The rows of `rows` in `scope` (null: all of them). */
export function inSyntheticScope<T extends { synthetic: boolean }>(rows: readonly T[], scope: boolean | null): T[] {
  return scope === null ? [...rows] : rows.filter((row) => row.synthetic === scope);
}

/** The `synthetic` flag of a parent another subgraph owns, as `@requires(fields: "provenance { synthetic }")` hands it over. */
export function requiredSynthetic(parent: { provenance?: { synthetic?: boolean | null } | null }): boolean | null {
  return parent.provenance?.synthetic ?? null;
}

/** The SQL condition for rows in `scope` on their `synthetic` column (none for null: both kinds). */
export function syntheticCondition(column: AnyColumn, scope: boolean | null): SQL | undefined {
  return scope === null ? undefined : eq(column, scope);
}
