#!/usr/bin/env bash
# Start-up time of a Switchboard node, from `java` exec to the first 200 of GET /health.
#
#   tests/bench/startup/startup.sh single  [runs]   # one node, bundled default config
#   tests/bench/startup/startup.sh cluster [runs]   # node 1 started and ready first (not timed),
#                                                   # then node 2 timed until ready and in the cluster
#
# JAR (default engine/target/switchboard.jar) and JAVA_OPTS are honoured; JARS="a.jar b.jar" runs
# the jars in turn (A/B on the same load); in single mode CONFIGS="default other.yaml" does the same for
# configs (`default` = the bundled one), e.g. with and without the semantic routes. Prints per run the wall time to ready and the CPU time
# the node's JVM used until then (user+sys from /proc: what the start-up costs, less sensitive to
# other processes on a shared host than the wall time), the resident set size at ready, and the medians. Each node's log is kept in
# $OUT (default target/startup-bench).
set -euo pipefail
cd "$(dirname "$0")/../../.."
mode=${1:-single}
runs=${2:-5}
jars=${JARS:-${JAR:-engine/target/switchboard.jar}}
configs=${CONFIGS:-default}
out=${OUT:-target/startup-bench}
mkdir -p "$out"
flags="--add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED --add-exports java.base/jdk.internal.ref=ALL-UNNAMED"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
  || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
now_ms() { date +%s%3N; }
tick=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$tick" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }

# waits until GET $1 answers 200 and its body matches $2; prints the ms since $3
wait_ready() {
  local url=$1 pattern=$2 t0=$3 deadline=$(( $(now_ms) + 120000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if body=$(curl -fs --max-time 1 "$url" 2>/dev/null) && [[ $body =~ $pattern ]]; then
      echo $(( $(now_ms) - t0 )); return 0
    fi
    sleep 0.02
  done
  echo "timeout" ; return 1
}

# the bundled default config (providers, catalog, routes) with this node's server and cluster sections
cluster_yaml() { # name port members http-port
  sed -e '/^server:/,/^$/d' -e '/^cluster:/,$d' config/src/main/resources/switchboard-default.yaml
  cat <<YAML
server: {host: 127.0.0.1, port: $4}
cluster: {enabled: true, name: $1, host: 127.0.0.1, port: $2, members: [$3]}
YAML
}

node() { # log config → starts a node in the background, sets $pid
  java $flags ${JAVA_OPTS:-} -jar "$jar" --config "$2" > "$1" 2>&1 &
  pid=$!; pids+=("$pid")
}

rss_mb() { awk '/^VmRSS:/ {print int($2 / 1024)}' "/proc/$1/status"; }
declare -A wall cpus
[ "$mode" = single ] || configs=default
for i in $(seq 1 "$runs"); do
 for jar in $jars; do
 for config in $configs; do
  if [ "$mode" = single ]; then
    port=$(free_port)
    args=(--port "$port"); [ "$config" = default ] || args+=(--config "$config")
    t0=$(now_ms)
    java $flags ${JAVA_OPTS:-} -jar "$jar" "${args[@]}" > "$out/single-$i-$(basename "$config").log" 2>&1 &
    pid=$!; pids+=("$pid")
    ms=$(wait_ready "http://127.0.0.1:$port/health" '.' "$t0")
    cpu=$(cpu_ms "$pid")
  else
    name="bench-$$-$i"; h1=$(free_port); h2=$(free_port); c1=$(free_port); c2=$(free_port)
    members="127.0.0.1:$c1, 127.0.0.1:$c2"
    cluster_yaml "$name" "$c1" "$members" "$h1" > "$out/node1.yaml"
    cluster_yaml "$name" "$c2" "$members" "$h2" > "$out/node2.yaml"
    t1=$(now_ms)
    node "$out/cluster-$i-node1.log" "$out/node1.yaml"; first=$pid
    alone=$(wait_ready "http://127.0.0.1:$h1/health" '.' "$t1")
    t0=$(now_ms)
    node "$out/cluster-$i-node2.log" "$out/node2.yaml"
    # ready = answers /health and sees both nodes in the cluster view
    ms=$(wait_ready "http://127.0.0.1:$h2/v1/stats?scope=cluster" '"http_port".*"http_port"' "$t0")
    cpu=$(cpu_ms "$pid")
    kill "$first" 2>/dev/null || true
  fi
  rss=$(rss_mb "$pid")
  kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  pids=()
  what="$jar${CONFIGS:+ $config}"
  echo "run $i $what: $mode ready in $ms ms wall, $cpu ms CPU, $rss MB resident${alone:+ (the first member, alone with the other listed but absent: $alone ms)}"
  wall[$what]+="$ms "; cpus[$what]+="$cpu "
 done
 done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for what in "${!wall[@]}"; do
  echo "$what: median $(echo "${wall[$what]}" | median) ms wall, $(echo "${cpus[$what]}" | median) ms CPU over $runs runs ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
done
