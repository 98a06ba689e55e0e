// What the workload controllers do during a rollout, in waves of creations and deletions: the Deployment
// controller's RollingUpdate (its reconcileNewReplicaSet / reconcileOldReplicaSets arithmetic) and Recreate, and
// the StatefulSet controller's one-pod-at-a-time update. They only decide when pods are created and deleted;
// the pods' own timing comes from podTiming.ts.
import type { PodTimeline } from './types';
import type { RolloutRun } from './rolloutRun';

/** Runs the controller the inputs name, from t = 0 until every pod is replaced (or the rollout is stuck). */
export function runController(run: RolloutRun): void {
  if (run.inputs.replicas === 0) {
    run.notes.push('Scaled to 0 replicas: a rollout changes no pod.');
  } else if (run.inputs.kind === 'StatefulSet') {
    runStatefulSet(run);
  } else if (run.inputs.strategy === 'Recreate') {
    runDeploymentRecreate(run);
  } else {
    runDeploymentRollingUpdate(run);
  }
}

function names(pods: PodTimeline[]): string {
  return pods.map((p) => p.label).join(', ');
}

function runDeploymentRollingUpdate(run: RolloutRun): void {
  const { replicas } = run.inputs;
  const surge = run.inputs.maxSurge ?? 0;
  const unavailable = run.inputs.maxUnavailable ?? 0;
  const old: PodTimeline[] = [];
  for (let i = 1; i <= replicas; i++) old.push(run.oldPod(i, `old-${i}`, `old ${i}`));
  const fresh: PodTimeline[] = [];
  let oldReplicas = replicas;
  let oldNext = 0;
  const minAvailable = replicas - unavailable;
  let t = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const availableNew = () => fresh.filter((p) => p.availableAt! <= t).length;
    for (let changed = true; changed;) {
      changed = false;
      // reconcileNewReplicaSet: up to replicas + maxSurge pods in all ReplicaSets (terminating pods do not count).
      const all = oldReplicas + fresh.length;
      if (fresh.length < replicas && all < replicas + surge) {
        const up = Math.min(replicas + surge - all, replicas - fresh.length);
        const created: PodTimeline[] = [];
        for (let i = 0; i < up; i++) {
          const n = fresh.length + 1;
          const pod = run.create(t, n, `new-${n}`, `new ${n}`);
          created.push(pod);
          fresh.push(pod);
        }
        run.step(t, `scale new ReplicaSet up to ${fresh.length} (create ${names(created)})`);
        changed = true;
      }
      // reconcileOldReplicaSets: never below replicas - maxUnavailable available pods, and not while that
      // would count the new ReplicaSet's unavailable pods.
      if (oldReplicas > 0) {
        const allPods = oldReplicas + fresh.length;
        const maxScaledDown = allPods - minAvailable - (fresh.length - availableNew());
        if (maxScaledDown > 0) {
          const available = oldReplicas + availableNew();
          const down = Math.min(available - minAvailable, oldReplicas);
          if (down > 0) {
            const deleted = old.slice(oldNext, oldNext + down);
            for (const pod of deleted) run.delete(t, pod);
            oldNext += down;
            oldReplicas -= down;
            run.step(t, `scale old ReplicaSet down to ${oldReplicas} (delete ${names(deleted)})`);
            changed = true;
          }
        }
      }
    }
    if (oldReplicas === 0 && fresh.length === replicas && availableNew() === replicas) return;
    const next = fresh.map((p) => p.availableAt!).filter((x) => x > t);
    if (next.length === 0) {
      run.notes.push('The rollout cannot progress under these settings (the model found no next step).');
      return;
    }
    t = Math.min(...next);
    const became = fresh.filter((p) => p.availableAt === t);
    run.step(t, `${names(became)} available`);
  }
}

function runDeploymentRecreate(run: RolloutRun): void {
  const { replicas } = run.inputs;
  const old: PodTimeline[] = [];
  for (let i = 1; i <= replicas; i++) old.push(run.oldPod(i, `old-${i}`, `old ${i}`));
  for (const pod of old) run.delete(0, pod);
  run.step(0, `scale old ReplicaSet down to 0 (delete ${names(old)})`);
  // The controller creates the new pods only when no old pod is running any more.
  const t = Math.max(0, ...old.map((p) => p.goneAt!));
  run.step(t, 'every old pod is gone');
  const created: PodTimeline[] = [];
  for (let i = 1; i <= replicas; i++) created.push(run.create(t, i, `new-${i}`, `new ${i}`));
  run.step(t, `scale new ReplicaSet up to ${replicas} (create ${names(created)})`);
  if (created.length > 0) run.step(created[0].availableAt!, `${names(created)} available`);
}

function runStatefulSet(run: RolloutRun): void {
  const { replicas, name } = run.inputs;
  const base = name ?? 'pod';
  const old: PodTimeline[] = [];
  // Lanes from the highest ordinal down: the order the controller updates them in.
  for (let ordinal = replicas - 1; ordinal >= 0; ordinal--) {
    old.push(run.oldPod(ordinal, `${base}-${ordinal}`, `${base}-${ordinal}`, ordinal));
  }
  if (run.inputs.strategy === 'OnDelete') return;
  const partition = Math.min(run.inputs.partition ?? 0, replicas);
  let t = 0;
  for (const pod of old) {
    if (pod.ordinal! < partition) break;
    run.delete(t, pod);
    run.step(t, `delete ${pod.label}`);
    // Same identity: the replacement is created once the old pod is gone.
    t = pod.goneAt!;
    const created = run.create(t, pod.ordinal!, pod.lane, pod.label, pod.ordinal);
    run.step(t, `${pod.label} gone; create its replacement`);
    t = created.availableAt!;
    run.step(t, `new ${pod.label} available`);
  }
}
