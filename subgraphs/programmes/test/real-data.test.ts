import { startTestGraph, type TestGraph } from '../../../gateway/testing';

/**
 * The corrections of issue 17 to the programmes' real records, each checked through the
 * gateway against what the seed article says (seed and line in the test name).
 */
let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes'] });
}, 180_000);
afterAll(() => graph?.stop());

interface Cited {
  synthetic: boolean;
  seed: string | null;
  line: number | null;
  quote: string | null;
  seeds: string[] | null;
  inferred: boolean | null;
  inferences: string[] | null;
}
const PROVENANCE = 'provenance { synthetic seed line quote seeds inferred inferences }';

interface IndicatorView {
  code: string;
  status: string;
  assessment: { ruleCode: string; rule: string; reportedAssessment: { status: string; provisional: boolean; provenance: Cited } | null };
  reportedAssessments: Array<{ status: string; provisional: boolean }>;
  targets: Array<{ setBy: { code: string } | null }>;
  responsibilityAssignedBy: { code: string } | null;
}

type IndicatorPage = Omit<IndicatorView, 'targets'> & { targets: { nodes: IndicatorView['targets'] } };

/** Programme 07-CTr/TU with its indicators and their targets (connections, read here as arrays). */
async function programme07() {
  const { programme } = await graph.queryOk<{
    programme: {
      progress: {
        total: number;
        achieved: number;
        likelyNotAchieved: number;
        notAchieved: number;
        noData: number;
        reported: number;
        includesSyntheticIndicators: boolean;
      };
      indicators: { nodes: IndicatorPage[] };
    };
  }>(`{
    programme(code: "07-CTr/TU") {
      progress { total achieved likelyNotAchieved notAchieved noData reported includesSyntheticIndicators }
      indicators(first: 20) {
        nodes {
          code status: indicatorStatus
          assessment { ruleCode rule reportedAssessment { status provisional ${PROVENANCE} } }
          reportedAssessments { status provisional }
          targets(first: 10) { nodes { setBy { code } } }
          responsibilityAssignedBy { code }
        }
      }
    }
  }`);
  const indicators: IndicatorView[] = programme.indicators.nodes.map((indicator) => ({ ...indicator, targets: indicator.targets.nodes }));
  return { programme: { ...programme, indicators } };
}

describe('programme 07-CTr/TU corrected against the sources', () => {
  it('has its targets set by 07-CTr/TU, while 185/KH-UBND only assigned the departments (seed 002 line 7)', async () => {
    const { programme } = await programme07();
    expect(programme.indicators).toHaveLength(5);
    for (const indicator of programme.indicators) {
      expect(indicator.targets.map((target) => target.setBy?.code)).toEqual(['07-CTr/TU']);
      expect(indicator.responsibilityAssignedBy?.code).toBe('185/KH-UBND');
    }
  });

  it('stores the three indicators the conference called likely not met as LIKELY_NOT_ACHIEVED, a projection, never NOT_ACHIEVED (seed 004 line 11)', async () => {
    const { programme } = await programme07();
    const likely = ['CTR07-LABOUR-PRODUCTIVITY', 'CTR07-HITECH-AGRICULTURE', 'CTR07-DIGITAL-ECONOMY'];
    for (const code of likely) {
      const indicator = programme.indicators.find((i) => i.code === code)!;
      expect(indicator.reportedAssessments).toEqual([{ status: 'LIKELY_NOT_ACHIEVED', provisional: true }]);
    }
    expect(programme.indicators.flatMap((i) => i.reportedAssessments).some((a) => a.status === 'NOT_ACHIEVED')).toBe(false);
  });

  it('shows the reported status where no observation exists, labelled as reported, and counts it apart (seed 004 line 11)', async () => {
    const { programme } = await programme07();
    const byCode = new Map(programme.indicators.map((i) => [i.code, i]));
    const labour = byCode.get('CTR07-LABOUR-PRODUCTIVITY')!;
    expect(labour.status).toBe('LIKELY_NOT_ACHIEVED');
    expect(labour.assessment.ruleCode).toBe('REPORTED');
    expect(labour.assessment.rule).toMatch(/reported/);
    expect(labour.assessment.reportedAssessment).toMatchObject({ status: 'LIKELY_NOT_ACHIEVED', provisional: true, provenance: { seed: '004', line: 11 } });
    // TFP and innovative enterprises: achieved by deduction (4 of 7 achieved, the other 3 named), said as an inference.
    const tfp = byCode.get('CTR07-TFP')!;
    expect(tfp.status).toBe('ACHIEVED');
    expect(tfp.assessment.reportedAssessment!.provenance).toMatchObject({ inferred: true, inferences: [expect.stringContaining('deduced')] });
    expect(programme.progress).toEqual({
      total: 5,
      achieved: 2,
      likelyNotAchieved: 3,
      notAchieved: 0,
      noData: 0,
      reported: 5,
      includesSyntheticIndicators: false,
    });
  });

  it('takes no reported statement for a reading as of a date (a statement has no revision history)', async () => {
    const data = await graph.queryOk<{ indicator: { assessment: { ruleCode: string } } }>(
      '{ indicator(code: "CTR07-TFP") { assessment(asOf: "2030-01-01T00:00:00Z") { ruleCode } } }',
    );
    // Readings as of a date never take a reported statement (it has no revision history).
    expect(data.indicator.assessment.ruleCode).toBe('NO_USABLE_OBSERVATION');
  });
});

