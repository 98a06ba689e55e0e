// Suppression comments of the source files, applied to findings of builds. Kustomize drops comments, so a
// `# kzd-ignore <rule>` above an object or container in a base (or in the patch that wrote the node at fault) is
// not in the built text: it is looked up where the finding's object, container and node came from. Ignore
// annotations survive the build and are applied by the build's own lint.
import { idsNaming, directiveCovers } from '../suppression/apply';
import { suppressionsOf, type ContainerTarget, type ObjectTarget } from '../suppression/directives';
import type { SourceRange } from '../model/origin';
import type { Placement } from './placement';
import type { SourceModels } from './sources';

/** A suppression comment of a source file (its `#` through the end of its id list). */
export type DirectiveRange = SourceRange;

/** The comment directives of the source files that silence this finding; empty when none does. */
export function sourceSuppressions(ruleId: string, placement: Placement, sources: SourceModels): DirectiveRange[] {
  const used: DirectiveRange[] = [];
  const places = [placement.at, placement.object, placement.container].filter((place): place is SourceRange => place !== undefined);
  const seen = new Set<string>();
  for (const place of places) {
    const key = `${place.file}\u0000${place.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = sources.text(place.file);
    if (text === undefined || !text.includes('-ignore')) continue;
    const placed = sources.model(place.file)?.chunkAt(place.start);
    if (!placed) continue;
    const analysis = suppressionsOf(placed.chunk, false);
    const local = place.start - placed.start;
    let object: ObjectTarget | undefined;
    let container: ContainerTarget | undefined;
    for (const doc of analysis.docs) {
      for (const target of doc?.objects ?? []) {
        if (target.range[0] <= local && local <= target.range[1]) {
          object = target;
          container = target.containers.find((candidate) => candidate.range[0] <= local && local <= candidate.range[1]);
        }
      }
    }
    for (const directive of analysis.directives) {
      if (directive.form !== 'comment' || !directiveCovers(directive, object, container)) continue;
      if (idsNaming(directive, ruleId).length === 0) continue;
      used.push({ file: place.file, start: directive.range[0] + placed.start, end: directive.range[1] + placed.start });
    }
  }
  return used;
}
