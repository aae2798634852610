/**
 * The server side of `npm run bench:live`, in its own process as on a presenter's laptop (the
 * simulated room runs in the parent). Tells the parent its port and presenter link over IPC,
 * answers "questions?" with the count kept, and stops when the parent goes.
 */
import { startLiveServer } from '../../src/present/live-server.ts';
import { makeSite } from '../present/live-helpers.ts';

const site = makeSite();
const server = await startLiveServer({
  dir: site.dir,
  host: '127.0.0.1',
  linkHost: '127.0.0.1',
  maxFollowers: Number(process.argv[2] ?? 500),
});
const stop = async () => {
  await server.close();
  site.cleanup();
  process.exit(0);
};
process.on('message', (m) => {
  if (m === 'questions?') process.send?.({ questions: server.questions().length });
  if (m === 'stop') void stop();
});
process.on('disconnect', () => void stop());
process.send?.({ port: server.port, presenterUrl: server.presenterUrl });
