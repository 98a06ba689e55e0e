import { isAlias, isScalar, type Node, type Pair } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { handlerPorts } from '../k8s/handlerPorts';
import { describeContainer, type Container, type ContainerPort } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import type { Fix, TextEdit } from '../types';
import { getPair, getSeq, pairRange, scalarValue, type DocRef } from '../model/yamlAccess';

/** Every handler the kubelet runs over a TCP connection: HTTP, a TCP connect, gRPC (HTTP/2). */
const TCP_ACTIONS = ['httpGet', 'tcpSocket', 'grpc'] as const;

interface PortUse {
  where: string;
  pair: Pair;
  /** The declared port it resolves to (declared only as UDP). */
  port: ContainerPort;
  byName: boolean;
  /** gRPC ports are numbers only. */
  numberOnly: boolean;
  /** The probe or hook is shared with another container (an alias): not this container's to edit. */
  shared: boolean;
}

const isUdp = (port: ContainerPort): boolean => port.protocol?.toUpperCase() === 'UDP';

/** The probe and hook ports of a container that resolve to a port it declares only as UDP. */
function udpUses(container: Container, ref: DocRef): PortUse[] {
  const uses: PortUse[] = [];
  for (const { where, action, pair, shared } of handlerPorts(container, ref, TCP_ACTIONS)) {
    const value = scalarValue(pair.value, ref);
    if (value === undefined || value === null) continue;
    let port: ContainerPort | undefined;
    if (typeof value === 'string' && !/^\s*\d+\s*$/.test(value)) {
      // The kubelet takes the first port of that name, whatever its protocol.
      port = container.ports.find((p) => p.name === value);
      if (port && !isUdp(port)) port = undefined;
    } else if (typeof value === 'number') {
      const same = container.ports.filter((p) => p.number === value);
      port = same.length > 0 && same.every(isUdp) ? same[0] : undefined;
    }
    if (port) uses.push({ where, pair, port, byName: typeof value === 'string', numberOnly: action === 'grpc', shared });
  }
  return uses;
}

function describeDeclared(port: ContainerPort): string {
  return `${port.name !== undefined ? `"${port.name}" (${port.number ?? '?'}/UDP)` : `${port.number}/UDP`}`;
}

function replacePortValue(use: PortUse, value: string | number, editor: YamlEditor): TextEdit | undefined {
  const node = use.pair.value as Node | null;
  if (use.shared || !node || !isScalar(node) || !node.range) return undefined;
  return typeof value === 'number' ? editor.replace(node.range[0], node.range[1], String(value)) : editor.replaceScalar(node, value);
}

function udpFixes(container: Container, use: PortUse, ref: DocRef): Fix[] {
  const editor = new YamlEditor(ref);
  const fixes: (Fix | undefined)[] = [];
  // Another port of the container that the kubelet can reach: probe it instead.
  for (const port of container.ports.filter((p) => !isUdp(p) && (p.protocol === undefined || p.protocol.toUpperCase() === 'TCP'))) {
    const value = use.numberOnly ? port.number : (port.name ?? port.number);
    if (value === undefined) continue;
    const edit = replacePortValue(use, value, editor);
    fixes.push(
      fix(`Use port ${typeof value === 'string' ? `"${value}"` : value} (TCP)`, edit ? [edit] : undefined, {
        preferred: fixes.length === 0,
        safe: false,
      }),
    );
  }
  // The app may listen on TCP on the same number too (DNS servers do): declare it, and probe the number.
  const ports = getSeq(container.node, 'ports', ref);
  const number = use.port.number;
  if (ports && number !== undefined && !container.viaAlias && !isAlias(getPair(container.node, 'ports', ref)?.value)) {
    const declare = editor.appendItem(ports, { containerPort: number, protocol: 'TCP' });
    const retarget = use.byName ? replacePortValue(use, number, editor) : undefined;
    fixes.push(
      fix(
        `Declare port ${number}/TCP too${use.byName ? ` and probe ${number}` : ''} (if the app also listens on TCP there)`,
        declare && (!use.byName || retarget) ? [declare, ...(retarget ? [retarget] : [])] : undefined,
        { preferred: fixes.length === 0, safe: false },
      ),
    );
  }
  return definedFixes(...fixes);
}

export default defineRule({
  meta: {
    id: 'probe-port-udp',
    title: 'Probe or lifecycle hook on a port declared UDP',
    severity: 'error',
    rationale:
      'httpGet, tcpSocket and grpc probes and hooks connect over TCP; aimed at a port the container declares only as UDP, they fail every time: the pod never becomes Ready, or is restarted in a loop.',
    appliesTo:
      'readinessProbe, livenessProbe, startupProbe and preStop/postStart hooks (httpGet, tcpSocket, grpc) of long-running containers',
    docs: {
      why: [
        'The kubelet runs `httpGet`, `tcpSocket` and `grpc` handlers over a TCP connection to the pod. A port named in a probe resolves to the first container port of that name, whatever its `protocol`; a number is used as it is. When that port is declared `protocol: UDP` only (a DNS server, a syslog or StatsD receiver), nothing listens on TCP there: the connection is refused, and the probe fails every time. A readinessProbe that always fails keeps every new pod out of the Service and stalls the rollout; a livenessProbe restarts the container forever; a preStop hook fails and skips its wait.',
        '',
        'A container may declare the same number for both protocols (`53/TCP` and `53/UDP`, as CoreDNS does): then a probe by number is fine, and the rule is silent.',
      ].join('\n'),
      severityReason: 'Error: the probe or hook cannot succeed as written.',
      bad: `ports:
  - name: dns
    containerPort: 53
    protocol: UDP
livenessProbe:
  tcpSocket:
    port: dns`,
      good: `ports:
  - name: dns
    containerPort: 53
    protocol: UDP
  - name: health
    containerPort: 8080
livenessProbe:
  httpGet:
    path: /health
    port: health`,
      howToFix:
        "Probe a TCP port the app serves (a health endpoint), or an `exec` command that checks the UDP service. If the app also listens on TCP on the same number, declare that port too (`protocol: TCP`) and probe the number. The quick fixes offer the container's TCP ports, and declaring the TCP port.",
      notFlagged:
        'exec probes, ports declared for both protocols, ports the container does not declare (see `probe-port-unknown`), Jobs and CronJobs, and Kustomize patches.',
    },
  },
  check({ workloads, report }) {
    for (const workload of workloads) {
      if (workload.runsToCompletion || workload.isFragment) continue;
      const { ref } = workload.object;
      for (const container of workload.containers) {
        for (const use of udpUses(container, ref)) {
          const range = pairRange(use.pair, ref);
          if (!range) continue;
          report({
            object: workload.object,
            container,
            range,
            message: `${describeContainer(container)}'s ${use.where} connects over TCP to port ${describeDeclared(use.port)}, which the container declares only as UDP: the connection is refused and the ${use.where.includes('hook') ? 'hook fails' : 'probe fails'} every time.`,
            fixes: () => udpFixes(container, use, ref),
          });
        }
      }
    }
  },
});
