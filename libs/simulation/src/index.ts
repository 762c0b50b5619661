// Event-time simulation through the engine on the in-memory store: history files, policy diffs and what-ifs.
export * from './history-simulation';
export * from './policy-diff';
export * from './recorded-history';
export * from './what-if';
