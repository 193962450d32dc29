#!/usr/bin/env bash
# A/B comparison of two Switchboard builds (or two JVM flag sets) under the same load, interleaved:
# both routers run at once on the router core (only the one under load uses it), and every round
# measures A then B back to back, so the VM's speed drift (up to 2x within minutes here) hits both.
#
#   tests/bench/load/ab.sh --a JAR [--a-opts "FLAGS"] --b JAR [--b-opts "FLAGS"] [--rounds N] [--seconds S]
#
# Per round and target: wrk -c50 for S seconds (req/s, CPU ms per request from /proc) and wrk -c1
# for S seconds (p50, p99). Prints each round and the median per column. Use it to decide whether
# a change helps before a full run.sh; it does not replace run.sh (no direct/Portkey/stream points).
# Environment: JAVA_OPTS (base flags, as run.sh), ROUTER_CPUS (1), LOAD_CPUS (0), MOCK_PORT (19100),
#   A_PORT (19080), B_PORT (19082).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
ROUNDS=5 SECONDS_PER=6 A_JAR="" B_JAR="" A_OPTS="" B_OPTS=""
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms64m -Xmx160m -Xss512k"}
ROUTER_CPUS=${ROUTER_CPUS:-1} LOAD_CPUS=${LOAD_CPUS:-0}
MOCK_PORT=${MOCK_PORT:-19100} A_PORT=${A_PORT:-19080} B_PORT=${B_PORT:-19082}
while [ $# -gt 0 ]; do
  case "$1" in
    --a) A_JAR=$2; shift ;;
    --b) B_JAR=$2; shift ;;
    --a-opts) A_OPTS=$2; shift ;;
    --b-opts) B_OPTS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --seconds) SECONDS_PER=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$A_JAR" ] && [ -f "$B_JAR" ] || { echo "ab.sh: --a and --b must name jar files" >&2; exit 2; }
for port in "$MOCK_PORT" "$A_PORT" "$B_PORT"; do port_free "$port" || { echo "ab.sh: port $port is in use" >&2; exit 1; }; done
command -v wrk >/dev/null || { echo "ab.sh: wrk is missing (run.sh installs it)" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

MOCK_PORT=$MOCK_PORT taskset -c "$LOAD_CPUS" node "$HERE/mock-upstream.js" >"$WORK/mock.log" 2>&1 &
MOCK_PID=$!; PIDS+=("$MOCK_PID")
wait_http "http://127.0.0.1:$MOCK_PORT/health" "$MOCK_PID" || { echo "mock did not start" >&2; exit 1; }

start() { # name jar opts port
  cp "$2" "$WORK/$1.jar"
  # shellcheck disable=SC2086
  BENCH_UPSTREAM="http://127.0.0.1:$MOCK_PORT/v1" BENCH_PLUGINS_DIR="$WORK/plugins.d" \
    taskset -c "$ROUTER_CPUS" java $JAVA_OPTS $3 -jar "$WORK/$1.jar" \
    --config "$HERE/switchboard-bench.yaml" --port "$4" >"$WORK/$1.log" 2>&1 &
  STARTED_PID=$!; PIDS+=("$STARTED_PID")
  wait_http "http://127.0.0.1:$4/health" "$STARTED_PID" || { echo "$1 did not start:"; cat "$WORK/$1.log"; exit 1; } >&2
}
start A "$A_JAR" "$A_OPTS" "$A_PORT"; A_PID=$STARTED_PID
start B "$B_JAR" "$B_OPTS" "$B_PORT"; B_PID=$STARTED_PID
url() { echo "http://127.0.0.1:$1/v1/chat/completions"; }
load() { taskset -c "$LOAD_CPUS" wrk -t1 -d"$1s" --latency -s "$HERE/chat.lua" "${@:2}"; }

for side in "A $A_PORT" "B $B_PORT"; do   # warm-up: both load shapes until the JIT has compiled the path
  set -- $side
  load 20 -c50 "$(url "$2")" >/dev/null; load 8 -c1 "$(url "$2")" >/dev/null; load 8 -c50 "$(url "$2")" >/dev/null
done

to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}'; }
printf 'round\ttarget\treq/s c50\tCPU ms/req c50\tp50 ms c1\tp99 ms c1\n' | tee "$WORK/rows.tsv"
for r in $(seq 1 "$ROUNDS"); do
  for side in "A $A_PORT $A_PID" "B $B_PORT $B_PID"; do
    set -- $side
    before=$(cpu_ticks "$3")
    out50=$(load "$SECONDS_PER" -c50 "$(url "$2")")
    after=$(cpu_ticks "$3")
    reqs=$(echo "$out50" | awk '/requests in/ {print $1}')
    rps=$(echo "$out50" | awk '/Requests\/sec/ {printf "%.0f", $2}')
    cpu=$(awk -v t="$((after - before))" -v n="$reqs" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.4f", t * 1000 / hz / n}')
    out1=$(load "$SECONDS_PER" -c1 "$(url "$2")")
    p50=$(echo "$out1" | awk '$1 == "50%" {print $2}' | to_ms)
    p99=$(echo "$out1" | awk '$1 == "99%" {print $2}' | to_ms)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$1" "$rps" "$cpu" "$p50" "$p99" | tee -a "$WORK/rows.tsv"
  done
done
echo "median:"
for t in A B; do
  printf '%s' "$t"
  for col in 3 4 5 6; do
    printf '\t%s' "$(awk -F'\t' -v t="$t" -v c="$col" 'NR > 1 && $2 == t {print $c}' "$WORK/rows.tsv" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}')"
  done
  echo
done
