// One implementation of Masterminds/semver, shared with Sprig's semver functions.
export {
  compareVersions,
  isCompatibleRange,
  parseConstraints,
  parseVersion,
  satisfies,
  type Constraints,
  type SemVersion,
} from '../functions/semver';
