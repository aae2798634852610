export {};

/**
 * `npm run bench`: speed and size figures, printed, never asserted (this machine is shared and
 * noisy; compare ratios taken in one run). Pass names to run only some: `npm run bench -- compile`.
 */
const benches: Record<string, () => Promise<unknown>> = {
  compile: () => import('./compile.ts'),
  citations: () => import('./citations.ts'),
  build: () => import('./build.ts'),
  export: () => import('./export-command.ts'),
  'export-print': () => import('./export.ts'),
  startup: () => import('./page-startup.ts'),
  'pdf-finish': () => import('./pdf-finish.ts'),
  pictures: () => import('./pictures.ts'),
  'code-math': () => import('./code-math.ts'),
  cli: () => import('./cli.ts'),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, load] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  const mod = (await load()) as { run?: () => Promise<void> };
  await mod.run?.();
}
