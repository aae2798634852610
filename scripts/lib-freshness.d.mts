/** Types of lib-freshness.mjs (plain JavaScript, run before anything is compiled). */
export declare const STAMP_NAME: string;
export declare function libIsFresh(root: string): boolean;
export declare function stampCompile(root: string, startedMs: number): void;
