// The user's values as `helm template` assembles them before the chart sees them: values files merged in order
// (maps merged, anything else replaced, the later file winning), then `--set`, then `--set-string`.
import type { ProjectFiles } from '../../../model/origin';
import { originOf, setOrigin, valuesFromYaml, ValuesError, type GoMap } from '../template/value';
import { isTable } from './coalesce';
import { parseSet, StrvalsError } from './strvals';

/** A user values file larger than this is refused (Helm has no limit; a 50 MB file would stall the editor). */
export const MAX_USER_VALUES_BYTES = 16 * 1024 * 1024;

export class UserValuesError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly offset?: number,
  ) {
    super(message);
  }
}

export interface UserValuesOptions {
  valuesFiles?: readonly string[];
  set?: readonly string[];
  setString?: readonly string[];
}

/** values.Options.MergeValues. Throws UserValuesError with Helm's wording. */
export function userValues(files: ProjectFiles, options: UserValuesOptions): GoMap {
  let base: GoMap = new Map();
  for (const file of options.valuesFiles ?? []) {
    const text = files.readText(file);
    if (text === undefined) throw new UserValuesError(`open ${file}: no such file or directory`, file);
    if (text.length > MAX_USER_VALUES_BYTES) {
      throw new UserValuesError(`values file ${file} is larger than ${MAX_USER_VALUES_BYTES} bytes; not read`, file);
    }
    let current: GoMap;
    try {
      current = valuesFromYaml(text.replace(/^\uFEFF/, ''), file);
    } catch (error) {
      const offset = error instanceof ValuesError ? error.offset : undefined;
      throw new UserValuesError(`failed to parse ${file}: ${error instanceof Error ? error.message : String(error)}`, file, offset);
    }
    base = mergeMaps(base, current);
  }
  for (const [expressions, forceString, flag] of [
    [options.set ?? [], false, '--set'],
    [options.setString ?? [], true, '--set-string'],
  ] as const) {
    for (const expression of expressions) {
      try {
        parseSet(expression, base, forceString);
      } catch (error) {
        if (!(error instanceof StrvalsError)) throw error;
        throw new UserValuesError(`failed parsing ${flag} data: ${error.message}`, '');
      }
    }
  }
  return base;
}

/** values.mergeMaps: b over a, maps merged key by key; origins follow the winning entry. */
function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map();
  for (const [k, v] of a) {
    out.set(k, v);
    setOrigin(out, k, originOf(a, k));
  }
  for (const [k, v] of b) {
    const existing = out.get(k);
    if (isTable(v) && isTable(existing)) {
      out.set(k, mergeMaps(existing, v));
      setOrigin(out, k, originOf(b, k));
      continue;
    }
    out.set(k, v);
    setOrigin(out, k, originOf(b, k));
  }
  return out;
}
