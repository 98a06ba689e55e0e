import { defineRule } from '../catalog/rule';

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
  check() {
    // Nothing to do here: whether a suppression is used is known only after every other rule ran, so the
    // engine computes these findings itself (engine/suppression.ts, called from Linter.lint).
  },
});
