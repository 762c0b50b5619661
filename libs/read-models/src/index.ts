// Read models: projections over the global event order, and the queries the ops API runs on them.
export * from './projection';
export * from './projections';
export * from './queries';
export * from './runner';
