// Draws a simulated rollout as SVG: one lane per pod with its phases as coloured bars, failure windows as red
// bands (each with a <title> naming the cause and the rule id), and the Ready-pod count against `replicas`
// below. Pure and deterministic (same input, same bytes: snapshot-tested). Colours are CSS variables: inside a
// VS Code webview they follow the theme (--vscode-*), standalone (docs, PR comments) they fall back to a light
// or dark palette by prefers-color-scheme. No inline style attributes, no scripts: it fits a strict CSP.
import { ASSUMPTION_INFO, ASSUMPTION_KEYS, type FailureWindow, type PhaseKind, type PodTimeline, type RolloutSimulation } from './types';
import { rolloutSummary } from './summary';

export interface SvgOptions {
  /** Width in px (default 960). */
  width?: number;
  /** Make failure windows focusable buttons (tabindex, role) for the webview's keyboard navigation. */
  interactive?: boolean;
  /** Nonce for the <style> element, when the SVG is inlined into a page with a nonce-based CSP. */
  styleNonce?: string;
  /** Leave out the <style> element (the page supplies TIMELINE_CSS itself). */
  omitStyle?: boolean;
  /** Heading; default "<Kind> <name>: <summary>". */
  title?: string;
}

export const TIMELINE_CSS = `
.kzd-timeline{--kzd-fg:#1f2328;--kzd-muted:#59636e;--kzd-grid:#d1d9e0;--kzd-starting:#bf8700;--kzd-notready:#8c959f;--kzd-ready:#1a7f37;--kzd-prestop:#0969da;--kzd-sigterm:#8250df;--kzd-sigkill:#1f2328;--kzd-fail:#cf222e;--kzd-focus:#0969da}
@media (prefers-color-scheme: dark){.kzd-timeline{--kzd-fg:#e6edf3;--kzd-muted:#9198a1;--kzd-grid:#3d444d;--kzd-starting:#d29922;--kzd-notready:#656c76;--kzd-ready:#3fb950;--kzd-prestop:#4493f8;--kzd-sigterm:#ab7df8;--kzd-sigkill:#e6edf3;--kzd-fail:#f85149;--kzd-focus:#4493f8}}
.kzd-timeline text{fill:var(--vscode-foreground,var(--kzd-fg));font-family:var(--vscode-font-family,-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif);font-size:11px}
.kzd-timeline .title{font-size:13px;font-weight:600}
.kzd-timeline .muted{fill:var(--vscode-descriptionForeground,var(--kzd-muted))}
.kzd-timeline .grid{stroke:var(--vscode-editorWidget-border,var(--kzd-grid));stroke-width:1}
.kzd-timeline .phase-starting{fill:var(--vscode-charts-yellow,var(--kzd-starting))}
.kzd-timeline .phase-running-not-ready{fill:var(--vscode-disabledForeground,var(--kzd-notready))}
.kzd-timeline .phase-ready{fill:var(--vscode-charts-green,var(--kzd-ready))}
.kzd-timeline .phase-prestop{fill:var(--vscode-charts-blue,var(--kzd-prestop))}
.kzd-timeline .phase-sigterm{fill:var(--vscode-charts-purple,var(--kzd-sigterm))}
.kzd-timeline .phase-sigkill{fill:var(--vscode-foreground,var(--kzd-sigkill))}
.kzd-timeline .band{fill:var(--vscode-charts-red,var(--kzd-fail));fill-opacity:.35;stroke:var(--vscode-charts-red,var(--kzd-fail));stroke-width:1.5}
.kzd-timeline .failure-reduced-capacity .band{fill-opacity:.16;stroke-dasharray:4 3}
.kzd-timeline .failure-outage .band{fill-opacity:.42}
.kzd-timeline .failure:focus{outline:none}
.kzd-timeline .failure:focus .band,.kzd-timeline .failure.selected .band{stroke:var(--vscode-focusBorder,var(--kzd-focus));stroke-width:3}
.kzd-timeline .ready-line{fill:none;stroke:var(--vscode-charts-green,var(--kzd-ready));stroke-width:2}
.kzd-timeline .serving-line{fill:none;stroke:var(--vscode-foreground,var(--kzd-fg));stroke-width:1.5;stroke-dasharray:2 3}
.kzd-timeline .replicas-line{fill:none;stroke:var(--vscode-descriptionForeground,var(--kzd-muted));stroke-width:1;stroke-dasharray:6 4}
.kzd-timeline .legend-line{stroke-width:2}
`.trim();

