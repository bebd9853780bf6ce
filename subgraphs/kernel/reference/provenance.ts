/** The provenance every seeded or generated record carries (GraphQL type `Provenance`). */
export interface Provenance {
  synthetic: boolean;
  sourceTitle?: string | null;
  outlet?: string | null;
  url?: string | null;
  publishedOn?: string | null;
  seed?: string | null;
  /** How `publishedOn` was worked out when the article does not print the full date. */
  publishedOnInferred?: string | null;
  note?: string | null;
  /** The sentence of the seed article that supports the record, verbatim. */
  quote?: string | null;
  /** The line of the seed article (1-based, as `cat -n` numbers it) that holds `quote`. */
  line?: number | null;
  /** Every seed article that states the record (the first is `seed`). */
  seeds?: string[] | null;
  /** True when the record states something its source does not say (see `inferences`). */
  inferred?: boolean | null;
  /** What the record states that the source does not: each an inference, said in plain words. */
  inferences?: string[] | null;
}

/** Provenance of invented demonstration data: say how it was generated. */
export function syntheticProvenance(note: string): Provenance {
  return { synthetic: true, note };
}

/**
 * Provenance of a record written through the API: the request that wrote it, and `verb`
 * (Recorded, Published, Granted...). Real unless it hangs off a demo record (`synthetic`).
 */
export function apiProvenance(context: { requestId: string }, verb: string, synthetic = false): Provenance {
  return { synthetic, note: `${verb} through the API (request ${context.requestId}).` };
}
