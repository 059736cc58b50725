#!/usr/bin/env bash
# Measures the peak resident memory (VmHWM) of ttg-worker JVMs sized as in a container with the
# given memory limit, to check that a worker stays within the limit of milestone 1.
#
#   k8s/measure-worker-memory.sh [LIMIT] [MAX_RAM_PERCENTAGE]     defaults: 256m 50
#
# -XX:MaxRAM sets the memory size the JVM assumes, so it sizes its heap as it would from a
# container's memory limit. -XX:ActiveProcessorCount=1 matches a CPU limit of 500m. Two runs:
#   1. three workers on a 10,000-parameter simulate run (milestone 1's shape), and
#   2. one worker whose whole maximum heap is touched at start (-XX:+AlwaysPreTouch), the worst
#      case, when a computation fills the heap.
# Needs Linux (/proc), redis-server on the PATH and the jars from `mvn -DskipTests package`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
limit="${1:-256m}"
percentage="${2:-50}"
jar="$root/worker/target/ttg-worker.jar"
[[ -f "$jar" ]] || { echo "$jar not found. Build it with: mvn -DskipTests package" >&2; exit 1; }

work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --pidfile "$work/redis.pid" --logfile "$work/redis.log"
# Stops the Redis server started above, waits for it to exit, and removes its files.
stop_redis() {
  local pid
  pid="$(cat "$work/redis.pid" 2>/dev/null || true)"
  if [[ -n "$pid" ]]; then
    kill "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -rf "$work"
}
trap stop_redis EXIT
for _ in $(seq 50); do
  redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
  sleep 0.1
done
export REDIS_URL="redis://127.0.0.1:$port"
jvm=(-XX:MaxRAM="$limit" -XX:MaxRAMPercentage="$percentage" -XX:ActiveProcessorCount=1
  -XX:+ExitOnOutOfMemoryError)

# Starts one worker on run $1 with extra JVM flags, waits for it and prints its peak RSS.
measure() {
  local run="$1" name="$2"
  shift 2
  WORKER_ID="$name" java "${jvm[@]}" "$@" -cp "$jar" io.ttg.worker.WorkerMain --run "$run" \
    >"$work/$name.out" 2>"$work/$name.err" &
  local pid=$! peak=0 sample
  while kill -0 "$pid" 2>/dev/null; do
    sample="$(awk '/^VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
    [[ -n "$sample" ]] && peak="$sample"
    sleep 0.1
  done
  local code=0
  wait "$pid" || code=$?
  awk -v name="$name" -v code="$code" -v kib="$peak" \
    'BEGIN { printf "%s: exit %d, peak RSS %d KiB (%.1f MiB)\n", name, code, kib, kib / 1024 }'
}

"$root/bin/ttg-producer" enqueue --run measure-m1 --params 10000 --chunk-size 100 \
  --computation simulate --simulate-work-ms 3 --save-output >/dev/null
echo "JVM flags: ${jvm[*]}"
echo "1. three workers, 10,000 parameters:"
for i in 1 2 3; do measure measure-m1 "worker-$i" & done
wait

"$root/bin/ttg-producer" enqueue --run measure-full-heap --params 1000000 --chunk-size 10000 \
  --computation primes >/dev/null
echo "2. one worker with its whole heap touched:"
measure measure-full-heap worker-full-heap -XX:InitialRAMPercentage="$percentage" \
  -XX:+AlwaysPreTouch
