// Judging Kustomize builds: roots built and linted as deployable units, findings placed at their origin in the
// bases, patches and kustomizations, fixes written in the file where the node belongs and checked on the build.
export {
  KustomizeJudge,
  type KustomizeFinding,
  type KustomizeJudgeOptions,
  type KustomizeNotice,
  type KustomizeVerdict,
  type RootState,
  type RootSummary,
} from './judge';
export { kustomizeFixes, type KustomizeFixOptions } from './fixes';
export { filesWithFix } from './verify';
export { aloneResultOfBuiltFile } from './alone';
