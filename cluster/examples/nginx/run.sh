#!/usr/bin/env bash
# Three clustered Switchboard nodes behind nginx, all on 127.0.0.1.
#
#   ./run.sh [--install] start    start 3 nodes (engine/target/switchboard.jar) and nginx in front of them
#   ./run.sh stop                 stop exactly the processes `start` started (from their pid files)
#   ./run.sh status               what runs, and the cluster as node 1 sees it
#
# Builds nothing: run `mvn -B package -DskipTests` at the top of the repository first.
# Environment: SWITCHBOARD_JAR (the jar), BASE_CONFIG (providers/models/routes shared by the nodes;
# default switchboard-base.yaml here), RUN_DIR (configs, logs, pid files; default
# ${TMPDIR:-/tmp}/switchboard-nginx), LB_PORT (nginx; default: a free port). Every other port (the
# nodes' HTTP and Hazelcast ports) is a free port chosen at start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
JAR="${SWITCHBOARD_JAR:-$REPO/engine/target/switchboard.jar}"
BASE_CONFIG="${BASE_CONFIG:-$HERE/switchboard-base.yaml}"
RUN_DIR="${RUN_DIR:-${TMPDIR:-/tmp}/switchboard-nginx}"
NODES=3
INSTALL=no

die() { echo "run.sh: $*" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# a free port in 20000..59999 that is not already taken by this run
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p" && ! grep -qx "$p" "$RUN_DIR/ports" 2>/dev/null; then
      echo "$p" >> "$RUN_DIR/ports"
      echo "$p"
      return
    fi
  done
  die "no free port found"
}

# the pid in a pid file, if that process still runs and is the one we started (its command line names our run dir)
our_pid() {
  local file="$1" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$RUN_DIR" || return 1
  echo "$pid"
}

need_nginx() {
  command -v nginx >/dev/null 2>&1 && return
  if [ "$INSTALL" = yes ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y nginx
    # Debian starts the packaged service on port 80 after installing; this example runs its own nginx
    if command -v service >/dev/null 2>&1; then $sudo service nginx stop >/dev/null 2>&1 || true; fi
    return
  fi
  die "nginx is not installed: apt-get install -y nginx (or run: $0 --install start)"
}

wait_listening() {
  local n="$1" port="$2" deadline=$((SECONDS + 90))
  until grep -q "listening on http://127.0.0.1:$port" "$RUN_DIR/node-$n.log" 2>/dev/null; do
    our_pid "$RUN_DIR/node-$n.pid" >/dev/null || { tail -n 30 "$RUN_DIR/node-$n.log" >&2; die "node $n exited"; }
    [ "$SECONDS" -lt "$deadline" ] || die "node $n did not start within 90 s (see $RUN_DIR/node-$n.log)"
    sleep 0.2
  done
}

start_node() {
  local n="$1" http="$2" hz="$3" members="$4"
  local config="$RUN_DIR/node-$n.yaml"
  {
    echo "server: {host: 127.0.0.1, port: $http}"
    echo "cluster: {enabled: true, name: switchboard-nginx, host: 127.0.0.1, port: $hz, members: [$members]}"
    cat "$BASE_CONFIG"
  } > "$config"
  nohup java -Xmx512m -jar "$JAR" --config "$config" > "$RUN_DIR/node-$n.log" 2>&1 &
  echo $! > "$RUN_DIR/node-$n.pid"
}

start() {
  local n
  [ -f "$JAR" ] || die "no $JAR: build it first (mvn -B package -DskipTests at $REPO)"
  [ -f "$BASE_CONFIG" ] || die "no base config $BASE_CONFIG"
  command -v java >/dev/null 2>&1 || die "java (17+) is not on the PATH"
  need_nginx
  for n in $(seq 1 $NODES); do
    ! our_pid "$RUN_DIR/node-$n.pid" >/dev/null || die "already running (node $n): $0 stop first"
  done
  mkdir -p "$RUN_DIR/nginx-tmp"
  : > "$RUN_DIR/ports"
  local http=() hz=() members=""
  for n in $(seq 1 $NODES); do
    http[$n]="$(free_port)"
    hz[$n]="$(free_port)"
    members="${members:+$members, }127.0.0.1:${hz[$n]}"
  done
  local lb="${LB_PORT:-$(free_port)}"
  # node 1 first (it becomes the Hazelcast master), then the others join it together
  start_node 1 "${http[1]}" "${hz[1]}" "$members"
  wait_listening 1 "${http[1]}"
  for n in $(seq 2 $NODES); do start_node "$n" "${http[$n]}" "${hz[$n]}" "$members"; done
  for n in $(seq 2 $NODES); do wait_listening "$n" "${http[$n]}"; done
  sed -e "s#@RUN_DIR@#$RUN_DIR#g" -e "s#@LB_PORT@#$lb#g" -e "s#@NODE_1_PORT@#${http[1]}#g" \
      -e "s#@NODE_2_PORT@#${http[2]}#g" -e "s#@NODE_3_PORT@#${http[3]}#g" "$HERE/nginx.conf" > "$RUN_DIR/nginx.conf"
  nginx -p "$RUN_DIR" -c "$RUN_DIR/nginx.conf" -e "$RUN_DIR/nginx-error.log"
  echo "$lb" > "$RUN_DIR/lb-port"
  echo "nodes on 127.0.0.1:${http[1]}, :${http[2]}, :${http[3]} (logs in $RUN_DIR)"
  echo "nginx on http://127.0.0.1:$lb  e.g. curl -s http://127.0.0.1:$lb/v1/stats?scope=cluster"
}

stop() {
  local pid
  if pid="$(our_pid "$RUN_DIR/nginx.pid")"; then
    kill -QUIT "$pid" && echo "nginx $pid stopped"
  fi
  # one node at a time, so Hazelcast hands each leaver's partitions to the nodes that stay
  for n in $(seq $NODES -1 1); do
    if pid="$(our_pid "$RUN_DIR/node-$n.pid")"; then
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" && echo "node $n ($pid) killed: still running 20 s after SIGTERM"
      else
        echo "node $n ($pid) stopped"
      fi
    fi
    rm -f "$RUN_DIR/node-$n.pid"
  done
  rm -f "$RUN_DIR/lb-port"
}

status() {
  local pid running=0
  for n in $(seq 1 $NODES); do
    if pid="$(our_pid "$RUN_DIR/node-$n.pid")"; then echo "node $n: running ($pid)"; running=$((running + 1)); else echo "node $n: stopped"; fi
  done
  if pid="$(our_pid "$RUN_DIR/nginx.pid")"; then echo "nginx: running ($pid) on 127.0.0.1:$(cat "$RUN_DIR/lb-port")"; else echo "nginx: stopped"; fi
  if [ -f "$RUN_DIR/lb-port" ] && command -v curl >/dev/null 2>&1; then
    echo "cluster: $(curl -s --max-time 5 "http://127.0.0.1:$(cat "$RUN_DIR/lb-port")/v1/stats?scope=cluster" \
      | grep -o '"http_port":[0-9]*' | tr '\n' ' ')"
  fi
  [ "$running" -gt 0 ]
}

[ "${1:-}" = "--install" ] && { INSTALL=yes; shift; }
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 [--install] start|stop|status" >&2; exit 2 ;;
esac
