#!/usr/bin/env bash
# Switchboard load benchmark: a zero-delay mock OpenAI upstream, the router pinned to one core,
# load from another core; optionally the Portkey gateway beside it under the same load.
# Method, figures and targets: BENCHMARKS.md next to this script.
#
#   tests/bench/load/run.sh [--with-portkey] [--jfr] [--duration S] [--warmup S] [--settle-cycles N] [--rate R]
#                           [--slow-readers N] [--slow-bytes B] [--fill-duration S] [--cancel-trials N] [--streams-only]
#                           [--no-direct] [--jar PATH] [--out DIR] [--no-install]
#
#   --with-portkey  also measure the Portkey gateway 1.15.2 (npm-installed into ./node_modules)
#   --with-floor    also measure VertxFloor.java: a bare Vert.x piping proxy with Switchboard's JVM, Vert.x
#                   and flags and nothing else, the floor of any Vert.x gateway on this machine
#   --jfr           after the measured points, record JFR for --jfr-seconds (20) under 50-connection
#                   load and summarise the hottest methods (jfr-top.txt)
#   --duration S    seconds per measured point (15)        --warmup S  unrecorded warm-up per target (20)
#   --settle-cycles N  after the warm-up, up to N 8-second mixed cycles until the JIT is quiet (8)
#   --rate R        open-loop rate, requests/s (500)       --out DIR   results directory
#   --slow-readers N   the stream-c50-slow point: N connections read large streams slowly (SlowReaders.java)
#                   while 50 others stream normally; compare its TTFB with stream-c50's (200; 0 skips it)
#   --slow-bytes B  a slow reader reads at most B bytes per second (1024)
#   --fill-duration S  the stream-c50-fill point: S seconds of the same load while the slow readers arrive
#                   and the target fills their buffers (15; 0 skips it); stream-c50-slow waits for them to settle
#   --cancel-trials N   upstream close latency after a client reset, N trials per target (cancel-latency.js;
#                   1000; 0 skips it)
#   --streams-only  only the stream points with and without slow readers and the cancel trials: with
#                   JAVA_OPTS="... -Xmx256m" and --slow-readers 1000 it measures issue 13's slow-reader target
#   --no-direct     skip the mock-only baseline target (no "added" figures): to compare builds quickly
#   --jar PATH      Switchboard jar (engine/target/switchboard.jar; build it with
#                   `mvn -B -DskipTests package` at the repository root)
# Environment: JAVA_OPTS (JVM flags, default below), ROUTER_CPUS (1), LOAD_CPUS (0),
#   MOCK_PORT (19100), SWITCHBOARD_PORT (19080), PORTKEY_PORT (19787), FLOOR_PORT (19081).
# Every process this script starts is stopped on exit, and only those.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
REPO=$(cd "$HERE/../../.." && pwd)
DURATION=15 WARMUP=20 SETTLE_CYCLES=8 RATE=500 JFR=0 JFR_SECONDS=20 WITH_PORTKEY=0 WITH_FLOOR=0 INSTALL=1
SLOW_READERS=200 SLOW_BYTES=1024 CANCEL_TRIALS=1000 STREAMS_ONLY=0 DIRECT=1 FILL_DURATION=15
JAR="$REPO/engine/target/switchboard.jar"
OUT="$HERE/results/$(date -u +%Y%m%d-%H%M%S)"
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseSerialGC -Xms64m -Xmx160m -Xss512k"}
ROUTER_CPUS=${ROUTER_CPUS:-1} LOAD_CPUS=${LOAD_CPUS:-0}
MOCK_PORT=${MOCK_PORT:-19100} SWITCHBOARD_PORT=${SWITCHBOARD_PORT:-19080} PORTKEY_PORT=${PORTKEY_PORT:-19787}
FLOOR_PORT=${FLOOR_PORT:-19081}
PORTKEY_VERSION=1.15.2

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --with-portkey) WITH_PORTKEY=1 ;;
    --with-floor) WITH_FLOOR=1 ;;
    --jfr) JFR=1 ;;
    --jfr-seconds) JFR_SECONDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --settle-cycles) SETTLE_CYCLES=$2; shift ;;
    --rate) RATE=$2; shift ;;
    --slow-readers) SLOW_READERS=$2; shift ;;
    --slow-bytes) SLOW_BYTES=$2; shift ;;
    --fill-duration) FILL_DURATION=$2; shift ;;
    --cancel-trials) CANCEL_TRIALS=$2; shift ;;
    --streams-only) STREAMS_ONLY=1 ;;
    --no-direct) DIRECT=0 ;;
    --jar) JAR=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-install) INSTALL=0 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { echo "run.sh: $*" >&2; exit 1; }

