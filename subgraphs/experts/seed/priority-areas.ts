/**
 * The programme's priority areas, each with the seed article(s) and exact quote that name it
 * (`research/priority-areas.json`). `seeds: null` marks an area that is NOT in the seed
 * articles; it is kept with an honest note, never with seed provenance.
 */
export interface PriorityArea {
  code: string;
  nameEn: string;
  nameVi: string;
  /** The broader priority area, e.g. digital economy under digital transformation. */
  parent: string | null;
  seeds: string[] | null;
  quote: string | null;
  /** Related FOS 2007 fields. */
  fos: string[];
  note?: string;
}

export const PRIORITY_AREAS: readonly PriorityArea[] = [
  {
    code: 'PA-AI',
    nameEn: 'Artificial intelligence',
    nameVi: 'Trí tuệ nhân tạo',
    parent: null,
    seeds: ['001'],
    quote: 'lựa chọn, thu hút 100 chuyên gia giỏi để tham gia những chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia',
    fos: ['1.2', '2.2'],
    note: 'Only seed 001 names AI, as one of the central Steering Committee\'s 5 content groups (national level, not a Hanoi programme 07 line). Seed 004\'s sidebar mentions "VinBigdata mở đăng ký khóa Kỹ sư AI", but that is page furniture, not article text.',
  },
  {
    code: 'PA-BIO',
    nameEn: 'Biotechnology',
    nameVi: 'Công nghệ sinh học',
    parent: null,
    seeds: ['002', '003', '004'],
    quote:
      'Hoạt động nghiên cứu khoa học trên các lĩnh vực vật liệu mới, công nghệ sinh học, công nghệ thông tin, nông nghiệp công nghệ cao... cũng đạt những kết quả tích cực (003); Hoàn thành xây  dựng dự án Khu công nghệ cao sinh học tại quận Bắc Từ Liêm (002); Ứng dụng công nghệ sinh học trong việc sản xuất các loại giống cây, con, kỹ thuật canh tác, phòng trừ dịch bệnh, bảo quản, chế biến nông lâm thủy sản (004)',
    fos: ['2.8', '2.9', '3.4', '4.4', '1.6'],
  },
  {
    code: 'PA-MAT',
    nameEn: 'New materials',
    nameVi: 'Vật liệu mới',
    parent: null,
    seeds: ['003'],
    quote:
      'Hoạt động nghiên cứu khoa học trên các lĩnh vực vật liệu mới, công nghệ sinh học, công nghệ thông tin, nông nghiệp công nghệ cao... cũng đạt những kết quả tích cực và đóng góp quan trọng vào sự phát triển của Thành phố.',
    fos: ['2.5', '2.10'],
  },
  {
    code: 'PA-IT',
    nameEn: 'Information technology and software',
    nameVi: 'Công nghệ thông tin, phần mềm',
    parent: null,
    seeds: ['000', '002', '003'],
    quote:
      'khu công viên phầm mền [sic], công viên công nghệ thông tin (000); xây dựng các khu công nghệ phần mềm tập trung (002); vật liệu mới, công nghệ sinh học, công nghệ thông tin, nông nghiệp công nghệ cao (003)',
    fos: ['1.2', '2.2'],
  },
  {
    code: 'PA-DX',
    nameEn: 'Digital transformation (digital government, digital economy, digital society)',
    nameVi: 'Chuyển đổi số (chính quyền số, kinh tế số, xã hội số)',
    parent: null,
    seeds: ['001', '002', '004'],
    quote:
      'Hoạt động chuyển đổi số được triển khai đồng bộ trên cả ba trụ cột chính quyền số, phát triển kinh tế số, xã hội số (004); Cơ bản hoàn thành xây dựng chính quyền điện tử, hướng tới hình thành chính quyền số ở Hà Nội (002); Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số (001)',
    fos: ['1.2', '2.2', '5.2'],
  },
  {
    code: 'PA-DIGECON',
    nameEn: 'Digital economy',
    nameVi: 'Kinh tế số',
    parent: 'PA-DX',
    seeds: ['002', '004'],
    quote: 'Sở TT&TT chủ trì thực hiện chỉ tiêu tỷ trọng kinh tế số chiếm khoảng 30% GRDP (002)',
    fos: ['5.2'],
    note: 'Sub-area of PA-DX; it carries the programme indicator (about 30 % of GRDP), which is likely not met (004).',
  },
  {
    code: 'PA-DATA',
    nameEn: 'Data and open data (S&T database, data sharing)',
    nameVi: 'Dữ liệu, dữ liệu mở (cơ sở dữ liệu KH&CN, chia sẻ dữ liệu)',
    parent: null,
    seeds: ['000', '001', '003', '004'],
    quote:
      'xây dựng, hoàn thiện cơ sở dữ liệu về khoa học, công nghệ của Hà Nội, kết nối với toàn quốc (000); xây dựng kho dữ liệu mở và chuẩn hóa kết nối dữ liệu (001); tạo lập và chia sẻ cơ sở dữ liệu khoa học và công nghệ (003); số hóa toàn bộ số liệu, tài liệu (004)',
    fos: ['1.2'],
  },
  {
    code: 'PA-SMART',
    nameEn: 'Smart city',
    nameVi: 'Đô thị thông minh, thành phố thông minh',
    parent: null,
    seeds: ['000', '001'],
    quote:
      'xây dựng đô thị thông minh, thành phố thông minh (001); thí điểm mô hình đô thị thông minh tại Tây Hồ Tây, Đông Anh, Hòa Lạc (001); giải pháp quản lý đô thị lớn, đô thị thông minh, hiện đại gắn với đặc thù của Thủ đô (000)',
    fos: ['2.1', '2.2', '5.7'],
  },
  {
    code: 'PA-AGRI',
    nameEn: 'High-tech agriculture',
    nameVi: 'Nông nghiệp công nghệ cao (nông nghiệp ứng dụng công nghệ cao)',
    parent: null,
    seeds: ['002', '003', '004'],
    quote:
      'Sở NN&PTNT chủ trì thực hiện chỉ tiêu tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp trên 70% (002); nông nghiệp công nghệ cao (003)',
    fos: ['4.1', '4.4'],
  },
  {
    code: 'PA-IND',
    nameEn: 'Industry, automation, electrical and electronic-telecommunications engineering',
    nameVi: 'Công nghiệp, tự động hóa, điện, điện tử viễn thông',
    parent: null,
    seeds: ['003'],
    quote:
      'các sản phẩm nghiên cứu thuộc lĩnh vực công nghiệp, tự động hóa, điện, điện tử viễn thông đã giúp hoàn thiện, phát triển các sản phẩm mới có khả năng cạnh tranh và mở rộng thị trường, thay thế hàng nhập khẩu.',
    fos: ['2.2', '2.3'],
  },
  {
    code: 'PA-SUPPORT-IND',
    nameEn: 'Supporting industry',
    nameVi: 'Công nghiệp hỗ trợ',
    parent: null,
    seeds: ['000'],
    quote: 'xây dựng vườn ươm công nghệ, công nghiệp hỗ trợ tại Khu công nghệ cao Hòa Lạc',
    fos: ['2.3', '2.11'],
  },
  {
    code: 'PA-HITECH-PARK',
    nameEn: 'Hi-tech parks and hi-tech industrial zones',
    nameVi: 'Khu công nghệ cao, khu công nghiệp công nghệ cao',
    parent: null,
    seeds: ['000', '001', '002', '004'],
    quote:
      'vận hành hiệu quả các khu công nghệ cao, trong đó có Khu công nghệ cao Hòa Lạc và sớm khởi công xây dựng Khu công nghệ cao sinh học tại quận Bắc Từ Liêm (004); khu công nghiệp công nghệ cao (001)',
    fos: [],
    note: 'An infrastructure area rather than a field of science; kept because the seeds treat it as a priority line.',
  },
  {
    code: 'PA-CREATIVE',
    nameEn: 'Creative design and the creative city (UNESCO Creative Cities Network)',
    nameVi: 'Thiết kế sáng tạo, Thành phố sáng tạo',
    parent: null,
    seeds: ['002', '003'],
    quote:
      'phát huy vai trò “Thành phố sáng tạo” của Hà Nội trong Mạng lưới thành phố sáng tạo của UNESCO ... Xây dựng và vận hành Trung tâm Thiết kế sáng tạo Hà Nội ... Xây dựng Trung tâm Thiết kế sáng tạo sản phẩm làng nghề Hà Nội (002); thực sự là thành phố sáng tạo của UNESCO (003)',
    fos: ['6.4', '2.11'],
  },
  {
    code: 'PA-URBAN',
    nameEn: 'Urban management and social sciences and humanities for urban governance',
    nameVi: 'Quản lý đô thị; khoa học xã hội và nhân văn phục vụ quản lý đô thị',
    parent: null,
    seeds: ['000', '002'],
    quote:
      'Hà Nội cũng sẽ phát triển nghiên cứu khoa học xã hội và nhân văn phục vụ cho việc đề ra các giải pháp quản lý đô thị lớn, đô thị thông minh, hiện đại gắn với đặc thù của Thủ đô (000); ứng dụng rộng rãi công nghệ thông tin, công nghệ số trong các lĩnh vực kinh tế, văn hóa, xã hội, quản lý đô thị (002)',
    fos: ['5.7', '5.6', '5.4'],
  },
  {
    code: 'PA-TRANSPORT',
    nameEn: 'Urban transport linked to S&T hubs (urban railway line 5, TOD)',
    nameVi: 'Giao thông đô thị gắn với khu công nghệ cao (tuyến đường sắt đô thị số 5, TOD)',
    parent: null,
    seeds: ['001'],
    quote:
      'triển khai sớm tuyến đường sắt đô thị số 5 (Văn Cao - Hòa Lạc) theo mô hình TOD, tạo đột phá về giao thông - kết nối đô thị và phát triển dịch vụ hỗ trợ khu công nghệ cao',
    fos: ['2.1'],
    note: 'An infrastructure request, not a research field; include only if the model wants enabling infrastructure.',
  },
  {
    code: 'PA-STARTUP',
    nameEn: 'Innovative startup ecosystem and S&T market / technology transfer',
    nameVi: 'Hệ sinh thái khởi nghiệp đổi mới sáng tạo; thị trường khoa học và công nghệ, chuyển giao công nghệ',
    parent: null,
    seeds: ['000', '002', '003', '004'],
    quote:
      'hoàn thiện hệ sinh thái khởi nghiệp của thành phố dẫn đầu cả nước vào năm 2025 ... trong đó sẽ hỗ trợ phát triển 1.000 dự án khởi nghiệp sáng tạo (000); xây dựng Sàn giao dịch công nghệ TP Hà Nội ... với chức năng kết nối cung - cầu công nghệ, tổ chức các phiên giao dịch công nghệ, bán đấu giá công nghệ (002)',
    fos: ['5.2'],
  },
  {
    code: 'PA-SEMI',
    nameEn: 'Semiconductors and microchips',
    nameVi: 'Bán dẫn, vi mạch',
    parent: null,
    seeds: null,
    quote: null,
    fos: ['2.2', '2.5'],
    note: 'NOT in the seeds: a search for "bán dẫn" and "vi mạch" finds nothing. Listed only because the brief named it as an example. Do not seed it with seed provenance.',
  },
  {
    code: 'PA-ENV',
    nameEn: 'Environment and green transition',
    nameVi: 'Môi trường, chuyển đổi xanh',
    parent: null,
    seeds: null,
    quote: null,
    fos: ['1.5', '2.7', '2.8'],
    note: 'NOT in the article bodies. "môi trường" does not occur, and "chuyển đổi xanh" appears only in a sidebar headline of seed 004 (Long An–Vingroup), which is not about Hanoi. No seed provenance.',
  },
];

