import { GraphQLError } from 'graphql';
import { expertDerivedColumns } from '../derived';
import { generateExpert } from '../seed/synthetic-experts';
import { checkDateOrder, checkRoleSuitsTarget, requireEmail, requireKeywords, requireLocalizedText, requirePhone, requireText } from '../validation';

/** The field a rule names when it refuses `run`, or null when it accepts. */
function refusedField(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    return error.extensions.field as string;
  }
}

describe('rules of the experts mutations', () => {
  it('derives search text, keyword text and residence exactly as the seed stored them', () => {
    for (const index of [0, 1, 17, 123]) {
      const { expert } = generateExpert(index);
      expect(expertDerivedColumns({ fullName: expert.fullName, keywords: expert.keywords!, countryOfResidence: expert.countryOfResidence })).toEqual({
        searchText: expert.searchText,
        keywordsText: expert.keywordsText,
        residence: expert.residence,
      });
    }
    expect(expertDerivedColumns({ fullName: 'Nguyễn Văn A', keywords: ['Học Máy', 'IoT'], countryOfResidence: 'VN' })).toMatchObject({
      keywordsText: 'hoc may | iot',
      residence: 'DOMESTIC',
    });
    expect(expertDerivedColumns({ fullName: 'A', keywords: [], countryOfResidence: 'JP' }).residence).toBe('OVERSEAS');
  });

  it('accepts a role only on the kinds of target it suits', () => {
    expect(refusedField(() => checkRoleSuitsTarget('REVIEWER', 'ResearchProject', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('COUNCIL_MEMBER', 'ResearchProject', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('ADVISER', 'Programme', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('ADVISER', 'Task', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('MENTOR', 'Startup', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('MENTOR', 'StartupProject', 'input.role'))).toBeNull();
    expect(refusedField(() => checkRoleSuitsTarget('MENTOR', 'ResearchProject', 'input.role'))).toBe('input.role');
    expect(refusedField(() => checkRoleSuitsTarget('REVIEWER', 'Startup', 'input.role'))).toBe('input.role');
    expect(refusedField(() => checkRoleSuitsTarget('ADVISER', 'StartupProject', 'input.role'))).toBe('input.role');
  });

  it('refuses an end before the start, and accepts the same day or an open end', () => {
    expect(refusedField(() => checkDateOrder('2025-01-02', '2025-01-01', 'input.until'))).toBe('input.until');
    expect(refusedField(() => checkDateOrder('2025-01-01', '2025-01-01', 'input.until'))).toBeNull();
    expect(refusedField(() => checkDateOrder('2025-01-01', null, 'input.until'))).toBeNull();
    expect(refusedField(() => checkDateOrder(null, '2025-01-01', 'input.until'))).toBeNull();
  });

  it('checks contact details without echoing them in the message', () => {
    expect(requireEmail(' a.b@example.invalid ', 'f')).toBe('a.b@example.invalid');
    expect(requirePhone('+84 (24) 3825-1234', 'f')).toBe('+84 (24) 3825-1234');
    for (const bad of ['no-at-sign', 'a@b', 'two words@example.invalid']) {
      expect(refusedField(() => requireEmail(bad, 'input.contact.email'))).toBe('input.contact.email');
      expect(() => requireEmail(bad, 'input.contact.email')).toThrow(expect.objectContaining({ message: expect.not.stringContaining(bad) }));
    }
    for (const bad of ['12345', 'call me', '+84 000 111 222 333 444 555 666']) {
      expect(refusedField(() => requirePhone(bad, 'input.contact.phone'))).toBe('input.contact.phone');
    }
  });

  it('trims texts and keywords, drops repeated keywords, and names the field of what is too long or empty', () => {
    expect(requireText('  Lê Văn A ', 200, 'f')).toBe('Lê Văn A');
    expect(refusedField(() => requireText(' ', 200, 'input.fullName'))).toBe('input.fullName');
    expect(refusedField(() => requireText('x'.repeat(201), 200, 'input.fullName'))).toBe('input.fullName');
    expect(requireKeywords([' học máy', 'Học máy', 'IoT'], 'input.keywords')).toEqual(['học máy', 'IoT']);
    expect(
      refusedField(() =>
        requireKeywords(
          Array.from({ length: 31 }, (_, i) => `k${i}`),
          'input.keywords',
        ),
      ),
    ).toBe('input.keywords');
    expect(requireLocalizedText({ vi: ' Viện ', en: ' ' }, 100, 'f')).toEqual({ vi: 'Viện', en: null });
    expect(refusedField(() => requireLocalizedText({ vi: '', en: 'x' }, 100, 'input.biography'))).toBe('input.biography.vi');
  });
});
