// SHACL validation off the test's event loop (see shacl.ts): validating the whole catalogue
// takes seconds of CPU, which would otherwise stall the in-process gateway under test.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const shapes = new Store(new Parser({ format: 'Turtle' }).parse(readFileSync(workerData.shapesPath, 'utf8')));

parentPort.on('message', async ({ id, nquads }) => {
  try {
    const report = await new SHACLValidator(shapes).validate(new Store(new Parser({ format: 'N-Quads' }).parse(nquads)));
    const violations = report.results.map((result) => ({
      focusNode: result.focusNode?.value ?? '',
      path: result.path?.value ?? null,
      message: result.message.map((message) => message.value).join('; '),
      shape: result.sourceShape?.value ?? '',
    }));
    parentPort.postMessage({ id, violations });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
