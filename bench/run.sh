#!/usr/bin/env bash
# Builds the bench module and runs TTG's benchmarks; docs/benchmarks.md explains the figures.
#
# Usage: bench/run.sh [overhead|scaling|enqueue|all] [OPTION...]
#   overhead  one worker thread against a plain loop (in-memory queue and Redis)
#   scaling   a worker with two threads against one with one thread
#   enqueue   RedisChunkQueue.enqueue of 10^7 parameters in 10^5 chunks
#   all       the three in turn (the default); takes no OPTION
# OPTIONs go to the one benchmark named, e.g. `bench/run.sh overhead --rounds 3`; `--help`
# lists them.
#
# Environment:
#   REDIS_URL   Redis server to use, e.g. redis://127.0.0.1:6379. The benchmarks delete the keys
#               of their runs afterwards. Unset: the script starts redis-server on a free loopback
#               port without persistence and stops it at exit.
#   JAVA_OPTS   JVM options; default: -Xms1g -Xmx1g
#   SKIP_BUILD  set to 1 to reuse the last build
#
# Each benchmark's output is printed and saved to bench/target/results/NAME.txt; the workers'
# logs go to bench/target/results/NAME.log. Exit codes: 0 when every benchmark ran, whether or not
# its targets were met; 1 on a failure; 2 on invalid usage; 3 when Redis cannot be reached.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root_dir=$(dirname "$bench_dir")
results_dir="$bench_dir/target/results"
redis_pid=""

usage_error() {
    echo "bench/run.sh: $1" >&2
    echo "usage: bench/run.sh [overhead|scaling|enqueue|all] [OPTION...]" >&2
    exit 2
}

main_class() {
    case "$1" in
        overhead) echo io.ttg.bench.WorkerOverheadBenchmark ;;
        scaling) echo io.ttg.bench.WorkerScalingBenchmark ;;
        enqueue) echo io.ttg.bench.EnqueueBenchmark ;;
        *) usage_error "unknown benchmark '$1'; expected overhead, scaling, enqueue or all" ;;
    esac
}

# Builds ttg-common and bench in one Maven reactor through the root pom's "bench" profile. Until
# the root pom lists the module, it installs the parent pom and ttg-common in the local Maven
# repository instead, where a standalone build of bench finds them.
build() {
    local source
    source=$(describe_source)
    echo "building ttg-common and ttg-bench (tests skipped)..." >&2
    rm -rf "$bench_dir/target/lib" "$bench_dir/target/source.txt"
    if grep -q '<module>bench</module>' "$root_dir/pom.xml"; then
        mvn -B -q -f "$root_dir/pom.xml" -P bench -pl bench -am -DskipTests package
    else
        mvn -B -q -f "$root_dir/pom.xml" -N install
        mvn -B -q -f "$root_dir/common/pom.xml" -DskipTests install
        mvn -B -q -f "$bench_dir/pom.xml" package
    fi
    echo "$source" >"$bench_dir/target/source.txt"
}

# Prints the commit and the uncommitted changes in common/ at build time: the measured code.
describe_source() {
    local commit changed
    commit=$(git -C "$root_dir" rev-parse --short HEAD 2>/dev/null || echo "unknown")
    changed=$(git -C "$root_dir" status --porcelain -- common 2>/dev/null | wc -l)
    echo "source: commit $commit, $changed uncommitted changes in common/," \
        "built $(date -u +%Y-%m-%dT%H:%M:%SZ)"
}

free_port() {
    local port
    for port in $(seq 16379 16479); do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    echo "bench/run.sh: no free port in 16379-16479 for redis-server; set REDIS_URL" >&2
    exit 1
}

stop_redis() {
    if [[ -n "$redis_pid" ]]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
}

# Starts a private redis-server, so that other users of a shared server neither see the runs
# nor slow them down.
start_redis() {
    if ! command -v redis-server >/dev/null; then
        echo "bench/run.sh: redis-server not found; install it (apt-get install redis-server)" \
            "or set REDIS_URL to a running server" >&2
        exit 3
    fi
    local port
    port=$(free_port)
    redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
        >"$results_dir/redis-server.log" 2>&1 &
    redis_pid=$!
    trap stop_redis EXIT
    trap 'exit 130' INT TERM
    for _ in $(seq 1 50); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            export REDIS_URL="redis://127.0.0.1:$port"
            echo "started redis-server pid $redis_pid on 127.0.0.1:$port" >&2
            return 0
        fi
        sleep 0.1
    done
    echo "bench/run.sh: redis-server did not accept connections on port $port within 5 s;" \
        "see $results_dir/redis-server.log" >&2
    exit 3
}

run_benchmark() {
    local name=$1
    shift
    local class status=0
    class=$(main_class "$name")
    local class_path="$bench_dir/target/classes:$bench_dir/target/lib/*"
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    java ${JAVA_OPTS:--Xms1g -Xmx1g} -cp "$class_path" "$class" "$@" \
        2>"$results_dir/$name.log" | tee "$results_dir/$name.txt" || status=$?
    if [[ $status -ne 0 ]]; then
        echo "bench/run.sh: benchmark '$name' exited with $status; last lines of" \
            "$results_dir/$name.log:" >&2
        tail -n 20 "$results_dir/$name.log" >&2
        exit "$status"
    fi
}

selected=${1:-all}
if [[ $# -gt 0 ]]; then
    shift
fi
if [[ "$selected" == all && $# -gt 0 ]]; then
    usage_error "options go to one benchmark; name it, e.g. bench/run.sh overhead $*"
fi
[[ "$selected" == all ]] || main_class "$selected" >/dev/null

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    build
fi
mkdir -p "$results_dir"
if [[ -z "${REDIS_URL:-}" ]]; then
    start_redis
fi

if [[ ! -f "$bench_dir/target/source.txt" ]]; then
    echo "bench/run.sh: no build found in $bench_dir/target; run without SKIP_BUILD=1" >&2
    exit 1
fi
cat "$bench_dir/target/source.txt"
if [[ "$selected" == all ]]; then
    for name in overhead scaling enqueue; do
        run_benchmark "$name"
        echo
    done
else
    run_benchmark "$selected" "$@"
fi
