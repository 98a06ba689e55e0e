// What a file that roots build keeps from its own lint: only what belongs to the file itself. Its objects are
// judged through the builds (judged alone, a base lacks what its overlays add: the false positives this avoids),
// but whether it parses (notices) and its suppression comments (which the builds never see: Kustomize drops
// comments) are its own. A suppression comment that silenced a finding of a build is used, whatever the file
// alone would say.
import { UNUSED_SUPPRESSION } from '../suppression/directives';
import type { LintResult } from '../types';
import type { KustomizeVerdict } from './judge';

export function aloneResultOfBuiltFile(verdict: KustomizeVerdict, file: string, text: string, result: LintResult): LintResult {
  const used = verdict.usedSuppressions.filter((range) => range.file === file);
  const findings = result.findings.filter((finding) => {
    if (finding.ruleId !== UNUSED_SUPPRESSION) return false;
    const lineStart = text.lastIndexOf('\n', finding.start - 1) + 1;
    if (!text.slice(lineStart, finding.start + 1).includes('#')) return false; // an annotation: the builds judge it
    return !used.some((range) => range.start <= finding.start && finding.start < Math.max(range.end, range.start + 1));
  });
  const { suppressedCount: _suppressed, ...rest } = result;
  return { ...rest, findings };
}
