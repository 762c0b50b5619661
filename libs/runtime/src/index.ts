// The runtime: the ports every store implements and the engine that drives the domain through them.
export * from './ports';
export * from './engine/handle-result';
export * from './engine/relationship-engine';
export * from './policy/team-policies';
