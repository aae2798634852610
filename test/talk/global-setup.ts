import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { provideBuiltDeck } from '../helpers/global-setup.ts';

/** The talk's own browser tests look at the talk in slides/, built once. */
export default async function setup(project: TestProject): Promise<void> {
  const root = project.config.root;
  await provideBuiltDeck(
    project,
    { projectDir: root, slidesDir: path.join(root, 'slides'), strict: true },
    'talk-dist',
  );
}
