/**
 * A worker thread that cuts fonts down (font-subset.ts), so that harfbuzz's wasm, which holds
 * its thread for hundreds of milliseconds a font, never holds up the main thread's driving of
 * Chromium while the offline page is made beside the prints.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { subsetWoff2 } from './font-subset.ts';

const { fonts, characters } = workerData as { fonts: Uint8Array[]; characters: string };
const subsets: Uint8Array[] = [];
for (const font of fonts) subsets.push(await subsetWoff2(font, characters));
parentPort!.postMessage(subsets);
