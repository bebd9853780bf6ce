/** The provenance every seeded or generated record carries (GraphQL type `Provenance`). */
export interface Provenance {
  synthetic: boolean;
  sourceTitle?: string | null;
  outlet?: string | null;
  url?: string | null;
  publishedOn?: string | null;
  seed?: string | null;
  note?: string | null;
}

/** Provenance of invented demonstration data: say how it was generated. */
export function syntheticProvenance(note: string): Provenance {
  return { synthetic: true, note };
}
