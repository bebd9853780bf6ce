import type { Provenance } from './provenance';

/**
 * The source articles every real record comes from (`shared/seeds/`). Outlets, addresses
 * and dates are given only where the article itself shows them; unknown stays null.
 */
export interface SourceArticle {
  seed: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedOn: string | null;
  /** What `publishedOn` rests on when the article does not print the full date (null: nothing inferred). */
  publishedOnInferred: string | null;
}

export const SOURCE_ARTICLES: Record<string, SourceArticle> = {
  // Ends "Nguồn: nguoihanoi.com.vn"; reports the meeting of 14 July 2020 (same as 003), publication date not shown.
  '000': {
    seed: '000',
    title: 'Đưa khoa học, công nghệ trở thành một trong những đột phá có tính chiến lược của Thủ đô',
    outlet: 'Người Hà Nội',
    url: null,
    publishedOn: null,
    publishedOnInferred: null,
  },
  // The article carries its hanoimoi.vn address; it reports the meeting of 22 May 2025.
  '001': {
    seed: '001',
    title: 'Tập trung tháo gỡ khó khăn để thúc đẩy phát triển khoa học, công nghệ, đổi mới sáng tạo',
    outlet: 'Hà Nội Mới',
    url: 'https://hanoimoi.vn/tap-trung-thao-go-kho-khan-de-thuc-day-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-703182.html',
    publishedOn: '2025-05-22',
    publishedOnInferred: 'publication date: the article gives only the meeting day «Chiều 22-5»; the year 2025 and publication on the same day are inferred',
  },
  '002': {
    seed: '002',
    title: 'Hà Nội: Hoàn thiện cơ chế, hạ tầng để thúc đẩy công nghệ và đổi mới sáng tạo',
    outlet: null,
    url: null,
    publishedOn: null,
    publishedOnInferred: null,
  },
  // "Chiều nay (14/7)": the working session of 14 July 2020. The outlet is not named in the text.
  '003': {
    seed: '003',
    title: 'Xây dựng Hà Nội là trung tâm đổi mới sáng tạo của khu vực Đông Nam Á',
    outlet: null,
    url: null,
    publishedOn: '2020-07-14',
    publishedOnInferred:
      'publication date: the article says «Chiều nay (14/7)»; the year 2020 is inferred (the 17th Congress, term 2020-2025, was being prepared)',
  },
  // "sáng nay (3/4)": the summary conference of programme 07 on 3 April 2025.
  '004': {
    seed: '004',
    title: 'Khẳng định vị thế hàng đầu về công nghệ, đổi mới sáng tạo',
    outlet: null,
    url: null,
    publishedOn: '2025-04-03',
    publishedOnInferred:
      "publication date: the article says «sáng nay (3/4)»; the year 2025 is inferred (the 2021-2025 programme's summary, PII 2024 already ranked)",
  },
};

/** The sentence of a seed article that supports a record, and what the record adds to it. */
export interface Citation {
  /** Line of the article (1-based) that holds the quote. */
  line: number;
  /** Verbatim text of that line (a part of it; `…` is not allowed inside, quote one stretch). */
  quote: string;
  /** Other seed articles that state the same fact. */
  alsoIn?: string[];
  /** What the record states that the article does not (each said in plain words). */
  inferred?: string[];
}

/**
 * Provenance of a real record taken from seed article `seed`, with a note on what it says and,
 * where given, the sentence that supports it. The record's inferences are listed in
 * `inferences` (`inferred` is true when there are any); an inferred publication date is said
 * apart, in `publishedOnInferred`, since it concerns the article, not the record.
 */
export function sourceProvenance(seed: string, note?: string, citation?: Citation): Provenance {
  const article = SOURCE_ARTICLES[seed];
  if (!article) throw new Error(`Unknown seed article "${seed}"`);
  for (const other of citation?.alsoIn ?? []) if (!SOURCE_ARTICLES[other]) throw new Error(`Unknown seed article "${other}"`);
  const inferences = citation?.inferred ?? [];
  return {
    synthetic: false,
    seed,
    sourceTitle: article.title,
    outlet: article.outlet,
    url: article.url,
    publishedOn: article.publishedOn,
    publishedOnInferred: article.publishedOnInferred,
    note: note ?? null,
    quote: citation?.quote ?? null,
    line: citation?.line ?? null,
    seeds: [seed, ...(citation?.alsoIn ?? [])],
    inferred: inferences.length > 0,
    inferences,
  };
}
