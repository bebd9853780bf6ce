/** Prometheus text exposition as a scraper reads it, for tests of `/metrics`. */
export type Samples = Map<string, number>;

/** `name{a="1",b="2"} 3` lines into a map keyed by name and sorted labels. */
export function parseExposition(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels = [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, name, value]) => `${name}=${value}`).sort();
    samples.set(key(match[1]!, labels), Number(match[3]));
  }
  return samples;
}

/** The map key of one sample: its name and labels (a list of `label=value`, or an object). */
export function key(name: string, labels: string[] | Record<string, string>): string {
  const list = Array.isArray(labels)
    ? labels
    : Object.entries(labels)
        .map(([label, value]) => `${label}=${value}`)
        .sort();
  return `${name}{${list.join(',')}}`;
}

/** Every value one label takes among a metric's samples. */
export function labelValues(samples: Samples, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const sampleKey of samples.keys()) {
    if (!sampleKey.startsWith(`${name}{`)) continue;
    const match = new RegExp(`[{,]${label}=([^,}]*)`).exec(sampleKey);
    if (match) values.add(match[1]!);
  }
  return [...values].sort();
}
