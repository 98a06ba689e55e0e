// The function table Helm gives templates: Go's builtins, Sprig's text functions (without env/expandenv, as
// Helm removes them) and Helm's own, later families overriding earlier ones as Helm's FuncMap does.
import type { FunctionTable } from '../template/function';
import { collectionFunctions } from './collections';
import { encodingFunctions } from './encoding';
import { goFunctions } from './go';
import { helmOwnFunctions } from './helm';
import { mathFunctions } from './math';
import { pathFunctions } from './paths';
import { randomFunctions } from './random';
import { timeFunctions } from './time';
import { regexFunctions } from './regex';
import { semverFunctions } from './semver';
import { stringFunctions } from './strings';

let shared: FunctionTable | undefined;

/** Go builtins + Sprig (minus env/expandenv) + Helm's functions. The table is immutable and shared. */
export function helmFunctions(): FunctionTable {
  shared ??= Object.freeze({
    ...goFunctions(),
    ...stringFunctions(),
    ...collectionFunctions(),
    ...mathFunctions(),
    ...regexFunctions(),
    ...pathFunctions(),
    ...encodingFunctions(),
    ...semverFunctions(),
    ...randomFunctions(),
    ...timeFunctions(),
    ...helmOwnFunctions(),
  }) as FunctionTable;
  return shared;
}
