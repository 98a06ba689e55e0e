import { isAlias, isScalar, type Node, type Pair } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { handlerPorts } from '../k8s/handlerPorts';
import { describeContainer, type Container } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { editDistance } from '../text';
import type { Fix } from '../types';
import { pairRange, scalarValue, type DocRef } from '../model/yamlAccess';

interface PortUse {
  /** "readinessProbe httpGet", "preStop hook tcpSocket". */
  where: string;
  pair: Pair;
  value: string;
  /** The probe or hook is written as an alias (shared with another container): its text is not this container's to fix. */
  shared: boolean;
}

/** The probe and hook ports written as names (numbers need no declaration). */
function portUses(container: Container, ref: DocRef): PortUse[] {
  const uses: PortUse[] = [];
  for (const { where, pair, shared } of handlerPorts(container, ref, ['httpGet', 'tcpSocket'])) {
    const value = scalarValue(pair.value, ref);
    if (typeof value === 'string') uses.push({ where, pair, value, shared });
  }
  return uses;
}

function replacePort(use: PortUse, value: string | number, ref: DocRef): Fix['edits'] | undefined {
  const node = use.pair.value as Node | null;
  if (use.shared || !node || isAlias(node) || !isScalar(node)) return undefined;
  const editor = new YamlEditor(ref);
  // A number is written bare even where the name was quoted.
  if (typeof value === 'number' && node.range) return [editor.replace(node.range[0], node.range[1], String(value))];
  const edit = editor.replaceScalar(node, value);
  return edit ? [edit] : undefined;
}

function numberWithComment(use: PortUse, ref: DocRef): Fix['edits'] | undefined {
  const node = use.pair.value as Node | null;
  if (use.shared || !node || isAlias(node) || !isScalar(node) || !node.range) return undefined;
  const editor = new YamlEditor(ref);
  const lineEnd = editor.endOfLine(node.range[1]);
  const hasComment = editor.text.slice(node.range[1], lineEnd).includes('#');
  return [
    editor.replace(node.range[0], node.range[1], '8080'),
    ...(hasComment ? [] : [editor.replace(lineEnd, lineEnd, ' # set to the port your app listens on')]),
  ];
}

export default defineRule({
  meta: {
    id: 'probe-port-unknown',
    title: 'Probe or lifecycle hook names a port the container does not declare',
    severity: 'error',
    rationale:
      "A probe or hook that names its port (port: http) looks the name up in its own container's ports; when no port has that name, the probe fails every time: the pod never becomes Ready, or is restarted in a loop.",
    appliesTo: 'readinessProbe, livenessProbe, startupProbe and preStop/postStart hooks (httpGet, tcpSocket) of long-running containers',
    docs: {
      why: [
        "An `httpGet` or `tcpSocket` port may be a number or the name of one of the *same container's* `ports`. The kubelet resolves the name when it runs the probe; when the container declares no port of that name (a typo, a port renamed, a port declared on the sidecar instead), every probe fails. A readinessProbe that always fails keeps the new pods out of the Service and stalls the rollout (the old pods keep running until the progress deadline); a livenessProbe that always fails restarts the container forever; a preStop hook that fails skips its wait, so connections are cut during shutdown.",
        '',
        'A port written as a quoted number (`port: "8080"`) is a *name* to Kubernetes, and names need a letter: the API server rejects it.',
      ].join('\n'),
      severityReason: 'Error: the probe or hook cannot succeed as written.',
      bad: `ports:
  - name: http
    containerPort: 8080
readinessProbe:
  httpGet:
    path: /ready
    port: htpp`,
      good: `ports:
  - name: http
    containerPort: 8080
readinessProbe:
  httpGet:
    path: /ready
    port: http`,
      howToFix:
        "Name a port the container declares (the quick fixes offer the closest names), use the port number, or declare the port in the container's `ports` with that name. Write numbers unquoted. For a container that declares no ports, the quick fix writes a port number for you to set.",
      notFlagged:
        'Numeric ports (the kubelet does not need them declared), gRPC probes (their port is always a number), Jobs and CronJobs, and Kustomize patches (the base may declare the port).',
    },
  },
  check({ workloads, report }) {
    for (const workload of workloads) {
      if (workload.runsToCompletion || workload.isFragment) {
        continue;
      }
      const { ref } = workload.object;
      for (const container of workload.containers) {
        for (const use of portUses(container, ref)) {
          const range = pairRange(use.pair, ref);
          if (!range) continue;
          if (/^\s*\d+\s*$/.test(use.value)) {
            report({
              object: workload.object,
              container,
              range,
              message: `${describeContainer(container)}'s ${use.where} port is the quoted number "${use.value}": Kubernetes reads a quoted port as a port name, and names need a letter, so the API server rejects it. Write it as a number.`,
              fixes: () =>
                definedFixes(
                  fix(`Write the port as the number ${Number(use.value)}`, replacePort(use, Number(use.value), ref), {
                    preferred: true,
                    safe: true,
                  }),
                ),
            });
            continue;
          }
          if (container.ports.some((port) => port.name === use.value)) {
            continue;
          }
          const named = container.ports
            .filter((port): port is { name: string; number?: number } => port.name !== undefined)
            .sort(
              (a, b) =>
                editDistance(use.value.toLowerCase(), a.name.toLowerCase()) - editDistance(use.value.toLowerCase(), b.name.toLowerCase()),
            )
            .slice(0, 3);
          const numbered = container.ports.filter((port) => port.name === undefined && port.number !== undefined).slice(0, 3);
          const fixes: Fix[] = [];
          for (const port of named) {
            fixes.push(
              ...definedFixes(
                fix(`Use port "${port.name}"`, replacePort(use, port.name, ref), { preferred: fixes.length === 0, safe: false }),
              ),
            );
          }
          for (const port of numbered) {
            fixes.push(
              ...definedFixes(
                fix(`Use port ${port.number}`, replacePort(use, port.number!, ref), { preferred: fixes.length === 0, safe: false }),
              ),
            );
          }
          if (container.ports.length === 0) {
            // Declaring the port would make the container count as serving (other rules then demand probes and a
            // preStop hook of it): point the probe at a number instead, marked for the user to set.
            fixes.push(
              ...definedFixes(
                fix('Use a port number (8080: set the port your app listens on)', numberWithComment(use, ref), {
                  preferred: true,
                  safe: false,
                }),
              ),
            );
          }
          const declared = container.ports.map((port) => port.name ?? String(port.number)).filter((name) => name !== 'undefined');
          report({
            object: workload.object,
            container,
            range,
            message: `${describeContainer(container)}'s ${use.where} uses port "${use.value}", but the container declares ${declared.length > 0 ? `only ${declared.map((name) => `"${name}"`).join(', ')}` : 'no ports'}: the name cannot be resolved, so the ${use.where.includes('hook') ? 'hook fails every time' : 'probe fails every time'}.`,
            fixes,
          });
        }
      }
    }
  },
});
