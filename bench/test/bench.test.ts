import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { startTestGraph, type TestGraph } from '../../gateway/testing';
import { MemoryStore } from '../../subgraphs/kernel/platform/shared-store';
import { freePort } from '../../subgraphs/kernel/testing/process';
import { startHiveGateway, type HiveGateway } from '../graph';
import { readFacts, runWorkloads, selfCheckProblems, type GraphEndpoints } from '../harness';
import { parseOptions } from '../options';
import { renderMarkdown } from '../report';

/**
 * `npm run bench` at a tiny scale, so the harness does not rot: every workload through our
 * gateway, Hive Gateway (a real child process with bench/peers/gateway.config.ts) and the
 * floor, the answers of both gateways compared byte for byte, W5's writes and their events.
 * The graph runs in this process on in-memory PGlite (the bench proper runs a process per
 * subgraph). It measures nothing: it fails when a run completes no request, any request
 * errs, or the gateways' answers differ.
 */
describe('npm run bench, self-check', () => {
  let graph: TestGraph;
  let hive: HiveGateway;
  /** Our gateway as deployed by default, response cache on (the test graph's own gateway has it off: the "no cache" target). */
  let cached: RunningGateway;
  const workDir = mkdtempSync(path.join(tmpdir(), 'sti-bench-test-'));
  const subgraphUrls = () => Object.fromEntries(Object.values(graph.subgraphs).map((subgraph) => [subgraph.name, subgraph.url]));

  beforeAll(async () => {
    // Load from one address: the bench measures the gateways, not our rate limit (Hive has none).
    graph = await startTestGraph({ rateLimit: { perMinute: 0 } });
    cached = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: graph.supergraphPath,
      subgraphUrls: subgraphUrls(),
      subgraphTimeoutMs: 10_000,
      auth: graph.auth,
      assertionSecret: graph.assertionSecret,
      rateLimit: { perMinute: 0 },
      workSharing: { responseCache: true },
      sharedStore: new MemoryStore(),
    });
    hive = startHiveGateway(await freePort(), subgraphUrls(), graph.assertionSecret, workDir);
    await hive.ready(90_000);
  }, 180_000);

  afterAll(async () => {
    hive?.script.child.kill('SIGTERM');
    await hive?.script.exited;
    await cached?.stop();
    await graph?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('runs every workload on both gateways and the floor with zero errors and byte-equal answers', async () => {
    const endpoints: GraphEndpoints = {
      subgraphUrls: subgraphUrls(),
      oursUrl: cached.url,
      uncachedUrl: graph.gateway.url,
      hiveUrl: hive.url,
      assertionSecret: graph.assertionSecret,
      auth: { secret: graph.auth.keys.secret, issuer: graph.auth.issuer, audience: graph.auth.audience },
    };
    const options = parseOptions(['--self-check', '--seconds', '1', '--warmup', '0.2']);
    const processes = [
      { name: 'graph (this process)', pid: process.pid },
      { name: 'gateway (Hive)', pid: hive.script.child.pid! },
    ];
    const facts = await readFacts(endpoints.oursUrl);
    const report = await runWorkloads(options, endpoints, null, processes, facts, freePort);

    expect(selfCheckProblems(report)).toEqual([]);
    expect(report.workloads.map((run) => `${run.workload} ${run.mix}`)).toEqual([
      'W1 hot',
      'W1 varied',
      'W2 hot',
      'W2 varied',
      'W3 hot',
      'W3 varied',
      'W4 hot',
      'W4 varied',
      'W6a hot',
      'W6b hot',
    ]);
    for (const run of report.workloads) {
      expect(run.targets.map((target) => target.target)).toEqual(['ours', 'uncached', 'hive', 'floor']);
      expect(run.subgraphFetches).toBeGreaterThan(0);
    }
    expect(report.comparisons.every((check) => check.compared > 0)).toBe(true);
    expect(report.changeFeed).toMatchObject({ failedWrites: 0, subscribers: 2 });
    expect(report.memory).toMatchObject({ clients: 4, errors: 0 });
    expect(report.memory!.requests).toBeGreaterThan(0);
    expect(report.changeFeed!.delivered).toBe(report.changeFeed!.expected);
    // The writes' CPU by process: here the graph runs in this process, which is also the writer and the subscribers.
    for (const name of ['graph (this process)', 'bench (writer and subscribers)']) expect(report.changeFeed!.cpuMsPerWrite?.[name]).toBeGreaterThan(0);
    expect(renderMarkdown(report)).toMatch(/W5 CPU per write \(ms\): .*graph \(this process\) [\d.]+.* ms in all\./);
    expect(renderMarkdown(report)).toContain('| W2 startup directory | varied |');
  }, 180_000);
});
