import { GraphQLError } from 'graphql';
import { foldForSearch } from '../../kernel/platform/text';
import { generateExpert } from '../seed/synthetic-experts';
import { normaliseOrcid, orcidCheckCharacter, orcidFromBase, requireCountryCodes, requireLanguageTags, requireOrcid } from '../validation';

describe('ORCID iD (ISO 7064 MOD 11-2)', () => {
  it('accepts valid iDs in every written form and normalises them', () => {
    // The two examples of ORCID's own documentation; the second has the check character X.
    expect(normaliseOrcid('0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid('0000-0002-1694-233X')).toBe('0000-0002-1694-233X');
    expect(normaliseOrcid('0000-0002-1694-233x')).toBe('0000-0002-1694-233X');
    expect(normaliseOrcid('https://orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid('orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid(' 0000000218250097 ')).toBe('0000-0002-1825-0097');
    expect(orcidCheckCharacter('000000021825009')).toBe('7');
  });

  it('refuses a wrong check character or shape', () => {
    expect(normaliseOrcid('0000-0002-1825-0098')).toBeNull();
    expect(normaliseOrcid('0000-0002-1694-2330')).toBeNull();
    expect(normaliseOrcid('0000-0002-1825')).toBeNull();
    expect(normaliseOrcid('0000-0002-1825-00977')).toBeNull();
    expect(normaliseOrcid('https://example.org/0000-0002-1825-0097')).toBeNull();
    expect(normaliseOrcid('')).toBeNull();
  });

  it('reports an invalid iD as BAD_USER_INPUT naming the field', () => {
    const error = (() => {
      try {
        requireOrcid('0000-0002-1825-0098', 'orcid');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'orcid' });
  });

  it('builds valid iDs from a 15-digit base', () => {
    expect(orcidFromBase('000000021825009')).toBe('0000-0002-1825-0097');
    expect(normaliseOrcid(orcidFromBase('000000000012345'))).toBe(orcidFromBase('000000000012345'));
    expect(() => orcidFromBase('123')).toThrow();
  });
});

describe('language and country codes', () => {
  it('normalises case and refuses what is not a code', () => {
    expect(requireLanguageTags(['EN', 'vi', 'zh-Hant'], 'filter.languages')).toEqual(['en', 'vi', 'zh-Hant']);
    expect(() => requireLanguageTags(['english'], 'filter.languages')).toThrow(/language tag/);
    expect(requireCountryCodes(['jp', 'VN'], 'filter.countries')).toEqual(['JP', 'VN']);
    expect(() => requireCountryCodes(['Japan'], 'filter.countries')).toThrow(/country code/);
  });
});

describe('synthetic experts', () => {
  const generated = Array.from({ length: 2000 }, (_, index) => generateExpert(index));

  it('are deterministic: the same index gives the same record', () => {
    expect(generateExpert(42)).toEqual(generateExpert(42));
    expect(generateExpert(42)).toEqual(generated[42]);
  });

  it('are marked synthetic, with fictitious contacts and valid ORCID iDs in the reserved block', () => {
    const orcids = generated.map((g) => g.expert.orcid).filter((orcid): orcid is string => Boolean(orcid));
    expect(orcids.length).toBeGreaterThan(500);
    expect(new Set(orcids).size).toBe(orcids.length);
    for (const orcid of orcids) {
      expect(orcid.startsWith('0000-0000-00')).toBe(true);
      expect(normaliseOrcid(orcid)).toBe(orcid);
    }
    for (const { expert, contact } of generated) {
      expect(expert.synthetic).toBe(true);
      expect(expert.provenance.synthetic).toBe(true);
      expect(contact.email).toMatch(/@example\.invalid$/);
      expect(contact.phone).toMatch(/^\+84 000 /);
    }
  });

  it('never carry the name of a person the seeds name', () => {
    const seedPeople = [
      'Vương Đình Huệ',
      'Chu Ngọc Anh',
      'Nguyễn Đức Chung',
      'Ngô Văn Quý',
      'Nguyễn Văn Phong',
      'Trần Sỹ Thanh',
      'Nguyễn Trọng Đông',
      'Nguyễn Chí Dũng',
    ].map(foldForSearch);
    for (const { expert } of generated) expect(seedPeople).not.toContain(foldForSearch(expert.fullName));
  });
});
