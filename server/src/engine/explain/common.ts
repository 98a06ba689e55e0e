// Words and lookups shared by the explanations: counts, seconds, and where an object named by a fact is.
import type { FactOrigin, Facts } from '../facts/types';
import type { FileModel } from '../model/fileModel';
import { formatSeconds } from '../simulation/svg';
import type { Place } from './types';

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "30s", "2m 10s". */
export function secs(n: number): string {
  return formatSeconds(n);
}

/** "`periodSeconds` 10" or "`periodSeconds` 10, the default". */
export function field(name: string, value: number | string, explicit: boolean): string {
  return `\`${name}\` ${value}${explicit ? '' : ', the default'}`;
}

/** Ordinal for small counts: "1st", "2nd", "3rd", "30th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export interface ObjectName {
  name?: string;
  namespace?: string;
  origin?: FactOrigin;
}

/**
 * Where an object a fact names is: its origin in another file, or, for a fact of this text (facts of the linted
 * text carry no origin), the object of that kind, name and namespace in the chunk whose facts hold it (found by
 * identity, so no other chunk is parsed), with its document index.
 */
export function placeOf(fact: ObjectName, kind: string, model: FileModel, patchFile: boolean): { place?: Place; docIndex?: number } {
  if (fact.origin) return { place: { file: fact.origin.file, start: fact.origin.start, end: fact.origin.end } };
  const holds = (facts: Facts) =>
    [facts.workloads, facts.autoscalers, facts.pdbs, facts.services].some((list: object[]) => list.includes(fact));
  for (const { chunk, start, docBase } of model.chunks) {
    if (chunk.helm || !holds(chunk.facts)) continue;
    for (const document of chunk.documents(patchFile)) {
      for (const object of document.objects) {
        if (object.kind === kind && object.name === fact.name && object.namespace === fact.namespace) {
          return {
            place: { start: start + object.kindRange[0], end: start + object.kindRange[1] },
            docIndex: docBase + document.index,
          };
        }
      }
    }
  }
  return {};
}
