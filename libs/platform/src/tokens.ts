// Injection tokens for the ports the apps share. Providers live in PlatformModule.
export const CONFIG = Symbol('CONFIG');
export const LOGGER = Symbol('LOGGER');
export const METRICS = Symbol('METRICS');
export const HEALTH = Symbol('HEALTH');
export const DATABASE = Symbol('DATABASE');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const TIMER_STORE = Symbol('TIMER_STORE');
export const CLOCK = Symbol('CLOCK');
export const ENGINE = Symbol('ENGINE');
export const POLICIES = Symbol('POLICIES');
export const BUS = Symbol('BUS');
export const DEAD_LETTERS = Symbol('DEAD_LETTERS');