describe('real organisations and documents cite their sources', () => {
  it('cites the Politburo to seeds 001 and 003, which name it, not to seed 004 (seed 001 line 51, seed 003 line 3)', async () => {
    const data = await graph.queryOk<{ organizations: { nodes: Array<{ provenance: Cited }> } }>(
      `{ organizations(filter: { search: "Bộ Chính trị", synthetic: false }) { nodes { ${PROVENANCE} } } }`,
    );
    expect(data.organizations.nodes).toHaveLength(1);
    expect(data.organizations.nodes[0]!.provenance).toMatchObject({ seed: '001', line: 51, seeds: ['001', '003'] });
    expect(data.organizations.nodes[0]!.provenance.seeds).not.toContain('004');
  });

  it('lists every article that names the Ministry, the Party Committee and the People’s Committee', async () => {
    const data = await graph.queryOk<{ organizations: { nodes: Array<{ shortName: string | null; name: { vi: string }; provenance: Cited }> } }>(
      `{ organizations(first: 100, filter: { synthetic: false }) { nodes { shortName name { vi } ${PROVENANCE} } } }`,
    );
    const seedsOf = (vi: string) => [...(data.organizations.nodes.find((org) => org.name.vi === vi)!.provenance.seeds ?? [])].sort();
    expect(seedsOf('Bộ Khoa học và Công nghệ')).toEqual(['000', '001', '002', '003']);
    expect(seedsOf('Thành ủy Hà Nội')).toEqual(['000', '001', '002', '003', '004']);
    expect(seedsOf('Ủy ban nhân dân thành phố Hà Nội')).toEqual(['000', '001', '002', '003', '004']);
    expect(seedsOf('Sở Khoa học và Công nghệ Hà Nội')).toEqual(['002', '003']);
  });

  it('marks a department’s parent body as inferred (the seeds name the departments only)', async () => {
    const data = await graph.queryOk<{ organizations: { nodes: Array<{ provenance: Cited }> } }>(
      `{ organizations(filter: { search: "Sở Kế hoạch", synthetic: false }) { nodes { ${PROVENANCE} } } }`,
    );
    expect(data.organizations.nodes[0]!.provenance).toMatchObject({ inferred: true, inferences: [expect.stringContaining('parent body')] });
  });

  it('leaves the period of 185/KH-UBND empty: the seed gives only the programme’s (seed 002 line 7)', async () => {
    const data = await graph.queryOk<{ programme: { period: { startYear: number | null; endYear: number | null }; provenance: Cited } }>(
      `{ programme(code: "185/KH-UBND") { period { startYear endYear } ${PROVENANCE} } }`,
    );
    expect(data.programme.period).toEqual({ startYear: null, endYear: null });
    expect(data.programme.provenance).toMatchObject({ seed: '002', line: 7, quote: expect.stringContaining('185/KH-UBND') });
  });

  it('names the "3 Nhà" model as three actors, not "3 Houses" (seed 001 line 17)', async () => {
    const data = await graph.queryOk<{ taskCountReports: Array<{ contentGroups: Array<{ vi: string; en: string | null }> }> }>(
      '{ taskCountReports { contentGroups { vi en } } }',
    );
    const model = data.taskCountReports[0]!.contentGroups.find((group) => group.vi.includes('3 Nhà'))!;
    expect(model.en).not.toMatch(/Houses/i);
    expect(model.en).toMatch(/state, scientists and enterprises/);
  });
});

