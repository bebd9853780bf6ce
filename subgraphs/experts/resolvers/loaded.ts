/**
 * A row that a foreign key guarantees: missing means the database is inconsistent, a bug
 * the client cannot fix, so it surfaces as an internal error (masked by the kernel).
 */
export function requireLoaded<T>(row: T | null, typename: string, id: string): T {
  if (row === null) throw new Error(`${typename} ${id} is referenced but missing`);
  return row;
}
