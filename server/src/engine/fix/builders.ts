// Fix builders shared by several rules. Values come from the manifest (the container's declared port, by name
// when it has one) and from the fix defaults (paths, periods, preStop wait), never from bare placeholders.
import { isAlias, type YAMLMap } from 'yaml';
import { Commented, type EmitValue } from './edits/emit';
import { mergeInsertions, YamlEditor } from './edits/yamlEdit';
import type { Container, Workload } from '../k8s/objects';
import { gracePeriod } from '../k8s/lifecycle';
import type { Fix, FixDefaults, TextEdit } from '../types';
import type { DocRef } from '../model/yamlAccess';

export function fix(title: string, edits: TextEdit[] | undefined, options: { preferred?: boolean; safe: boolean }): Fix | undefined {
  if (!edits || edits.length === 0) {
    return undefined;
  }
  return { title, edits: mergeInsertions(edits), safe: options.safe, ...(options.preferred ? { preferred: true } : {}) };
}

export function definedFixes(...fixes: (Fix | undefined)[]): Fix[] {
  return fixes.filter((f): f is Fix => f !== undefined);
}

/** The port a probe should target: the first declared port, by name when it has one. */
export function probePort(container: Container): { value: EmitValue; label: string; known: boolean } {
  const port = container.ports.find((p) => p.name !== undefined) ?? container.ports.find((p) => p.number !== undefined);
  if (port?.name !== undefined) {
    return { value: port.name, label: port.name, known: true };
  }
  if (port?.number !== undefined) {
    return { value: port.number, label: String(port.number), known: true };
  }
  return { value: new Commented(8080, 'set to the port your app listens on'), label: '8080 (set your port)', known: false };
}

export type ProbeKind = 'readinessProbe' | 'livenessProbe';

/** Readiness reacts fast; liveness is slower and more tolerant, so the two never turn into each other. */
export function probeValue(kind: ProbeKind, handler: 'httpGet' | 'tcpSocket', container: Container, defaults: FixDefaults): EmitValue {
  const port = probePort(container).value;
  const target: EmitValue =
    handler === 'httpGet'
      ? { httpGet: { path: kind === 'readinessProbe' ? defaults.readinessPath : defaults.livenessPath, port } }
      : { tcpSocket: { port } };
  if (kind === 'readinessProbe') {
    return { ...target, periodSeconds: defaults.readinessPeriodSeconds, failureThreshold: 3 };
  }
  return {
    ...target,
    initialDelaySeconds: defaults.livenessInitialDelaySeconds,
    periodSeconds: defaults.livenessPeriodSeconds,
    failureThreshold: 6,
  };
}

/** Add-probe fixes: httpGet on the fix-default path (preferred), and tcpSocket (safe: it only needs the port). */
export function addProbeFixes(kind: ProbeKind, container: Container, ref: DocRef, defaults: FixDefaults): Fix[] {
  if (container.viaAlias) {
    return [];
  }
  const editor = new YamlEditor(ref);
  const port = probePort(container);
  const path = kind === 'readinessProbe' ? defaults.readinessPath : defaults.livenessPath;
  // A gRPC port gets the native grpc probe (it needs the port number, not its name).
  const grpcPort = container.ports.find((p) => p.number !== undefined && /grpc/i.test(p.name ?? ''));
  if (grpcPort?.number !== undefined) {
    const timings = probeValue(kind, 'tcpSocket', container, defaults) as Record<string, EmitValue>;
    const { tcpSocket: _unused, ...rest } = timings;
    void _unused;
    return definedFixes(
      fix(
        `Add ${kind} (grpc on port ${grpcPort.number})`,
        editor.setPath(container.node, [kind], { grpc: { port: grpcPort.number }, ...rest }),
        {
          preferred: true,
          safe: true,
        },
      ),
    );
  }
  return definedFixes(
    fix(
      `Add ${kind} (httpGet ${path} on port ${port.label})`,
      editor.setPath(container.node, [kind], probeValue(kind, 'httpGet', container, defaults)),
      {
        preferred: true,
        safe: false,
      },
    ),
    port.known
      ? fix(
          `Add ${kind} (tcpSocket on port ${port.label})`,
          editor.setPath(container.node, [kind], probeValue(kind, 'tcpSocket', container, defaults)),
          {
            safe: true,
          },
        )
      : undefined,
  );
}

/** The pod spec of a workload when fixes may edit it (not shared through an alias). */
export function ownedPodSpec(workload: Workload): YAMLMap | undefined {
  return workload.podSpec && !isAlias(workload.podSpecPair?.value) ? workload.podSpec : undefined;
}

/** Edits that keep terminationGracePeriodSeconds above a preStop wait (none when it already is). */
export function graceAbove(workload: Workload, waitSeconds: number, ref: DocRef): TextEdit[] | undefined {
  const grace = gracePeriod(workload.podSpec, ref);
  if (grace.seconds > waitSeconds) {
    return [];
  }
  const podSpec = ownedPodSpec(workload);
  return podSpec ? new YamlEditor(ref).setEntries(podSpec, { terminationGracePeriodSeconds: suggestedGrace(waitSeconds) }) : undefined;
}

/** Wait plus time for in-flight requests after SIGTERM, rounded up to a multiple of 5. */
export function suggestedGrace(waitSeconds: number): number {
  return Math.ceil((waitSeconds + 15) / 5) * 5;
}
