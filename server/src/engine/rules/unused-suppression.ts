import { defineRule, type Report, type SuppressionPhase } from '../catalog/rule';
import { describeContainer, describeObject } from '../k8s/objects';
import { ALL_RULES, IGNORE_ANNOTATION, IGNORE_MARKER, UNUSED_SUPPRESSION, type Directive } from '../suppression/directives';
import { closestMatch } from '../text';
import type { Fix, TextEdit } from '../types';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression that suppresses nothing',
    severity: 'hint',
    rationale:
      'A kzd-ignore comment or kube-zero-downtime.io/ignore annotation that no longer silences any finding (the problem was fixed, the rule id is misspelt, or the comment is not where it applies) only hides the next problem at that place.',
    appliesTo: '`# kzd-ignore` comments and `kube-zero-downtime.io/ignore` annotations on any object',
    docs: {
      why: [
        'A finding that is deliberate can be silenced where it lives, visibly in the file, and the editor and the command line both honour it:',
        '',
        "- a comment on its own line directly above the object (its first key, below any `---`) or above a container's `- name:` line: `# kzd-ignore <rule-id>[, <rule-id>...] [-- reason]` (the long spelling `# kube-zero-downtime-ignore` works too). Several comment lines stacked directly above count; a blank line ends the stack. Above a container it applies to that container's findings, above an object to all of the object's findings;",
        '- the annotation `kube-zero-downtime.io/ignore: "rule-a,rule-b"` (comma or space separated) in the object\'s `metadata.annotations`, for the whole object.',
        '',
        '`all` stands for every rule. Everything after `--` is the reason, for the next reader. The editor\'s quick fix "Ignore <rule> for this container/object" writes the comment for you.',
        '',
        'Suppressions rot: the problem gets fixed, the container is renamed, the rule id was misspelt from the start. This rule reports every suppression, and every id in one, that silences nothing, so it can be removed before it hides the next real problem. It also reports marker comments that are not directly above an object or a container (they have no effect) and lists that name no rule.',
        '',
        'Whether a suppression is used does not depend on your settings: a suppression of a rule you turned off is judged by running that rule, so it is reported only when the rule would find nothing there (a teammate or CI may have the rule on).',
      ].join('\n'),
      severityReason: 'Hint: an unused suppression does no harm today; it is shown so it can be cleaned up.',
      bad: `# kzd-ignore readiness-probe-missing -- the app starts in 50ms
- name: web
  image: nginx:1.27
  readinessProbe:
    httpGet:
      path: /ready
      port: 80`,
      good: `- name: web
  image: nginx:1.27
  readinessProbe:
    httpGet:
      path: /ready
      port: 80`,
      howToFix:
        'Remove the suppression (or the unused id from its list); the quick fix does it. For a misspelt rule id, correct it (the quick fix offers the closest id). Move a misplaced comment onto the line directly above the object or the container.',
      notFlagged:
        'Suppressions of a rule that would report at that place (also when the rule is turned off in your settings), and suppressions in documents that are not checked (YAML errors, Helm templates).',
    },
  },
  check({ suppressions, report }) {
    if (!suppressions) return; // run by the engine's suppression phase only (run/check.ts)
    for (const directive of suppressions.directives) {
      for (const problem of directiveProblems(directive, suppressions)) report(problem);
    }
  },
});