const PHASE_LABEL: Record<PhaseKind, string> = {
  starting: 'starting (pull, create)',
  'running-not-ready': 'running, not Ready',
  ready: 'Ready',
  prestop: 'preStop',
  sigterm: 'SIGTERM, draining',
  sigkill: 'SIGKILL',
};

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Coordinates with one decimal: stable text across platforms. */
function n(x: number): string {
  const r = Math.round(x * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

export function formatSeconds(s: number): string {
  const r = Math.round(s * 10) / 10;
  if (r < 60) return `${r}s`;
  const m = Math.floor(r / 60);
  const rest = Math.round((r - m * 60) * 10) / 10;
  return rest === 0 ? `${m}m` : `${m}m ${rest}s`;
}

function niceStep(span: number, maxTicks: number): number {
  for (const step of [1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600]) {
    if (span / step <= maxTicks) return step;
  }
  return Math.ceil(span / maxTicks / 3600) * 3600;
}

/** Times of the axis ticks: at most maxTicks + 1 of them, whatever the span (t += step stops moving near 1e308). */
function ticks(span: number, maxTicks: number): number[] {
  const step = niceStep(span, maxTicks);
  const count = Math.min(maxTicks, Math.floor(span / step + 1e-9));
  const out: number[] = [];
  for (let i = 0; i <= count; i++) out.push(i * step);
  return out;
}

/** Horizons the picture can scale to: finite and positive (a hand-built simulation may hold anything). */
function drawableHorizon(horizon: number): number {
  return Number.isFinite(horizon) && horizon >= 1 ? horizon : 1;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** What a failure window says on hover, in the aria label and in the panel's list. */
export function describeWindow(window: FailureWindow): string {
  return `${formatSeconds(window.start)}–${formatSeconds(window.end)}: ${window.cause}${window.ruleId ? ` [${window.ruleId}]` : ''}`;
}

function svgDocument(width: number, height: number, options: SvgOptions, ariaTitle: string, body: string): string {
  const style = options.omitStyle ? '' : `<style${options.styleNonce ? ` nonce="${esc(options.styleNonce)}"` : ''}>${TIMELINE_CSS}</style>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="kzd-timeline" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="${options.interactive ? 'group' : 'img'}" aria-label="${esc(ariaTitle)}">` +
    `<title>${esc(ariaTitle)}</title>${style}${body}</svg>\n`
  );
}

/** A simulation that refused its inputs: the heading and the reasons, nothing drawn. */
function renderRefused(simulation: RolloutSimulation, options: SvgOptions, width: number): string {
  const heading = options.title ?? `${simulation.kind}${simulation.name ? ` ${simulation.name}` : ''}: ${rolloutSummary(simulation)}`;
  const lines = simulation.notes.flatMap((note) => wrap(note, 150));
  const out = [`<text class="title" x="12" y="20">${esc(heading)}</text>`];
  let y = 44;
  for (const line of lines) {
    out.push(`<text class="muted" x="12" y="${y}">${esc(line)}</text>`);
    y += 15;
  }
  return svgDocument(width, y + 4, options, `${heading}. Not simulated.`, `<g class="refused">${out.join('\n')}</g>`);
}

export function renderTimelineSvg(simulation: RolloutSimulation, options: SvgOptions = {}): string {
  const width = options.width ?? 960;
  if (simulation.refused?.length) return renderRefused(simulation, options, width);
  const labelWidth = 110;
  const right = 24;
  const plotWidth = width - labelWidth - right;
  const horizon = drawableHorizon(simulation.horizon);
  const x = (t: number) => labelWidth + (Math.min(Math.max(t, 0), horizon) / horizon) * plotWidth;

  const lanes: string[] = [];
  const lanePods = new Map<string, PodTimeline[]>();
  for (const pod of simulation.pods) {
    if (!lanePods.has(pod.lane)) {
      lanes.push(pod.lane);
      lanePods.set(pod.lane, []);
    }
    lanePods.get(pod.lane)!.push(pod);
  }
  const pitch = lanes.length > 24 ? 13 : 22;
  const barHeight = lanes.length > 24 ? 9 : 14;
  const top = 52;
  const laneY = new Map(lanes.map((lane, i) => [lane, top + i * pitch]));
  const lanesBottom = top + Math.max(lanes.length, 1) * pitch;

  const out: string[] = [];
  const heading = options.title ?? `${simulation.kind}${simulation.name ? ` ${simulation.name}` : ''}: ${rolloutSummary(simulation)}`;

  // Time axis and grid.
  const axisY = lanesBottom + 6;
  const chartTop = axisY + 30;
  const chartHeight = 84;
  const chartBottom = chartTop + chartHeight;
  const grid: string[] = [];
  for (const t of ticks(horizon, 12)) {
    grid.push(`<line class="grid" x1="${n(x(t))}" y1="${top - 4}" x2="${n(x(t))}" y2="${chartBottom}"/>`);
    grid.push(`<text class="muted" x="${n(x(t))}" y="${axisY + 12}" text-anchor="middle">${esc(formatSeconds(t))}</text>`);
  }

  out.push(`<text class="title" x="12" y="20">${esc(heading)}</text>`);
  const complete =
    simulation.replicas === 0 || simulation.strategy === 'OnDelete'
      ? 'Nothing rolls.'
      : `Rollout complete after ${formatSeconds(simulation.duration)} (every new pod available, every old pod gone).`;
  out.push(`<text class="muted" x="12" y="38">${esc(complete)}</text>`);
  out.push(`<g class="axis">${grid.join('')}</g>`);

  // Lanes: label, phases.
  const phaseRects: string[] = [];
  for (const lane of lanes) {
    const y = laneY.get(lane)!;
    const pods = lanePods.get(lane)!;
    phaseRects.push(`<text x="12" y="${n(y + barHeight - 3)}">${esc(pods[0].label)}</text>`);
    for (const pod of pods) {
      for (const phase of pod.phases) {
        const x1 = x(phase.start);
        const w = phase.kind === 'sigkill' ? 3 : Math.max(1, x(phase.end) - x1);
        const x0 = phase.kind === 'sigkill' ? x1 - 1.5 : x1;
        const generation = simulation.kind === 'StatefulSet' ? ` (${pod.generation})` : '';
        const span = phase.kind === 'sigkill' ? formatSeconds(phase.start) : `${formatSeconds(phase.start)}–${formatSeconds(phase.end)}`;
        phaseRects.push(
          `<rect class="phase phase-${phase.kind}" x="${n(x0)}" y="${n(y)}" width="${n(w)}" height="${barHeight}"><title>${esc(`${pod.label}${generation}: ${PHASE_LABEL[phase.kind]}, ${span}`)}</title></rect>`,
        );
      }
    }
  }
  out.push(`<g class="lanes">${phaseRects.join('')}</g>`);

  // Capacity chart.
  const capacityMax = Math.max(
    simulation.replicas + (simulation.maxSurge ?? 0),
    ...simulation.capacity.map((p) => Math.max(p.ready, p.serving)),
    1,
  );
  const y = (count: number) => chartBottom - (count / capacityMax) * chartHeight;
  const stepPath = (key: 'ready' | 'serving') => {
    const points = simulation.capacity;
    if (points.length === 0) return `M${n(x(0))} ${n(y(0))}H${n(x(horizon))}`;
    let d = `M${n(x(0))} ${n(y(points[0][key]))}`;
    for (let i = 1; i < points.length; i++) {
      d += `H${n(x(points[i].t))}V${n(y(points[i][key]))}`;
    }
    return `${d}H${n(x(horizon))}`;
  };
  const chart: string[] = [];
  chart.push(`<text x="12" y="${n(chartTop + 10)}">Ready pods</text>`);
  chart.push(`<text class="muted" x="${labelWidth - 6}" y="${n(y(capacityMax) + 4)}" text-anchor="end">${capacityMax}</text>`);
  chart.push(`<text class="muted" x="${labelWidth - 6}" y="${n(y(0) + 4)}" text-anchor="end">0</text>`);
  chart.push(`<line class="grid" x1="${labelWidth}" y1="${n(y(0))}" x2="${n(x(horizon))}" y2="${n(y(0))}"/>`);
  chart.push(
    `<path class="replicas-line" d="M${n(x(0))} ${n(y(simulation.replicas))}H${n(x(horizon))}"><title>${esc(`replicas: ${simulation.replicas}`)}</title></path>`,
  );
  chart.push(
    `<text class="muted" x="${n(x(horizon))}" y="${n(y(simulation.replicas) - 4)}" text-anchor="end">${esc(`replicas ${simulation.replicas}`)}</text>`,
  );
  chart.push(
    `<path class="serving-line" d="${stepPath('serving')}"><title>Pods that routers send requests to and that answer them</title></path>`,
  );
  chart.push(`<path class="ready-line" d="${stepPath('ready')}"><title>Ready pods (in the Service endpoints)</title></path>`);
  out.push(`<g class="capacity">${chart.join('')}</g>`);

  // Failure windows, drawn last so they sit on top and take focus in time order.
  const windows: string[] = [];
  simulation.windows.forEach((window, index) => {
    const lane = window.pod ? simulation.pods.find((p) => p.id === window.pod)?.lane : undefined;
    const x1 = x(window.start);
    const w = Math.max(2, x(window.end) - x1);
    let y1: number;
    let h: number;
    if (lane !== undefined) {
      y1 = laneY.get(lane)! - 3;
      h = barHeight + 6;
    } else {
      y1 = chartTop - 6;
      h = chartHeight + 12;
    }
    const label = describeWindow(window);
    const attrs = options.interactive ? ` tabindex="0" role="button" aria-label="${esc(`Failure window ${index + 1}: ${label}`)}"` : '';
    windows.push(
      `<g class="failure failure-${window.kind}" data-window="${index}"${window.ruleId ? ` data-rule="${esc(window.ruleId)}"` : ''}${attrs}><title>${esc(label)}</title><rect class="band" x="${n(x1)}" y="${n(y1)}" width="${n(w)}" height="${n(h)}" rx="2"/></g>`,
    );
  });
  out.push(`<g class="windows">${windows.join('')}</g>`);

  // Legend.
  let legendY = chartBottom + 28;
  const legend: string[] = [];
  let lx = 12;
  const swatch = (cls: string, text: string) => {
    legend.push(
      `<rect class="${cls}" x="${lx}" y="${legendY - 9}" width="14" height="10"/><text x="${lx + 19}" y="${legendY}">${esc(text)}</text>`,
    );
    lx += 30 + Math.round(text.length * 6.2);
  };
  const lineSwatch = (cls: string, text: string) => {
    legend.push(`<path class="${cls} legend-line" d="M${lx} ${legendY - 4}h16"/><text x="${lx + 21}" y="${legendY}">${esc(text)}</text>`);
    lx += 32 + Math.round(text.length * 6.2);
  };
  for (const kind of ['starting', 'running-not-ready', 'ready', 'prestop', 'sigterm', 'sigkill'] as PhaseKind[]) {
    swatch(`phase-${kind}`, PHASE_LABEL[kind]);
  }
  legendY += 18;
  lx = 12;
  legend.push(`<g class="failure-errors">`);
  swatch('band', 'requests fail');
  legend.push(`</g><g class="failure-reduced-capacity">`);
  swatch('band', 'fewer Ready pods than replicas');
  legend.push(`</g>`);
  lineSwatch('ready-line', 'Ready pods');
  lineSwatch('serving-line', 'pods serving');
  lineSwatch('replicas-line', 'replicas');
  out.push(`<g class="legend">${legend.join('')}</g>`);

  // Assumptions and notes: a model, not a measurement.
  const footer: string[] = [];
  let fy = legendY + 24;
  const a = simulation.assumptions;
  const assumed = ASSUMPTION_KEYS.map(
    (key) => `${ASSUMPTION_INFO[key].label.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())} ${formatSeconds(a[key])}`,
  ).join(', ');
  const lines = wrap(`A model, not a measurement. Assumed: ${assumed}.`, 150);
  for (const note of simulation.notes.slice(0, 4)) lines.push(...wrap(note, 150));
  for (const line of lines) {
    footer.push(`<text class="muted" x="12" y="${fy}">${esc(line)}</text>`);
    fy += 15;
  }
  out.push(`<g class="footer">${footer.join('')}</g>`);

  return svgDocument(width, fy + 4, options, `${heading}. ${complete}`, out.join('\n'));
}
