/**
 * OECD Fields of Science and Technology (FOS 2007, Frascati Manual revision): 6 major fields
 * and 42 second-level fields. Vietnamese names follow the table of QĐ 12/2008/QĐ-BKHCN;
 * `nationalCodes` are that table's codes, and `note` says where it does not map one to one.
 * Copied from the research notes (`research/fos2007.json`).
 */
export interface FosField {
  code: string;
  nameEn: string;
  nameVi: string;
  parent: string | null;
  nationalCodes: string[];
  note?: string;
}

export const FOS_2007: readonly FosField[] = [
  { code: '1', nameEn: 'Natural sciences', nameVi: 'Khoa học tự nhiên', parent: null, nationalCodes: ['1'] },
  {
    code: '1.1',
    nameEn: 'Mathematics',
    nameVi: 'Toán học và thống kê',
    parent: '1',
    nationalCodes: ['101'],
    note: "VN name adds 'và thống kê'; FOS 1.1 also covers statistics and probability.",
  },
  { code: '1.2', nameEn: 'Computer and information sciences', nameVi: 'Khoa học máy tính và thông tin', parent: '1', nationalCodes: ['102'] },
  { code: '1.3', nameEn: 'Physical sciences', nameVi: 'Vật lý', parent: '1', nationalCodes: ['103'], note: "VN table uses 'Vật lý' for the level-2 field." },
  { code: '1.4', nameEn: 'Chemical sciences', nameVi: 'Hoá học', parent: '1', nationalCodes: ['104'] },
  {
    code: '1.5',
    nameEn: 'Earth and related environmental sciences',
    nameVi: 'Các khoa học trái đất và môi trường liên quan',
    parent: '1',
    nationalCodes: ['105'],
  },
  { code: '1.6', nameEn: 'Biological sciences', nameVi: 'Sinh học', parent: '1', nationalCodes: ['106'] },
  { code: '1.7', nameEn: 'Other natural sciences', nameVi: 'Khoa học tự nhiên khác', parent: '1', nationalCodes: ['199'] },
  { code: '2', nameEn: 'Engineering and technology', nameVi: 'Khoa học kỹ thuật và công nghệ', parent: null, nationalCodes: ['2'] },
  { code: '2.1', nameEn: 'Civil engineering', nameVi: 'Kỹ thuật dân dụng', parent: '2', nationalCodes: ['201'] },
  {
    code: '2.2',
    nameEn: 'Electrical engineering, electronic engineering, information engineering',
    nameVi: 'Kỹ thuật điện, kỹ thuật điện tử, kỹ thuật thông tin',
    parent: '2',
    nationalCodes: ['202'],
  },
  { code: '2.3', nameEn: 'Mechanical engineering', nameVi: 'Kỹ thuật cơ khí', parent: '2', nationalCodes: ['203'] },
  { code: '2.4', nameEn: 'Chemical engineering', nameVi: 'Kỹ thuật hóa học', parent: '2', nationalCodes: ['204'] },
  {
    code: '2.5',
    nameEn: 'Materials engineering',
    nameVi: 'Kỹ thuật vật liệu và luyện kim',
    parent: '2',
    nationalCodes: ['205'],
    note: "VN name adds metallurgy ('và luyện kim'); FOS 2.5 includes metallurgy.",
  },
  { code: '2.6', nameEn: 'Medical engineering', nameVi: 'Kỹ thuật y học', parent: '2', nationalCodes: ['206'] },
  { code: '2.7', nameEn: 'Environmental engineering', nameVi: 'Kỹ thuật môi trường', parent: '2', nationalCodes: ['207'] },
  { code: '2.8', nameEn: 'Environmental biotechnology', nameVi: 'Công nghệ sinh học môi trường', parent: '2', nationalCodes: ['208'] },
  { code: '2.9', nameEn: 'Industrial biotechnology', nameVi: 'Công nghệ sinh học công nghiệp', parent: '2', nationalCodes: ['209'] },
  { code: '2.10', nameEn: 'Nano-technology', nameVi: 'Công nghệ nano', parent: '2', nationalCodes: ['210'] },
  {
    code: '2.11',
    nameEn: 'Other engineering and technologies',
    nameVi: 'Khoa học kỹ thuật và công nghệ khác',
    parent: '2',
    nationalCodes: ['299', '211'],
    note: "FOS 2.11 includes food and beverages; the VN table gives this its own field 211 'Kỹ thuật thực phẩm và đồ uống' plus 299 for the rest.",
  },
  {
    code: '3',
    nameEn: 'Medical and health sciences',
    nameVi: 'Khoa học y, dược',
    parent: null,
    nationalCodes: ['3'],
    note: "VN level-1 name is 'Khoa học y, dược' (medical and pharmaceutical sciences).",
  },
  {
    code: '3.1',
    nameEn: 'Basic medicine',
    nameVi: 'Y học cơ sở',
    parent: '3',
    nationalCodes: ['301', '304'],
    note: "FOS 3.1 includes pharmacology and pharmacy; the VN table gives pharmacy its own field 304 'Dược học'.",
  },
  { code: '3.2', nameEn: 'Clinical medicine', nameVi: 'Y học lâm sàng', parent: '3', nationalCodes: ['302'] },
  {
    code: '3.3',
    nameEn: 'Health sciences',
    nameVi: 'Y tế',
    parent: '3',
    nationalCodes: ['303'],
    note: "VN name is 'Y tế' (literally 'health care'); 'Khoa học sức khỏe' is a more literal alternative.",
  },
  { code: '3.4', nameEn: 'Medical biotechnology', nameVi: 'Công nghệ sinh học trong y học', parent: '3', nationalCodes: ['305'] },
  { code: '3.5', nameEn: 'Other medical sciences', nameVi: 'Khoa học y, dược khác', parent: '3', nationalCodes: ['399'] },
  { code: '4', nameEn: 'Agricultural sciences', nameVi: 'Khoa học nông nghiệp', parent: null, nationalCodes: ['4'] },
  {
    code: '4.1',
    nameEn: 'Agriculture, forestry, and fisheries',
    nameVi: 'Nông nghiệp, lâm nghiệp và thủy sản',
    parent: '4',
    nationalCodes: ['401', '404', '405'],
    note: "Not a single VN field: the VN table splits FOS 4.1 into 401 'Trồng trọt' (crop science), 404 'Lâm nghiệp' and 405 'Thủy sản'. The nameVi here is a translation, not an official VN name.",
  },
  { code: '4.2', nameEn: 'Animal and dairy science', nameVi: 'Chăn nuôi', parent: '4', nationalCodes: ['402'] },
  { code: '4.3', nameEn: 'Veterinary science', nameVi: 'Thú y', parent: '4', nationalCodes: ['403'] },
  { code: '4.4', nameEn: 'Agricultural biotechnology', nameVi: 'Công nghệ sinh học trong nông nghiệp', parent: '4', nationalCodes: ['406'] },
  { code: '4.5', nameEn: 'Other agricultural sciences', nameVi: 'Khoa học nông nghiệp khác', parent: '4', nationalCodes: ['499'] },
  { code: '5', nameEn: 'Social sciences', nameVi: 'Khoa học xã hội', parent: null, nationalCodes: ['5'] },
  { code: '5.1', nameEn: 'Psychology', nameVi: 'Tâm lý học', parent: '5', nationalCodes: ['501'] },
  { code: '5.2', nameEn: 'Economics and business', nameVi: 'Kinh tế và kinh doanh', parent: '5', nationalCodes: ['502'] },
  { code: '5.3', nameEn: 'Educational sciences', nameVi: 'Khoa học giáo dục', parent: '5', nationalCodes: ['503'] },
  { code: '5.4', nameEn: 'Sociology', nameVi: 'Xã hội học', parent: '5', nationalCodes: ['504'] },
  { code: '5.5', nameEn: 'Law', nameVi: 'Pháp luật', parent: '5', nationalCodes: ['505'] },
  { code: '5.6', nameEn: 'Political science', nameVi: 'Khoa học chính trị', parent: '5', nationalCodes: ['506'] },
  { code: '5.7', nameEn: 'Social and economic geography', nameVi: 'Địa lý kinh tế và xã hội', parent: '5', nationalCodes: ['507'] },
  { code: '5.8', nameEn: 'Media and communications', nameVi: 'Thông tin đại chúng và truyền thông', parent: '5', nationalCodes: ['508'] },
  { code: '5.9', nameEn: 'Other social sciences', nameVi: 'Khoa học xã hội khác', parent: '5', nationalCodes: ['599'] },
  { code: '6', nameEn: 'Humanities', nameVi: 'Khoa học nhân văn', parent: null, nationalCodes: ['6'] },
  { code: '6.1', nameEn: 'History and archaeology', nameVi: 'Lịch sử và khảo cổ học', parent: '6', nationalCodes: ['601'] },
  { code: '6.2', nameEn: 'Languages and literature', nameVi: 'Ngôn ngữ học và văn học', parent: '6', nationalCodes: ['602'] },
  { code: '6.3', nameEn: 'Philosophy, ethics and religion', nameVi: 'Triết học, đạo đức học và tôn giáo', parent: '6', nationalCodes: ['603'] },
  { code: '6.4', nameEn: 'Art (arts, history of arts, performing arts, music)', nameVi: 'Nghệ thuật', parent: '6', nationalCodes: ['604'] },
  { code: '6.5', nameEn: 'Other humanities', nameVi: 'Khoa học nhân văn khác', parent: '6', nationalCodes: ['699'] },
];