/** What is wrong with one suppression (nothing when every id in it silences something). Offsets relative to the chunk. */
function directiveProblems(directive: Directive, phase: SuppressionPhase): Report[] {
  const where = directive.containers[0]?.container
    ? describeContainer(directive.containers[0].container)
    : directive.objects[0]
      ? describeObject(directive.objects[0].object)
      : undefined;
  const subject = directive.objects[0]?.object ?? directive.containers[0]?.owner.object ?? phase.firstObject;
  const problem = (start: number, end: number, message: string, fixes: Fix[]): Report => ({
    ...(subject ? { object: subject } : {}),
    ...(directive.containers[0] ? { container: directive.containers[0].container } : {}),
    range: [start, Math.max(end, start + 1)],
    message,
    fixes,
  });
  const edits = (edit: TextEdit | undefined): TextEdit[] => (edit ? [edit] : []);
  const removeWhole = (title: string, safe: boolean): Fix[] =>
    directive.removal ? [{ title, edits: edits(directive.removal), safe, preferred: true }] : [];
  const label = directive.form === 'comment' ? `${IGNORE_MARKER} comment` : `${IGNORE_ANNOTATION} annotation`;

  if (directive.form === 'comment' && (directive.trailing || (directive.objects.length === 0 && directive.containers.length === 0))) {
    return [
      problem(
        directive.range[0],
        directive.range[1],
        `This ${IGNORE_MARKER} comment has no effect: it must be on its own line directly above an object's first key (below any ---) or above a container's "- name:" line, with no blank line in between.`,
        removeWhole('Remove the misplaced kzd-ignore comment', false),
      ),
    ];
  }
  if (directive.listEmpty) {
    return [
      problem(
        directive.range[0],
        directive.range[1],
        `This ${label} names no rule, so it suppresses nothing: list the rule ids to ignore (or ${ALL_RULES}).`,
        removeWhole(`Remove the empty ${label}`, false),
      ),
    ];
  }

  // Each id: unknown, used, or unused (judged by running the rule when it is turned off).
  const problems: { index: number; message: string; fixes: Fix[]; safe: boolean }[] = [];
  directive.ids.forEach((ref, index) => {
    if (ref.id !== ALL_RULES && !phase.suppressible.has(ref.id)) {
      const suggestion = ref.id === UNUSED_SUPPRESSION ? undefined : closestMatch(ref.id, [...phase.suppressible, ALL_RULES]);
      const fixes: Fix[] = [];
      if (suggestion && ref.exact) {
        fixes.push({
          title: `Change to ${suggestion}`,
          edits: [{ offset: ref.start, length: ref.end - ref.start, newText: suggestion }],
          safe: false,
          preferred: true,
        });
      }
      const message =
        ref.id === UNUSED_SUPPRESSION
          ? `${UNUSED_SUPPRESSION} cannot be suppressed here; turn it off in the settings (kubeZeroDowntime.rules.${UNUSED_SUPPRESSION}) or with --rule ${UNUSED_SUPPRESSION}=off.`
          : `"${ref.id}" is not a rule id, so this ${label} does not suppress it${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`;
      problems.push({ index, message, fixes, safe: false });
      return;
    }
    if (phase.usedIds(directive)?.has(ref.id) || usedByTurnedOffRule(ref.id, directive, phase)) return;
    const what = ref.id === ALL_RULES ? 'no rule reports anything' : `${ref.id} reports nothing`;
    problems.push({
      index,
      message: `Unused suppression: ${what} ${where ? `for ${where}` : 'here'}, so "${ref.id}" in this ${label} suppresses nothing. Remove it, so it cannot hide a future problem.`,
      fixes: [],
      safe: true,
    });
  });
  if (problems.length === 0) return [];
  if (problems.length === directive.ids.length) {
    // Nothing in the suppression is of use: one finding on the whole of it, one fix removing it.
    const allSafe = problems.every((p) => p.safe);
    const first = problems[0];
    const message =
      problems.length === 1
        ? first.message
        : `This ${label} suppresses nothing: ${problems.map((p) => p.message.replace(/\.$/, '')).join('; ')}.`;
    const fixes = problems.length === 1 ? [...first.fixes] : [];
    fixes.push(
      ...removeWhole(allSafe ? `Remove the unused ${label}` : `Remove the ${label}`, allSafe).map((fix) => ({
        ...fix,
        preferred: fixes.length === 0,
      })),
    );
    return [problem(directive.range[0], directive.range[1], message, fixes)];
  }
  return problems.map((item) => {
    const ref = directive.ids[item.index];
    const removal = edits(directive.removeId(item.index));
    const fixes = [...item.fixes];
    if (removal.length > 0) {
      fixes.push({ title: `Remove ${ref.id} from the ${label}`, edits: removal, safe: item.safe, preferred: fixes.length === 0 });
    }
    return problem(ref.start, ref.end, item.message, fixes);
  });
}

/** A suppression of a rule that is turned off here may be needed by other settings: used if the rule would report. */
function usedByTurnedOffRule(id: string, directive: Directive, phase: SuppressionPhase): boolean {
  const ids = id === ALL_RULES ? [...phase.suppressible].filter((ruleId) => phase.isOff(ruleId)) : phase.isOff(id) ? [id] : [];
  for (const ruleId of ids) {
    const verdict = phase.wouldReport(ruleId, directive);
    // A rule that crashed cannot tell: the suppression gets the benefit of the doubt.
    if (verdict === undefined || verdict) return true;
  }
  return false;
}
