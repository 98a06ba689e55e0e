// Where a finding on a rendered template is shown: in the template or helper that produced the node at fault
// (the literal text, or the action that printed it), never in the rendered output. A node printed from a values
// file (`toYaml .Values.strategy`) is shown at the action, with the values node as related information, like
// every values node that decided the finding ("with values.yaml's `replicaCount: 1`"). Related objects the rules
// name in other templates are carried over the same way.
import type { OriginMap } from '../model/originMap';
import type { OriginSpan, ProjectFiles, SourceRange } from '../model/origin';
import type { Finding, RelatedLocation } from '../types';
import { valuesRelated } from './valuesNodes';

export interface PlacedFinding {
  origin: SourceRange;
  related: RelatedLocation[];
}

export interface PlacementContext {
  origins: OriginMap;
  /** The file of the template the finding was rendered from (the fallback place). */
  templateFile: string;
  /** Values files of the render: a finding is never placed in one, only pointed at. */
  valuesFiles: ReadonlySet<string>;
  files: ProjectFiles;
  /** The origin map of another rendered template, by the name the chart's project knows it under. */
  originsOf(template: string): OriginMap | undefined;
}

const MAX_VALUES_RELATED = 3;

function valuesSources(span: OriginSpan, valuesFiles: ReadonlySet<string>): SourceRange[] {
  return (span.kind === 'node' ? [span.source] : (span.via ?? [])).filter((source) => valuesFiles.has(source.file));
}

export function placeFinding(finding: Finding, context: PlacementContext): PlacedFinding {
  const { origins, valuesFiles } = context;
  // Where no span holds the whole range, where its first character came from.
  let origin = finding.origin ?? origins.locate(finding.start, finding.start + 1);
  if (!origin || valuesFiles.has(origin.file)) {
    // The innermost span not from a values file: the action that printed the value, or the text around it.
    const span = origins.spansAt(finding.start, finding.end).find((s) => !valuesFiles.has(s.source.file));
    origin = span
      ? span.kind === 'copy'
        ? {
            file: span.source.file,
            start: span.source.start + (finding.start - span.start),
            end: span.source.start + (finding.end - span.start),
          }
        : span.source
      : { file: context.templateFile, start: 0, end: 0 };
  }
  const related: RelatedLocation[] = [];
  for (const item of finding.related ?? []) {
    const moved = item.file === undefined ? undefined : context.originsOf(item.file)?.locate(item.start, item.end);
    if (moved && !valuesFiles.has(moved.file)) related.push({ ...item, file: moved.file, start: moved.start, end: moved.end });
  }
  // The innermost values nodes the finding's text came from: an entry, not every map around it.
  const fromValues = origins
    .spansTouching(finding.start, finding.end)
    .filter((s) => s.end > finding.start && s.start < finding.end && valuesSources(s, valuesFiles).length > 0)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  const chosen: OriginSpan[] = [];
  for (const span of fromValues) {
    if (chosen.length >= MAX_VALUES_RELATED) break;
    if (chosen.some((c) => span.start <= c.start && c.end <= span.end)) continue;
    chosen.push(span);
    for (const source of valuesSources(span, valuesFiles)) {
      const values = valuesRelated(context.files, source.file, source.start);
      if (values && !related.some((r) => r.file === values.file && r.start === values.start)) related.push(values);
    }
  }
  return { origin, related };
}
