import { execFileSync } from 'node:child_process';
import { runMain } from './cli';

/** Fails when the generated resolver types no longer match the SDL (CI runs this). */
runMain(async () => {
  execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent'], { stdio: 'inherit' });
  const changed = execFileSync('git', ['status', '--porcelain', '--', 'subgraphs/*/generated'], { encoding: 'utf8' }).trim();
  if (changed) {
    console.error(`Generated resolver types are stale:\n${changed}\nRun \`npm run codegen\` and commit.`);
    process.exit(1);
  }
  console.log('generated resolver types are up to date');
});
