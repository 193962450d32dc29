#!/usr/bin/env bash
# Routing-quality benchmark: every router of the bundled default config over the held-out prompts.
# Usage (from anywhere): tests/quality/run.sh [--smoke N] [--config FILE] [--premium-model ID]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q package -pl tests/quality -am -DskipTests ${MVN_OFFLINE:+-o} >&2  # the report alone on stdout
cp="tests/quality/target/classes:$(cat tests/quality/target/classpath.txt)"
exec java -cp "$cp" dev.switchboard.quality.QualityMain --eval tests/quality/data/eval.jsonl "$@"
