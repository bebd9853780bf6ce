import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { integrations } from '../../subgraphs/integrations';
import { DEFAULT_PORTS, envPrefix } from '../../subgraphs/kernel/platform/env';
import { startTestSubgraph } from '../../subgraphs/kernel/testing/subgraph';

/**
 * The deployment files, checked without Docker or a cluster: they parse, describe the topology
 * the README promises (PostgreSQL, Valkey, five subgraphs, two gateways behind a proxy), probe
 * /health and /ready, run as non-root with production dependencies only, and set no variable
 * the README's configuration table does not document. The image's health check runs for real.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const SUBGRAPH_NAMES = Object.keys(DEFAULT_PORTS).filter((name) => name !== 'gateway');

/** The README configuration table's variables, `<NAME>_X` as a pattern over the subgraph names. */
function documentedVariable(): (name: string) => boolean {
  const documented = [...read('README.md').matchAll(/^\| `([A-Z_<>]+)` \|/gm)].map((match) => match[1]!);
  const prefixes = SUBGRAPH_NAMES.map(envPrefix);
  return (name) =>
    documented.some(
      (entry) => entry === name || (entry.startsWith('<NAME>_') && prefixes.some((prefix) => name === `${prefix}_${entry.slice('<NAME>_'.length)}`)),
    );
}

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: unknown;
  volumes?: string[];
  ports?: string[];
}

interface Container {
  name: string;
  command: string[];
  ports: Array<{ containerPort: number }>;
  env: Array<{ name: string }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}

interface Probe {
  httpGet: { path: string; port: number };
  timeoutSeconds?: number;
}

interface Manifest {
  kind: string;
  metadata: { name: string };
  spec: { replicas?: number; template?: { spec: { securityContext?: { runAsNonRoot?: boolean }; containers: Container[] } } };
}

describe('deployment files', () => {
  it('Dockerfile: multi-stage, production dependencies only, non-root, with a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const lines = dockerfile.split('\n');
    const user = lines.findLastIndex((line) => line.startsWith('USER '));
    expect(lines[user]).not.toMatch(/USER (root|0)\b/);
    expect(user).toBeLessThan(lines.findIndex((line) => line.startsWith('CMD ')));
    expect(dockerfile).toMatch(/^HEALTHCHECK .*deploy\/healthcheck\.mjs/m);
    // Production serves no metrics on the public port: the image gives them one of their own.
    expect(dockerfile).toMatch(/^ENV .*\bMETRICS_PORT=9464\b/m);
    expect(dockerfile).toMatch(/^ENV .*\bMETRICS_HOST=0\.0\.0\.0\b/m);
    for (const [, source] of dockerfile.matchAll(/^COPY --chown=\S+ (\S+)/gm)) {
      for (const file of source!.split(' ')) expect(existsSync(path.join(ROOT, file))).toBe(true);
    }
  });

  it('compose.yaml: PostgreSQL, Valkey, the five subgraphs, two gateways behind nginx; every variable documented', () => {
    const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, ComposeService> };
    const services = compose.services;
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'valkey', ...SUBGRAPH_NAMES, 'gateway-1', 'gateway-2', 'proxy']));
    for (const name of SUBGRAPH_NAMES) expect(services[name]!.command).toEqual(['node', '--import', 'tsx', 'scripts/start-subgraph.ts', name]);
    for (const name of ['gateway-1', 'gateway-2']) {
      const environment = services[name]!.environment!;
      expect(environment.REDIS_URL).toBe('redis://valkey:6379'); // rate limits, assertions and cache shared by both
      for (const subgraph of SUBGRAPH_NAMES) expect(environment[`${envPrefix(subgraph)}_URL`]).toBe(`http://${subgraph}:${DEFAULT_PORTS[subgraph]}/graphql`);
    }
    const nginx = read('deploy/nginx/nginx.conf');
    expect(nginx).toMatch(/server gateway-1:4000/);
    expect(nginx).toMatch(/server gateway-2:4000/);
    expect(services.proxy!.volumes).toContain('./deploy/nginx/nginx.conf:/etc/nginx/nginx.conf:ro');

    const documented = documentedVariable();
    const ours = Object.entries(services).filter(([, service]) => service.command?.includes('tsx'));
    expect(ours).toHaveLength(SUBGRAPH_NAMES.length + 2);
    const undocumented = ours.flatMap(([, service]) => Object.keys(service.environment ?? {})).filter((name) => !documented(name));
    expect(undocumented).toEqual([]);
  });

  it('Kubernetes: every process probed on /health (liveness) and /ready (readiness), non-root, two gateway replicas; every variable documented', () => {
    const manifests = parseAllDocuments(read('deploy/k8s/graph.yaml')).map((document) => document.toJSON() as Manifest);
    const deployments = manifests.filter((manifest) => manifest.kind === 'Deployment');
    expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual([...SUBGRAPH_NAMES, 'gateway'].sort());
    const services = manifests.filter((manifest) => manifest.kind === 'Service').map((manifest) => manifest.metadata.name);
    expect(services.sort()).toEqual([...SUBGRAPH_NAMES, 'gateway'].sort());
    const documented = documentedVariable();
    for (const deployment of deployments) {
      const pod = deployment.spec.template!.spec;
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      for (const container of pod.containers) {
        const port = container.ports[0]!.containerPort;
        expect(container.livenessProbe?.httpGet).toEqual({ path: '/health', port });
        expect(container.readinessProbe?.httpGet).toEqual({ path: '/ready', port });
        // Kubernetes' default 1 s probe timeout is shorter than a busy process's answer (and the gateway's /ready asks subgraphs for up to 2 s).
        expect(container.livenessProbe?.timeoutSeconds).toBeGreaterThanOrEqual(2);
        expect(container.readinessProbe?.timeoutSeconds).toBeGreaterThanOrEqual(container.name === 'gateway' ? 3 : 2);
        expect(container.ports.map((entry) => entry.containerPort)).toContain(9464); // METRICS_PORT of the image
        expect(container.env.map((variable) => variable.name).filter((name) => !documented(name))).toEqual([]);
      }
    }
    expect(deployments.find((deployment) => deployment.metadata.name === 'gateway')!.spec.replicas).toBeGreaterThanOrEqual(2);
  });

  it("the image's health check passes while the process answers /health, and fails once it is gone", async () => {
    const subgraph = await startTestSubgraph(integrations, { seed: false });
    // Spawned, not spawnSync: the subgraph answers from this very process.
    const check = () =>
      new Promise<number | null>((resolve) =>
        spawn(process.execPath, [path.join(ROOT, 'deploy', 'healthcheck.mjs')], {
          // METRICS_PORT as the image sets it, named first: the check must still probe the public port.
          env: { PATH: process.env.PATH, METRICS_PORT: '1', INTEGRATIONS_PORT: String(subgraph.port) },
        }).on('exit', resolve),
      );
    try {
      expect(await check()).toBe(0);
    } finally {
      await subgraph.stop();
    }
    expect(await check()).toBe(1);
  });
});