# ---- tools -------------------------------------------------------------------------------
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  [ "$INSTALL" = 1 ] || die "$1 is missing (and --no-install was given)"
  command -v apt-get >/dev/null || die "$1 is missing: install it with your package manager"
  say "installing $1 with apt-get"
  as_root apt-get install -y "$1" >/dev/null 2>&1 || { as_root apt-get update >/dev/null && as_root apt-get install -y "$1" >/dev/null; }
}
[ "$STREAMS_ONLY" = 1 ] || command -v wrk >/dev/null || apt_install wrk   # --streams-only needs no wrk
command -v node >/dev/null || apt_install nodejs
command -v curl >/dev/null || apt_install curl
command -v taskset >/dev/null || apt_install util-linux
command -v ss >/dev/null || apt_install iproute2
command -v java >/dev/null || die "java (17+) is missing"
[ -f "$JAR" ] || die "no Switchboard jar at $JAR: build it first with 'mvn -B -DskipTests package' at $REPO"

PORTKEY_MAIN="$HERE/node_modules/@portkey-ai/gateway/build/start-server.js"
PORTKEY_NOTE=""
if [ "$WITH_PORTKEY" = 1 ] && [ ! -f "$PORTKEY_MAIN" ]; then
  if [ "$INSTALL" = 1 ] && command -v npm >/dev/null; then
    say "installing @portkey-ai/gateway@$PORTKEY_VERSION into $HERE/node_modules (npm install)"
    (cd "$HERE" && npm install --no-audit --no-fund >"$HERE/.npm-install.log" 2>&1) || true
  fi
  if [ ! -f "$PORTKEY_MAIN" ]; then
    PORTKEY_NOTE="Portkey skipped: npm install failed or npm is missing (see $HERE/.npm-install.log)"
    say "$PORTKEY_NOTE"; WITH_PORTKEY=0
  fi
fi

# ---- processes ---------------------------------------------------------------------------
mkdir -p "$OUT/raw" "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d)
STARTED=()        # PIDs of the processes this script started, stopped in reverse order on exit

stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local i
  for ((i=${#STARTED[@]}-1; i>=0; i--)); do stop_pid "${STARTED[$i]}"; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true   # slow readers: two sockets each on the target
for port in "$MOCK_PORT" "$SWITCHBOARD_PORT" "$PORTKEY_PORT" "$FLOOR_PORT"; do port_free "$port" || die "port $port is in use"; done

start_mock() {
  MOCK_PORT=$MOCK_PORT taskset -c "$LOAD_CPUS" node "$HERE/mock-upstream.js" >"$OUT/logs/mock.log" 2>&1 &
  MOCK_PID=$!; STARTED+=("$MOCK_PID")
  wait_http "http://127.0.0.1:$MOCK_PORT/health" "$MOCK_PID" || die "mock did not start (logs/mock.log)"
}
start_switchboard() {
  cp "$JAR" "$WORK/switchboard.jar"   # a snapshot: a rebuild during the run must not change it
  local jfr_opts=""
  # deep Vert.x stacks: keep 256 frames so samples still reach the Switchboard frames
  [ "$JFR" = 1 ] && jfr_opts="-XX:FlightRecorderOptions:stackdepth=256"
  # shellcheck disable=SC2086
  BENCH_UPSTREAM="http://127.0.0.1:$MOCK_PORT/v1" BENCH_PLUGINS_DIR="$WORK/plugins.d" \
    taskset -c "$ROUTER_CPUS" java $JAVA_OPTS $jfr_opts -jar "$WORK/switchboard.jar" \
    --config "$HERE/switchboard-bench.yaml" --port "$SWITCHBOARD_PORT" >"$OUT/logs/switchboard.log" 2>&1 &
  TARGET_PID=$!; STARTED+=("$TARGET_PID")
  wait_http "http://127.0.0.1:$SWITCHBOARD_PORT/health" "$TARGET_PID" || die "Switchboard did not start (logs/switchboard.log)"
}
start_portkey() {
  # Portkey 1.15.2 has no host option: it listens on all interfaces; traffic stays on loopback
  taskset -c "$ROUTER_CPUS" node "$PORTKEY_MAIN" --port="$PORTKEY_PORT" --headless >"$OUT/logs/portkey.log" 2>&1 &
  TARGET_PID=$!; STARTED+=("$TARGET_PID")
  wait_http "http://127.0.0.1:$PORTKEY_PORT/" "$TARGET_PID" || die "Portkey did not start (logs/portkey.log)"
}
start_floor() {
  taskset -c "$ROUTER_CPUS" java $JAVA_OPTS -cp "$WORK/switchboard.jar" "$HERE/VertxFloor.java" "$FLOOR_PORT" "$MOCK_PORT" \
    >"$OUT/logs/vertx-floor.log" 2>&1 &
  TARGET_PID=$!; STARTED+=("$TARGET_PID")
  wait_http "http://127.0.0.1:$FLOOR_PORT/health" "$TARGET_PID" || die "VertxFloor did not start (logs/vertx-floor.log)"
}
stop_target() { stop_pid "$TARGET_PID"; }

# ---- measurement -------------------------------------------------------------------------
# per-thread CPU ticks "tid<TAB>name<TAB>ticks": shows which threads (event loop, JIT, GC) a point paid for
thread_ticks() {
  local stat
  for stat in /proc/"$1"/task/*/stat; do
    sed -E 's/^([0-9]+) \((.*)\) (.*)$/\1\t\2\t\3/' "$stat" 2>/dev/null | awk -F'\t' '{split($3, f, " "); print $1 "\t" $2 "\t" f[12] + f[13]}'
  done
}
thread_delta() { # before-file after-file: threads that used CPU, busiest first, in ms
  awk -F'\t' -v tck="$(getconf CLK_TCK)" 'NR == FNR {b[$1] = $3; next} $3 - b[$1] > 0 {printf "%s\t%s\t%.0f\n", $1, $2, ($3 - b[$1]) * 1000 / tck}' "$1" "$2" | sort -t$'\t' -k3,3nr
}
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
load_cpu() { taskset -c "$LOAD_CPUS" "$@"; }

# point TARGET POINT TOOL ARGS...: runs one measured point, records CPU and memory of $TARGET_PID
point() {
  local target=$1 name=$2 tool=$3; shift 3
  local raw="raw/$target-$name.$([ "$tool" = wrk ] && echo txt || echo json)" before after
  before=$(cpu_ticks "$TARGET_PID"); thread_ticks "$TARGET_PID" >"$WORK/threads.before"
  if [ "$tool" = wrk ]; then
    load_cpu wrk -t1 -d"${DURATION}s" --latency -s "$HERE/chat.lua" "$@" >"$OUT/$raw" 2>&1
  else
    load_cpu node "$HERE/probe.js" --duration "$DURATION" --warmup 1 --json "$OUT/$raw" "$@" >"$OUT/${raw%.json}.txt" 2>&1
  fi
  after=$(cpu_ticks "$TARGET_PID"); thread_ticks "$TARGET_PID" >"$WORK/threads.after"
  thread_delta "$WORK/threads.before" "$WORK/threads.after" >"$OUT/raw/$target-$name.threads.tsv"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$name" "$tool" "$raw" "$((after - before))" \
    "$(status_kb "$TARGET_PID" VmRSS)" "$(status_kb "$TARGET_PID" VmHWM)" >>"$OUT/points.tsv"
  say "  $name: $(grep -h -E 'Requests/sec|req/s' "$OUT/$raw" "$OUT/${raw%.json}.txt" 2>/dev/null | head -1 | tr -s ' ')"
}

# check_target NAME URL HEADERS...: one JSON and one streamed answer must be right before loading
check_target() {
  local name=$1 url=$2; shift 2
  local body='{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}'
  curl -sf "$@" -H 'content-type: application/json' -d "$body" "$url" | grep -q '"chat.completion"' \
    || die "$name: no chat.completion from $url"
  curl -sfN "$@" -H 'content-type: application/json' -d "${body%\}},\"stream\":true}" "$url" | grep -q '^data: \[DONE\]' \
    || die "$name: stream from $url did not end with data: [DONE]"
}

# settle NAME URL HEADERS...: after the warm-up, repeats a short mixed cycle (JSON at 1 and 50
# connections, a stream; with --streams-only streams at 50 and 1 connections) until the target's JIT compiler threads used under 1% of the cycle
# (at most $SETTLE_CYCLES cycles): a C2 compilation during a measured point takes the target's
# one core for tens to hundreds of milliseconds and shows up as the point's p99, not as its
# steady state. Targets without such threads (node) stop after one cycle. Logged per cycle.
settle() {
  local name=$1 url=$2; shift 2
  local cycle jit
  for cycle in $(seq 1 "$SETTLE_CYCLES"); do
    thread_ticks "$TARGET_PID" >"$WORK/settle.before"
    if [ "$STREAMS_ONLY" = 0 ]; then
      load_cpu wrk -t1 -c1 -d4s -s "$HERE/chat.lua" "$@" "$url" >>"$OUT/raw/$name-warmup.txt" 2>&1
      load_cpu wrk -t1 -c50 -d2s -s "$HERE/chat.lua" "$@" "$url" >>"$OUT/raw/$name-warmup.txt" 2>&1
    else # the streams-only points: 50 connections
      load_cpu node "$HERE/probe.js" --url "$url" "$@" --stream --conns 50 --duration 6 --warmup 0 >>"$OUT/raw/$name-warmup.txt" 2>&1
    fi
    load_cpu node "$HERE/probe.js" --url "$url" "$@" --stream --conns 1 --duration 2 --warmup 0 >>"$OUT/raw/$name-warmup.txt" 2>&1
    thread_ticks "$TARGET_PID" >"$WORK/settle.after"
    jit=$(thread_delta "$WORK/settle.before" "$WORK/settle.after" | awk -F'\t' '$2 ~ /^C[12] CompilerThre/ {ms += $3} END {print ms + 0}')
    echo "settle $name cycle $cycle: JIT compiler threads ${jit} ms of 8 s" >>"$OUT/raw/$name-warmup.txt"
    [ "$jit" -lt 80 ] && break
  done
  say "  settled after $cycle cycle(s), JIT ${jit} ms in the last"
}

# slow_fill NAME URL HEADERS...: the slow readers' arrival. Each one makes the target fill every buffer
# between the upstream and the reader (the client socket's send buffer, the write queue, the upstream
# socket) before flow control holds it: about 200 KB per reader, 200 MB for 1,000, which takes the
# target's core for seconds. That transient is measured as a point of its own (stream-c50-fill,
# --fill-duration seconds from the moment all readers are connected); then it waits until the target
# uses under 10% of a core for 3 seconds in a row (at most 120 s, logged), so stream-c50-slow measures
# the readers' steady state rather than whatever is left of their arrival.
slow_fill() {
  local name=$1 url=$2; shift 2
  if [ "$FILL_DURATION" -gt 0 ]; then
    DURATION=$FILL_DURATION point "$name" stream-c50-fill probe --url "$url" "$@" --stream --conns 50
  fi
  local tck quiet=0 waited=0 before after ms
  tck=$(getconf CLK_TCK)
  while [ $waited -lt 120 ] && [ $quiet -lt 3 ]; do
    before=$(cpu_ticks "$TARGET_PID"); sleep 1; after=$(cpu_ticks "$TARGET_PID"); waited=$((waited + 1))
    ms=$(( (after - before) * 1000 / tck ))
    if [ "$ms" -lt 100 ]; then quiet=$((quiet + 1)); else quiet=0; fi
  done
  echo "$name slow readers: all $SLOW_READERS connected after ${connected}s; fill point ${FILL_DURATION}s;" \
    "then quiet after ${waited}s more (target CPU ${ms} ms in the last second)" >>"$OUT/raw/$name-slow-fill.txt"
  say "  slow readers settled ${waited}s after the fill point (${ms} ms CPU in the last second)"
}

# slow_point NAME URL HEADERS...: stream-c50 again while $SLOW_READERS connections read large
# streams slowly; the slow readers' own figures go to raw/NAME-slow-readers.json
slow_point() {
  local name=$1 url=$2; shift 2
  # taskset itself, not the load_cpu function: in the background a function is a subshell, and
  # stopping that would leave the readers running
  taskset -c "$LOAD_CPUS" java -Xss256k -Xmx64m "$HERE/SlowReaders.java" --url "$url" "$@" --conns "$SLOW_READERS" --bytes "$SLOW_BYTES" \
    --interval 1000 --duration $((DURATION + 60)) >"$OUT/raw/$name-slow-readers.json" 2>&1 &
  local readers=$! port=${url#*://*:}; port=${port%%/*}; STARTED+=("$readers")
  # wait until they are all connected (the JVM compiles the source first), then let every buffer fill
  local deadline=$((SECONDS + 90)) connected=$SECONDS
  while [ $SECONDS -lt $deadline ] && kill -0 "$readers" 2>/dev/null \
    && [ "$(ss -tnH state established "( dport = :$port )" | wc -l)" -lt "$SLOW_READERS" ]; do sleep 0.5; done
  connected=$((SECONDS - connected))
  slow_fill "$name" "$url" "$@"
  point "$name" stream-c50-slow probe --url "$url" "$@" --stream --conns 50
  stop_pid "$readers"
  say "  slow readers: $(tail -1 "$OUT/raw/$name-slow-readers.json")"
}

# cancel_point NAME URL HEADERS...: upstream close latency after a client reset (cancel-latency.js)
cancel_point() {
  local name=$1 url=$2; shift 2
  load_cpu node "$HERE/cancel-latency.js" --url "$url" --mock "http://127.0.0.1:$MOCK_PORT" "$@" --trials "$CANCEL_TRIALS" \
    >"$OUT/raw/$name-cancel.txt" 2>&1 || true
  printf '%s\t%s\n' "$name" "$(tail -1 "$OUT/raw/$name-cancel.txt")" >>"$OUT/cancel.tsv"
  say "  cancel: $(head -1 "$OUT/raw/$name-cancel.txt")"
}

measure_target() { # NAME URL HEADERS...
  local name=$1 url=$2; shift 2
  local hdr=("$@")
  check_target "$name" "$url" "${hdr[@]}"
  say "$name: pid $TARGET_PID, warm-up ${WARMUP}s"
  # every kind of point the run measures: JIT-compiled code depends on the load's shape, and a
  # compilation during a measured point shares the target's one core with it
  if [ "$STREAMS_ONLY" = 0 ]; then
    load_cpu wrk -t1 -c50 -d"${WARMUP}s" -s "$HERE/chat.lua" "${hdr[@]}" "$url" >"$OUT/raw/$name-warmup.txt" 2>&1
    load_cpu wrk -t1 -c1 -d"$(( (WARMUP + 2) / 3 ))s" -s "$HERE/chat.lua" "${hdr[@]}" "$url" >>"$OUT/raw/$name-warmup.txt" 2>&1
  fi
  load_cpu node "$HERE/probe.js" --url "$url" "${hdr[@]}" --stream --conns 1 --duration 3 --warmup 0 >>"$OUT/raw/$name-warmup.txt" 2>&1
  load_cpu node "$HERE/probe.js" --url "$url" "${hdr[@]}" --stream --conns 50 --duration "$(( (WARMUP + 1) / 2 ))" --warmup 0 \
    >>"$OUT/raw/$name-warmup.txt" 2>&1
  if [ "$SLOW_READERS" -gt 0 ]; then
    # the slow readers' large events take code paths the short streams never reach (an event longer than
    # a read, long content strings): read a few large streams at full speed so they are not compiled
    # during the points that have slow readers
    local big='{"model":"gpt-4o-mini","stream":true,"user":"bench-big-stream","messages":[{"role":"user","content":"hi"}]}' i
    for i in 1 2; do
      load_cpu curl -sN "${hdr[@]}" -H 'content-type: application/json' -d "$big" "$url" -o /dev/null || true
    done
  fi
  settle "$name" "$url" "${hdr[@]}"
  if [ "$STREAMS_ONLY" = 0 ]; then
    point "$name" json-c1 wrk -c1 "${hdr[@]}" "$url"
    point "$name" json-c50 wrk -c50 "${hdr[@]}" "$url"
    point "$name" json-open probe --url "$url" "${hdr[@]}" --rate "$RATE" --conns 64
    point "$name" stream-c1 probe --url "$url" "${hdr[@]}" --stream --conns 1
    point "$name" stream-open probe --url "$url" "${hdr[@]}" --stream --rate "$RATE" --conns 64
  fi
  if [ "$SLOW_READERS" -gt 0 ]; then
    point "$name" stream-c50 probe --url "$url" "${hdr[@]}" --stream --conns 50
    slow_point "$name" "$url" "${hdr[@]}"
  fi
  if [ "$CANCEL_TRIALS" -gt 0 ]; then cancel_point "$name" "$url" "${hdr[@]}"; fi
}

profile_switchboard() {
  local url=$1 rec="$OUT/switchboard.jfr"
  say "switchboard: JFR for ${JFR_SECONDS}s under 50-connection load"
  jcmd "$TARGET_PID" JFR.start name=bench settings=profile filename="$rec" >"$OUT/logs/jfr.log" 2>&1
  load_cpu wrk -t1 -c50 -d"${JFR_SECONDS}s" -s "$HERE/chat.lua" "$url" >"$OUT/raw/switchboard-jfr-load.txt" 2>&1
  jcmd "$TARGET_PID" JFR.stop name=bench >>"$OUT/logs/jfr.log" 2>&1
  jfr print --json --stack-depth 256 --events jdk.ExecutionSample "$rec" >"$WORK/samples.json"
  node "$HERE/jfr-top.js" "$WORK/samples.json" 30 >"$OUT/jfr-top.txt"
  say "  hot spots in jfr-top.txt"
}

# ---- run ---------------------------------------------------------------------------------
: >"$OUT/points.tsv"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)   load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "machine: nproc=$(nproc) cpu='$(awk -F': ' '/^model name/{print $2; exit}' /proc/cpuinfo)' kernel=$(uname -r) mem=$(awk '/MemTotal/{print $2" kB"}' /proc/meminfo)"
  echo "layout: router/gateway on CPU $ROUTER_CPUS; mock + load generators on CPU $LOAD_CPUS; one target at a time"
  echo "java: $(java -version 2>&1 | tr '\n' ' ')"
  echo "JAVA_OPTS: $JAVA_OPTS"
  echo "node: $(node --version)   wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "switchboard jar: $JAR sha256=$(sha256sum "$JAR" | cut -c1-16)"
  echo "durations: ${DURATION}s per point, warm-up ${WARMUP}s per target, open-loop rate ${RATE}/s"
  echo "slow readers: $SLOW_READERS connections reading ${SLOW_BYTES} B/s each; cancel trials: $CANCEL_TRIALS"
  if [ -n "$PORTKEY_NOTE" ]; then echo "$PORTKEY_NOTE"; fi
} >"$OUT/env.txt"

start_mock
say "mock upstream pid $MOCK_PID on :$MOCK_PORT (CPU $LOAD_CPUS); results in $OUT"

if [ "$DIRECT" = 1 ]; then
  TARGET_PID=$MOCK_PID
  measure_target direct "http://127.0.0.1:$MOCK_PORT/v1/chat/completions"
fi

start_switchboard
SB_URL="http://127.0.0.1:$SWITCHBOARD_PORT/v1/chat/completions"
{
  echo "switchboard: $(curl -s "http://127.0.0.1:$SWITCHBOARD_PORT/health" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
  echo "switchboard JVM flags: $(jcmd "$TARGET_PID" VM.flags 2>/dev/null | tail -n +2 | tr '\n' ' ')"
} >>"$OUT/env.txt"
measure_target switchboard "$SB_URL"
echo "switchboard peak RSS (VmHWM) kB: $(status_kb "$TARGET_PID" VmHWM)" >>"$OUT/env.txt"
if [ "$JFR" = 1 ]; then profile_switchboard "$SB_URL"; fi
stop_target

if [ "$WITH_FLOOR" = 1 ]; then
  start_floor
  measure_target vertx-floor "http://127.0.0.1:$FLOOR_PORT/v1/chat/completions"
  stop_target
fi

if [ "$WITH_PORTKEY" = 1 ]; then
  start_portkey
  echo "portkey: @portkey-ai/gateway $(node -p "require('$HERE/node_modules/@portkey-ai/gateway/package.json').version")," \
    "@hono/node-server $(node -p "require('$HERE/node_modules/@hono/node-server/package.json').version")" >>"$OUT/env.txt"
  measure_target portkey "http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions" \
    -H "x-portkey-provider: openai" -H "x-portkey-custom-host: http://127.0.0.1:$MOCK_PORT/v1"
  stop_target
fi

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/env.txt"
CLK_TCK=$(getconf CLK_TCK) node "$HERE/report.js" "$OUT"
say "summary: $OUT/summary.md"
