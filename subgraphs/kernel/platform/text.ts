/**
 * Search that ignores Vietnamese diacritics and case: "so khoa hoc" finds "Sở Khoa học".
 * Text is folded once when a row is written (into a `search_text` column with a trigram
 * index) and the query is folded the same way, so the database compares plain ASCII and
 * no `unaccent` extension (not immutable, so not indexable) is needed.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folds and joins the searchable parts of a record, skipping empty ones. */
export function searchText(...parts: Array<string | null | undefined>): string {
  return foldForSearch(parts.filter((part): part is string => Boolean(part)).join(' '));
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches literally. */
export function likePattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
