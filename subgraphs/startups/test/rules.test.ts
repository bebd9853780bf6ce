import { GraphQLError } from 'graphql';
import { SYNTHETIC_COUNTS, syntheticId } from '../../kernel/reference/seed-refs';
import { defaultWithStartup } from '../seed';
import { addDays, DEFAULT_SEED, generateUnits, SEED_HORIZON } from '../seed/synthetic';
import { addYears, innovativeFoundedFrom, isInnovativeStartup } from '../rules/innovative-startup';
import { ALLOWED_TRANSITIONS, canTransition, isValidHistory } from '../rules/project-lifecycle';
import { haversineKmJs } from '../store/geo';
import { validateAmount, validateCurrency, validateMoney, validateNearPoint, validateRange } from '../validation';
import { hanoiDate } from '../../kernel/platform/time';

describe('the 5-year rule (isInnovativeStartup)', () => {
  it('counts a company founded exactly 5 years before the reference date, not one founded a day earlier', () => {
    expect(isInnovativeStartup('2020-06-15', '2025-06-15')).toBe(true);
    expect(isInnovativeStartup('2020-06-14', '2025-06-15')).toBe(false);
    expect(isInnovativeStartup('2025-06-15', '2025-06-15')).toBe(true);
    // Not yet founded on the reference date.
    expect(isInnovativeStartup('2025-06-16', '2025-06-15')).toBe(false);
  });

  it('ends a 29 February founding on 28 February of a common year', () => {
    expect(addYears('2020-02-29', 5)).toBe('2025-02-28');
    expect(isInnovativeStartup('2020-02-29', '2025-02-28')).toBe(true);
    expect(isInnovativeStartup('2020-02-29', '2025-03-01')).toBe(false);
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('agrees with the founding-date cutoff the SQL filter uses, every day for eight years', () => {
    const founded = ['2019-02-28', '2019-03-01', '2020-02-29', '2020-03-01', '2020-12-31', '2021-01-01', '2023-02-28', '2023-03-01'];
    const disagreements: string[] = [];
    for (let asOf = '2019-01-01'; asOf <= '2029-01-01'; asOf = addDays(asOf, 1)) {
      const cutoff = innovativeFoundedFrom(asOf);
      for (const foundedOn of founded) {
        if ((foundedOn >= cutoff && foundedOn <= asOf) !== isInnovativeStartup(foundedOn, asOf)) disagreements.push(`${foundedOn} on ${asOf}`);
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('takes "today" in Hanoi (UTC+7)', () => {
    expect(hanoiDate(new Date('2025-06-14T16:59:59Z'))).toBe('2025-06-14');
    expect(hanoiDate(new Date('2025-06-14T17:00:00Z'))).toBe('2025-06-15');
  });
});

function fieldOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as GraphQLError).extensions.field;
  }
  throw new Error('expected a BAD_USER_INPUT error');
}

describe('input rules (validation.ts)', () => {
  it('refuses negative amounts, unknown currencies, ranges that end before they start, and impossible points', () => {
    expect(fieldOf(() => validateAmount(-1, 'input.amount'))).toBe('input.amount');
    expect(() => validateAmount(0, 'input.amount')).not.toThrow();
    expect(fieldOf(() => validateCurrency('XYZ', 'input.currency'))).toBe('input.currency');
    expect(fieldOf(() => validateCurrency('vnd', 'input.currency'))).toBe('input.currency');
    expect(() => validateCurrency('VND', 'input.currency')).not.toThrow();
    expect(fieldOf(() => validateRange('2025-02-01', '2025-01-31', 'input.startsOn', 'input.endsOn'))).toBe('input.endsOn');
    expect(() => validateRange('2025-01-31', '2025-01-31', 'input.startsOn', 'input.endsOn')).not.toThrow();
    expect(fieldOf(() => validateMoney({ amount: 5 }, 'input'))).toBe('input.currency');
    expect(fieldOf(() => validateNearPoint({ latitude: 91, longitude: 105, radiusKm: 5 }, 'near'))).toBe('near.latitude');
    expect(fieldOf(() => validateNearPoint({ latitude: 21, longitude: 181, radiusKm: 5 }, 'near'))).toBe('near.longitude');
    expect(fieldOf(() => validateNearPoint({ latitude: 21, longitude: 105, radiusKm: 0 }, 'near'))).toBe('near.radiusKm');
  });
});

describe('great-circle distance', () => {
  it('measures Hòa Lạc to central Hanoi at about 33 km', () => {
    const d = haversineKmJs({ latitude: 21.01, longitude: 105.52 }, { latitude: 21.0285, longitude: 105.8542 });
    expect(d).toBeGreaterThan(33);
    expect(d).toBeLessThan(36);
  });
});

describe('the synthetic generator', () => {
  const batch = generateUnits(DEFAULT_SEED, 0, SYNTHETIC_COUNTS.StartupProject, defaultWithStartup);

  it('gives the same rows every time, with the shared ids and counts', () => {
    expect(generateUnits(DEFAULT_SEED, 0, SYNTHETIC_COUNTS.StartupProject, defaultWithStartup)).toEqual(batch);
    expect(batch.startups.map((s) => s.id)).toEqual(Array.from({ length: SYNTHETIC_COUNTS.Startup }, (_v, i) => syntheticId('Startup', i)));
    expect(batch.projects.map((p) => p.id)).toEqual(Array.from({ length: SYNTHETIC_COUNTS.StartupProject }, (_v, i) => syntheticId('StartupProject', i)));
    // A range generated alone equals the same range inside a bigger run (the benchmark script relies on it).
    expect(generateUnits(DEFAULT_SEED, 250, 260, defaultWithStartup).projects).toEqual(batch.projects.slice(250, 260));
  });

  it('invents obviously: demo names, registration codes no province uses, reserved web domains, no date past the horizon', () => {
    for (const startup of batch.startups) {
      expect(startup.name).toMatch(/\(demo \d+\)$/);
      expect(startup.registrationCode).toMatch(/^99\d{8}$/);
      expect(startup.website).toMatch(/\.example$/);
      expect(startup.synthetic).toBe(true);
      expect(startup.foundedOn <= SEED_HORIZON).toBe(true);
    }
    expect(new Set(batch.startups.map((s) => s.registrationCode)).size).toBe(batch.startups.length);
    const dates = [...batch.transitions.map((t) => t.occurredOn), ...batch.rounds.map((r) => r.announcedOn), ...batch.supports.map((s) => s.startedOn)];
    expect(dates.every((date) => date <= SEED_HORIZON)).toBe(true);
  });

  it("keeps each project's transitions in date order, ending at its current stage", () => {
    for (const project of batch.projects) {
      const transitions = batch.transitions.filter((t) => t.projectId === project.id);
      expect(transitions[0]!.stage).toBe('IDEA');
      expect(transitions.map((t) => t.occurredOn)).toEqual([...transitions.map((t) => t.occurredOn)].sort());
      expect(transitions.at(-1)!.stage).toBe(project.stage);
    }
  });

  it('gives every project a history the lifecycle rule allows (so the mutations accept the same stories)', () => {
    for (const project of batch.projects) {
      const stages = batch.transitions.filter((t) => t.projectId === project.id).map((t) => t.stage);
      expect({ id: project.id, stages, valid: isValidHistory(stages) }).toEqual({ id: project.id, stages, valid: true });
    }
  });
});

describe('the project lifecycle', () => {
  it('goes forward IDEA → INCUBATED → INCORPORATED → FUNDED (incubation may be skipped), or to STOPPED', () => {
    expect(isValidHistory(['IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED', 'STOPPED'])).toBe(true);
    expect(isValidHistory(['IDEA', 'INCORPORATED'])).toBe(true);
    expect(isValidHistory(['IDEA', 'STOPPED'])).toBe(true);
  });

  it('never goes backwards, never skips the company, and ends at STOPPED', () => {
    expect(canTransition('FUNDED', 'IDEA')).toBe(false);
    expect(canTransition('INCORPORATED', 'INCUBATED')).toBe(false);
    expect(canTransition('IDEA', 'FUNDED')).toBe(false);
    expect(canTransition('INCUBATED', 'FUNDED')).toBe(false);
    expect(ALLOWED_TRANSITIONS.STOPPED).toEqual([]);
    for (const stage of ['IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED'] as const) {
      expect(canTransition(stage, stage)).toBe(false);
      expect(canTransition(stage, 'STOPPED')).toBe(true);
    }
    expect(isValidHistory(['INCUBATED'])).toBe(false);
  });
});
