export { lifecycleMachine, MACHINE_VERSION, machineDefinitionJson, type LifecycleEvent, type LifecycleContext } from './lifecycle-machine';
export { move, type Position } from './moves';