/** For each area in the seeds, the line of its first seed that names it and the words there (verbatim). */
export const PRIORITY_AREA_CITATIONS: Readonly<Record<string, { line: number; quote: string }>> = {
  'PA-AI': { line: 17, quote: 'lựa chọn, thu hút 100 chuyên gia giỏi để tham gia những chương trình phát triển trí tuệ nhân tạo trọng điểm quốc gia' },
  'PA-BIO': { line: 15, quote: 'Khu công nghệ cao sinh học tại quận Bắc Từ Liêm' },
  'PA-MAT': { line: 28, quote: 'vật liệu mới, công nghệ sinh học, công nghệ thông tin, nông nghiệp công nghệ cao' },
  'PA-IT': { line: 25, quote: 'khu công viên phầm mền, công viên công nghệ thông tin' },
  'PA-DX': { line: 3, quote: 'đổi mới sáng tạo và chuyển đổi số' },
  'PA-DIGECON': { line: 7, quote: 'tỷ trọng kinh tế số chiếm khoảng 30% GRDP' },
  'PA-DATA': { line: 71, quote: 'xây dựng, hoàn thiện cơ sở dữ liệu về khoa học, công nghệ của Hà Nội, kết nối với toàn quốc' },
  'PA-SMART': { line: 58, quote: 'giải pháp quản lý đô thị lớn, đô thị thông minh' },
  'PA-AGRI': { line: 7, quote: 'tỷ lệ sản phẩm nông nghiệp ứng dụng công nghệ cao trên tổng sản phẩm nông nghiệp trên 70%' },
  'PA-IND': { line: 26, quote: 'các sản phẩm nghiên cứu thuộc lĩnh vực công nghiệp, tự động hóa, điện, điện tử viễn thông' },
  'PA-SUPPORT-IND': { line: 71, quote: 'xây dựng vườn ươm công nghệ, công nghiệp hỗ trợ tại Khu công nghệ cao Hòa Lạc' },
  'PA-HITECH-PARK': { line: 25, quote: 'nhất là các khu công nghệ cao' },
  'PA-CREATIVE': { line: 23, quote: 'phát huy vai trò “Thành phố sáng tạo” của Hà Nội trong Mạng lưới thành phố sáng tạo của UNESCO' },
  'PA-URBAN': { line: 58, quote: 'giải pháp quản lý đô thị lớn, đô thị thông minh, hiện đại gắn với đặc thù của Thủ đô' },
  'PA-TRANSPORT': { line: 29, quote: 'tuyến đường sắt đô thị số 5 (Văn Cao - Hòa Lạc)' },
  'PA-STARTUP': { line: 60, quote: 'hoàn thiện hệ sinh thái khởi nghiệp của thành phố dẫn đầu cả nước vào năm 2025' },
};
