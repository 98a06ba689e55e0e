// One line about a simulated rollout: the CodeLens title above each Deployment and StatefulSet, and the
// panel's heading. e.g. "Rollout: 4 replicas, at most 1 down, +1 surge, 2 failure windows".
import type { RolloutSimulation } from './types';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function windowsText(simulation: RolloutSimulation): string {
  const n = simulation.windows.length;
  return n === 0 ? 'no failure window' : plural(n, 'failure window');
}

export function rolloutSummary(simulation: RolloutSimulation): string {
  const refused = simulation.refused?.[0];
  if (refused) {
    const more = simulation.refused!.length > 1 ? ` (and ${plural(simulation.refused!.length - 1, 'other value')})` : '';
    return `Rollout: not simulated, ${refused.field} is ${refused.text}${more}`;
  }
  const { replicas } = simulation;
  const count = `${plural(replicas, 'replica')}${simulation.replicasSource ? ' (HPA max)' : ''}`;
  if (replicas === 0) return 'Rollout: scaled to 0, nothing rolls';
  if (simulation.strategy === 'OnDelete') return `Rollout (OnDelete): ${count}, replaced only when you delete them`;
  if (simulation.strategy === 'Recreate') return `Rollout (Recreate): ${count}, all down at once, ${windowsText(simulation)}`;
  if (simulation.kind === 'StatefulSet') {
    const partition = simulation.partition ? `, ordinals ≥ ${simulation.partition}` : '';
    return `Rollout: ${count}, one at a time${partition}, ${windowsText(simulation)}`;
  }
  const unavailable = simulation.maxUnavailable ?? 0;
  const down =
    unavailable === 0
      ? 'none down'
      : unavailable >= replicas
        ? `all ${unavailable === 1 ? '' : `${unavailable} `}can go down`
        : `at most ${unavailable} down`;
  return `Rollout: ${count}, ${down}, +${simulation.maxSurge ?? 0} surge, ${windowsText(simulation)}`;
}

/** How long, in words: "about 40s", "about 2m 10s". */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}
