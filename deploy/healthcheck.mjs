// The container's HEALTHCHECK: GET /health on the port this process serves (GATEWAY_PORT, or
// the one <NAME>_PORT set for its subgraph; never METRICS_PORT, which serves /metrics only);
// exit 0 when it answers 200.
const portVariable =
  Object.keys(process.env).find((name) => name === 'GATEWAY_PORT') ??
  Object.keys(process.env).find((name) => /^[A-Z]+_PORT$/.test(name) && name !== 'METRICS_PORT');
const port = portVariable ? process.env[portVariable] : '4000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(4000) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
