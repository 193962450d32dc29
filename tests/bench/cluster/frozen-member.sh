#!/usr/bin/env bash
# Healthy-node latency while one of three cluster members is frozen (SIGSTOP), with every request
# needing the shared counters (keys with rate limits, token limits, budgets) and breakers.
# Starts a mock upstream and three Switchboard JVMs from the jar, loads nodes 0 and 1, stops node 2,
# and prints p50/p99/max before and during the freeze plus a per-second timeline.
#
#   tests/bench/cluster/frozen-member.sh [--rate R] [--warmup S] [--freeze S] [--op-timeout-ms N] [--jar PATH] [--out DIR]
#
#   --rate R     open-loop requests/s over nodes 0 and 1 (40)
#   --warmup S   seconds of load before the freeze (30)   --freeze S  seconds node 2 stays stopped (15)
#   --op-timeout-ms N  the nodes' cluster.op-timeout-ms (default: the config default, 300); 10000 shows the
#                stall the deadlines prevent
#   --jar PATH   engine/target/switchboard.jar (build: `mvn -B -DskipTests package` at the repository root)
#   --out DIR    node configs and logs (tests/bench/cluster/results/<time>)
# Environment: NODE_JAVA_OPTS, extra JVM flags for the nodes. Every process it starts is stopped on exit.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
RATE=40 WARMUP=30 FREEZE=15 OP_TIMEOUT=
JAR="$REPO/engine/target/switchboard.jar"
OUT="$HERE/results/$(date -u +%Y%m%d-%H%M%S)"
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --freeze) FREEZE=$2; shift ;;
    --op-timeout-ms) OP_TIMEOUT=$2; shift ;;
    --jar) JAR=$2; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$JAR" ] || { echo "frozen-member.sh: no jar at $JAR; build it first" >&2; exit 1; }
mkdir -p "$OUT"
echo "$(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs" | tee "$OUT/report.txt"
java "$HERE/FrozenMemberBench.java" "$JAR" "$OUT" "$RATE" "$WARMUP" "$FREEZE" "$OP_TIMEOUT" | tee -a "$OUT/report.txt"
echo "$(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/report.txt"