describe('facts the sources give that users ask for first', () => {
  it('ranks Hanoi first in the PII in 2022 (pilot), 2023 and 2024, and in the leading group for publications, patents and S&T enterprises (seed 004 lines 9-10)', async () => {
    const data = await graph.queryOk<{
      standings: Array<{ subject: { en: string }; scope: string; position: string; year: number | null; note: { en: string } | null; provenance: Cited }>;
    }>(`{ standings(kind: REPORTED) { subject { en } scope position year note { en } ${PROVENANCE} } }`);
    const pii = data.standings.filter((s) => s.subject.en.includes('PII'));
    expect(pii.map((s) => [s.year, s.scope, s.position, s.note?.en])).toEqual([
      [2022, 'NATIONAL', 'FIRST', 'pilot assessment of the index'],
      [2023, 'NATIONAL', 'FIRST', 'official assessment'],
      [2024, 'NATIONAL', 'FIRST', 'official assessment'],
    ]);
    expect(pii[0]!.provenance).toMatchObject({ synthetic: false, seed: '004', line: 10 });
    const leading = data.standings.filter((s) => s.position === 'LEADING_GROUP').map((s) => s.subject.en);
    expect(leading.sort()).toEqual(['International publications', 'Patents filed and granted', 'S&T enterprises']);
  });

  it('holds the startup-ecosystem targets: lead the country by 2025, ASEAN’s leading group by 2035, Asia’s by 2045 (seed 000 line 60)', async () => {
    const data = await graph.queryOk<{
      standings: Array<{ scope: string; position: string; year: number; setBy: { code: string } | null; provenance: Cited }>;
    }>(`{ standings(kind: TARGET) { scope position year setBy { code } ${PROVENANCE} } }`);
    expect(data.standings.map((s) => [s.year, s.scope, s.position, s.setBy?.code])).toEqual([
      [2025, 'NATIONAL', 'FIRST', 'MT-KHCN-HN-2025'],
      [2035, 'ASEAN', 'LEADING_GROUP', 'MT-KHCN-HN-2025'],
      [2045, 'ASIA', 'LEADING_GROUP', 'MT-KHCN-HN-2025'],
    ]);
    for (const standing of data.standings) expect(standing.provenance).toMatchObject({ seed: '000', line: 60 });
  });

  it('lists the meetings as dated records with what they decided, years the seeds omit marked inferred (seeds 003 line 3, 001 lines 3 and 13, 004 line 2)', async () => {
    const data = await graph.queryOk<{
      meetings: Array<{
        heldOn: string;
        planned: boolean;
        sequence: { en: string } | null;
        decisions: Array<{ vi: string }>;
        convenedBy: { shortName: string | null } | null;
        provenance: Cited;
      }>;
    }>(`{ meetings { heldOn planned sequence { en } decisions { vi } convenedBy { shortName } ${PROVENANCE} } }`);
    expect(data.meetings.map((m) => [m.heldOn, m.planned, m.provenance.seed, m.provenance.line])).toEqual([
      ['2020-07-14', false, '003', 3],
      ['2025-03-04', false, '001', 13],
      ['2025-04-03', false, '004', 2],
      ['2025-05-22', false, '001', 3],
      ['2025-05-28', true, '001', 13],
    ]);
    const july = data.meetings[0]!;
    expect(july.sequence?.en).toMatch(/fifth official session in nearly four months/);
    expect(july.decisions.map((d) => d.vi).join(' ')).toMatch(/8 kiến nghị.*6 lĩnh vực.*Biên bản ghi nhớ/);
    expect(data.meetings[1]!.decisions[0]!.vi).toContain('lộ trình');
    for (const meeting of data.meetings) expect(meeting.provenance.inferences!.some((text) => text.startsWith('the year'))).toBe(true);
  });
});
