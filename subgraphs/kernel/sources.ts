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
}

export const SOURCE_ARTICLES: Record<string, SourceArticle> = {
  // Ends "Nguồn: nguoihanoi.com.vn"; reports the meeting of 14 July 2020 (same as 003), publication date not shown.
  '000': { seed: '000', title: 'Đưa khoa học, công nghệ trở thành một trong những đột phá có tính chiến lược của Thủ đô', outlet: 'Người Hà Nội', url: null, publishedOn: null },
  // The article carries its hanoimoi.vn address; it reports the meeting of 22 May 2025.
  '001': {
    seed: '001',
    title: 'Tập trung tháo gỡ khó khăn để thúc đẩy phát triển khoa học, công nghệ, đổi mới sáng tạo',
    outlet: 'Hà Nội Mới',
    url: 'https://hanoimoi.vn/tap-trung-thao-go-kho-khan-de-thuc-day-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-703182.html',
    publishedOn: '2025-05-22',
  },
  '002': { seed: '002', title: 'Hà Nội: Hoàn thiện cơ chế, hạ tầng để thúc đẩy công nghệ và đổi mới sáng tạo', outlet: null, url: null, publishedOn: null },
  // "Chiều nay (14/7)": the working session of 14 July 2020. The outlet is not named in the text.
  '003': { seed: '003', title: 'Xây dựng Hà Nội là trung tâm đổi mới sáng tạo của khu vực Đông Nam Á', outlet: null, url: null, publishedOn: '2020-07-14' },
  // "sáng nay (3/4)": the summary conference of programme 07 on 3 April 2025.
  '004': { seed: '004', title: 'Khẳng định vị thế hàng đầu về công nghệ, đổi mới sáng tạo', outlet: null, url: null, publishedOn: '2025-04-03' },
};

/** Provenance of a real record taken from seed article `seed`, with a note on what it says. */
export function sourceProvenance(seed: string, note?: string): Provenance {
  const article = SOURCE_ARTICLES[seed];
  if (!article) throw new Error(`Unknown seed article "${seed}"`);
  return {
    synthetic: false,
    seed,
    sourceTitle: article.title,
    outlet: article.outlet,
    url: article.url,
    publishedOn: article.publishedOn,
    note: note ?? null,
  };
}
