#!/bin/sh
# Plain shell (GitLab CI, Jenkins, a Makefile, a git hook): keep a JSON report, print the findings, and fail
# on any error or warning. Exit codes: 0 clean, 1 findings, 2 could not check (bad option or config file).
set -u
kzd() { npx --yes kube-zero-downtime@0.1.0 "$@"; }

status=0
kzd --format json k8s/ > kube-zero-downtime.json || status=$?
if [ "$status" -ge 2 ]; then
  echo "kube-zero-downtime could not check the manifests (exit $status)" >&2
  exit "$status"
fi
kzd k8s/ || true # the same findings, readable, in the build log
exit "$status"
