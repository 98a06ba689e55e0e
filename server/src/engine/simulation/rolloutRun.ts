// The state of one simulated rollout while the controller runs: the pods with their creation and deletion
// times (from the template's PodTiming), the controller's steps and the notes. The controllers (controllers.ts)
// drive it; podLifecycle.ts and capacity.ts read the pods it leaves.
import type { PodTimeline, PodTiming, RolloutAssumptions } from './types';
import type { RolloutInputs } from './model';
import { roundMs, secondsText } from './seconds';

export class RolloutRun {
  readonly pods: PodTimeline[] = [];
  readonly steps: string[] = [];
  readonly notes: string[];

  constructor(
    readonly inputs: RolloutInputs,
    readonly a: RolloutAssumptions,
    readonly timing: PodTiming,
  ) {
    this.notes = [...inputs.notes];
  }

  /** A pod of the old template, Ready since before the rollout. */
  oldPod(index: number, lane: string, label: string, ordinal?: number): PodTimeline {
    const pod: PodTimeline = {
      id: ordinal !== undefined ? `${lane}/old` : `old-${index}`,
      lane,
      label,
      generation: 'old',
      ordinal,
      phases: [],
    };
    this.pods.push(pod);
    return pod;
  }

  /** A pod of the new template created at `t`. */
  create(t: number, index: number, lane: string, label: string, ordinal?: number): PodTimeline {
    const { timing } = this;
    const pod: PodTimeline = {
      id: ordinal !== undefined ? `${lane}/new` : `new-${index}`,
      lane,
      label,
      generation: 'new',
      ordinal,
      createdAt: roundMs(t),
      startedAt: roundMs(t + timing.startedAfter),
      appReadyAt: roundMs(t + timing.appReadyAfter),
      readyAt: roundMs(t + timing.readyAfter),
      availableAt: roundMs(t + timing.availableAfter),
      phases: [],
    };
    this.pods.push(pod);
    return pod;
  }

  delete(t: number, pod: PodTimeline): void {
    const { timing } = this;
    pod.deletedAt = roundMs(t);
    pod.sigtermAt = roundMs(t + (timing.sigtermAfter ?? 0));
    pod.goneAt = roundMs(t + timing.goneAfter);
    if (timing.killed) pod.sigkillAt = pod.goneAt;
  }

  /** Logs what the controller does at `t`. */
  step(t: number, text: string): void {
    this.steps.push(`${secondsText(roundMs(t))}: ${text}`);
  }
}
