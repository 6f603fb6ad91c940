// The engine's version, in a module of its own so the page's first load can read it without
// loading the compiler and the rules.

/** Bumped whenever a change alters what a (scenario, seed, run) produces; part of every request key. */
export const ENGINE_VERSION = '1.3.0';
