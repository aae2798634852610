/** `<package>/smoke`: the checks that prove a built deck works, in real Chromium, as a library. */
export { runSmoke, NotADeckError } from './run.ts';
export { SMOKE_CHECKS, type SmokeCheck, type SmokeFailure, type SmokeOptions, type SmokeReport } from './types.ts';
