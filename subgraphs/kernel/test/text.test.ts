import { foldForSearch, likePattern, searchText } from '../platform/text';

describe('diacritics-insensitive text', () => {
  it('folds Vietnamese diacritics, đ and case', () => {
    expect(foldForSearch('Sở Khoa học và Công nghệ')).toBe('so khoa hoc va cong nghe');
    expect(foldForSearch('Khu công nghệ cao Hòa Lạc')).toBe('khu cong nghe cao hoa lac');
    expect(foldForSearch('ĐỔI MỚI SÁNG TẠO')).toBe('doi moi sang tao');
  });

  it('joins searchable parts and escapes LIKE wildcards', () => {
    expect(searchText('Sở KH&CN', null, 'Department')).toBe('so kh&cn department');
    expect(likePattern('100%_x')).toBe('%100\\%\\_x%');
  });
});
