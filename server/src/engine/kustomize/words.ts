// How builds are named in messages: the roots that deploy something ("overlays/prod and overlays/staging"), and
// the related information that shows, per root, what it renders and from where ("overlays/prod renders
// maxUnavailable: 50% from overlays/prod/patch.yaml:9").
import type { RelatedLocation } from '../types';
import type { PlacedFinding } from './judge';
import type { SourceModels } from './sources';

const MAX_NAMED = 4;

/** "a", "a and b", "a, b and c", "a, b, c, d and 2 more roots". */
export function describeRoots(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  if (labels.length > MAX_NAMED + 1) {
    return `${labels.slice(0, MAX_NAMED).join(', ')} and ${labels.length - MAX_NAMED} more roots`;
  }
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

/** 1-based line of an offset in a file ("?" when the file cannot be read). */
export function lineOf(sources: SourceModels, file: string, offset: number): string {
  const text = sources.text(file);
  if (text === undefined) return '?';
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return String(line);
}

/** What one root renders for the finding, pointing at the root's kustomization. */
export function relatedForRoot(placed: PlacedFinding, sources: SourceModels, label: (path: string) => string): RelatedLocation {
  const { state, finding, placement } = placed;
  const text = state.build?.rendered?.text ?? '';
  const where = `${label(placement.at.file)}:${lineOf(sources, placement.at.file, placement.at.start)}`;
  const rendered = text.slice(finding.start, finding.end).split('\n')[0].trim();
  const anchor = /^(kind|name):/.test(rendered);
  const what = [finding.kind, finding.name ? `"${finding.name}"` : undefined].filter(Boolean).join(' ');
  const message = anchor
    ? `${state.label} deploys ${what}${finding.container ? `, container "${finding.container}"` : ''} this way (defined at ${where})`
    : `${state.label} renders ${rendered.length > 80 ? `${rendered.slice(0, 77)}...` : rendered} from ${where}`;
  const kustomization = sources.text(state.file) ?? '';
  const newline = kustomization.indexOf('\n');
  return { file: state.file, start: 0, end: newline < 0 ? kustomization.length : newline, message };
}
