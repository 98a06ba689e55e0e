// The rollout simulation: what a Deployment's or StatefulSet's settings do to traffic during a rollout, as a
// timeline (pods, phases, capacity, failure windows tied to rule ids) and as an SVG picture of it.
// Pure: no editor, file system or process APIs, like the rest of the engine.
export * from './types';
export { readRolloutInputs, isRolloutKind, type RolloutInputs, type ContainerTiming, type ProbeTiming } from './model';
export { simulateInputs, effectiveAssumptions, KUBELET_MINIMUM_GRACE_SECONDS, MAX_SIMULATED_REPLICAS } from './simulate';
export { podTiming } from './podTiming';
export {
  rolloutTargets,
  rolloutTargetsOf,
  findRolloutTarget,
  simulateRollout,
  simulateTarget,
  type RolloutTarget,
  type TargetSelector,
} from './targets';
export { rolloutSummary, formatDuration } from './summary';
export { renderTimelineSvg, describeWindow, formatSeconds, TIMELINE_CSS, type SvgOptions } from './svg';
