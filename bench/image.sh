#!/usr/bin/env bash
# Benchmark of Caro's image (issue 7): image size, publish + image build time cold and warm (no-op), and the
# time from `docker run` to Caro's /health/ready answering 200. Targets: image <= 30 MB, ready <= 1 s after start,
# warm no-op <= 2 s.
#
# Usage: bench/image.sh [--runs=N] [--all]
#   --runs=N   container starts to time (default 5; the median and the spread are printed)
#   --all      also measure the non-default publishes side by side: --ready-to-run=full (everything precompiled)
#              and --ready-to-run=none (nothing precompiled)
# Needs a Docker engine and the .NET SDK. No registry: the base is built from this machine's libraries
# (./build.sh --target=BaseImage). "Cold" deletes the publish cache (.build/caro-publish, .build/artifacts/caro).
# Every image and container it makes has a unique name and is removed at exit.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs=5
all=0
for arg in "$@"; do
  case "$arg" in
    --runs=*) runs="${arg#--runs=}" ;;
    --all) all=1 ;;
    *) echo "error: unknown argument '$arg' (valid: --runs=N, --all)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --runs takes a positive whole number, not '$runs'" >&2; exit 2; }
command -v docker >/dev/null || { echo "error: docker is not installed (Debian: apt-get install docker.io)" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "error: the Docker engine is not running (start it: dockerd &)" >&2; exit 1; }

id="bench$$"
export CARO_IMAGE="caro-$id:local" NO_COLOR=1
unset CARO_BASE_IMAGE
base="caro-$id-base:host"
container=""
cleanup() {
  [[ -n "$container" ]] && docker rm -f "$container" >/dev/null 2>&1 || true
  docker image ls "caro-$id" --format '{{.Repository}}:{{.Tag}}' | xargs -r docker rmi -f >/dev/null 2>&1 || true
  docker rmi -f "$base" >/dev/null 2>&1 || true
}
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
to_secs() { awk -F: '{ printf "%.2f", $1 * 3600 + $2 * 60 + $3 }' <<<"$1"; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# Runs ./build.sh quietly and sets: wall (seconds), task (the build's own total, without the host's start-up)
# and last_log; fails with the build's output on error.
timed_build() {
  local log start end
  log=$(mktemp)
  start=$(now)
  if ! ./build.sh "$@" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "error: ./build.sh $* failed" >&2; exit 1
  fi
  end=$(now)
  last_log=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
  task=$(to_secs "$(awk '/^Total:/ { print $2 }' <<<"$last_log")")
  wall=$(secs "$start" "$end")
  rm -f "$log"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# CPU seconds a container has used so far (cgroup v1 or v2), or "n/a": unlike wall time, it does not grow
# when other work shares the machine's cores.
container_cpu() {
  local id v1 v2
  id=$(docker inspect -f '{{.Id}}' "$1")
  v1=/sys/fs/cgroup/cpuacct/docker/$id/cpuacct.usage
  v2=/sys/fs/cgroup/system.slice/docker-$id.scope/cpu.stat
  if [[ -r $v1 ]]; then awk '{ printf "%.2f", $1 / 1e9 }' "$v1"
  elif [[ -r $v2 ]]; then awk '/^usage_usec/ { printf "%.2f", $2 / 1e6 }' "$v2"
  else echo "n/a"; fi
}

# Asks the published management port for /health/ready once; 0 when it answers 200. Bash's own /dev/tcp, no
# curl: a curl per poll forks and loads TLS libraries (~13 ms CPU each), which at one poll per 10 ms took about
# half a core from the Caro it was timing on this 2-core machine (1.09 s median with curl, ~1.03 s without, same image).
probe_ready() {
  local fd status=""
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&"$fd" 2>/dev/null \
    && IFS= read -r -t 2 -u "$fd" status 2>/dev/null
  exec {fd}>&-
  [[ $status == HTTP/1.?' 200'* ]]
}
exec {nap_fd}<> <(:)  # `read -t` on a pipe nobody writes to: a sleep without starting a process

# Time from `docker run -d` to the first 200 from /health/ready on the published management port; sets
# ready_wall, ready_cpu, engine_wall (docker run until the engine reports the container started: the
# engine's own work, the same for any image) and caro_wall (from there until ready).
start_to_ready() {
  local image=$1 port start end started next_check
  port=$(( 20000 + RANDOM % 20000 ))
  start=$EPOCHREALTIME
  container=$(docker run -d -p "127.0.0.1:$port:9090" "$image")
  trap '' PIPE  # a probe that writes to a reset connection must not end the benchmark
  next_check=$(( ${start%.*} + 2 ))
  until probe_ready "$port"; do
    read -r -t 0.01 -u "$nap_fd" || true
    if (( ${EPOCHREALTIME%.*} >= next_check )); then
      next_check=$(( next_check + 2 ))
      if [[ $(docker inspect -f '{{.State.Running}}' "$container") != true ]]; then
        docker logs "$container" >&2; echo "error: the container stopped" >&2; exit 1
      fi
    fi
  done
  end=$EPOCHREALTIME
  trap - PIPE
  ready_cpu=$(container_cpu "$container")
  started=$(date -d "$(docker inspect -f '{{.State.StartedAt}}' "$container")" +%s.%N)
  docker rm -f "$container" >/dev/null; container=""
  ready_wall=$(secs "$start" "$end")
  engine_wall=$(secs "$start" "$started")
  caro_wall=$(secs "$started" "$end")
}

measure() {
  local label=$1; shift
  local extra=("$@")
  rm -rf .build/caro-publish .build/artifacts/caro
  local cold_publish cold_publish_task cold_image cold_image_task warm warm_task size ready spread
  wall="" task="" last_log=""
  timed_build --target=CaroPublish "${extra[@]}"; cold_publish=$wall; cold_publish_task=$task
  docker image inspect "$base" >/dev/null 2>&1 || timed_build --target=BaseImage --base-image="$base" "${extra[@]}"
  timed_build --target=CaroImage --base-image="$base" "${extra[@]}"; cold_image=$wall; cold_image_task=$task
  timed_build --target=CaroImage --base-image="$base" "${extra[@]}"; warm=$wall; warm_task=$task
  grep -q "is up to date" <<<"$last_log" || {
    echo "error: the warm run was not a no-op (did Caro's inputs change during the benchmark? e.g. an edit under caro/):" >&2
    echo "$last_log" >&2; exit 1; }
  size=$(docker image inspect -f '{{.Size}}' "$CARO_IMAGE")
  local times=() cpus=() engines=() caros=() cpu
  for _ in $(seq 1 "$runs"); do
    start_to_ready "$CARO_IMAGE"
    times+=("$ready_wall") cpus+=("$ready_cpu") engines+=("$engine_wall") caros+=("$caro_wall")
  done
  ready=$(printf '%s\n' "${times[@]}" | median)
  spread=$(printf '%s\n' "${times[@]}" | sort -n | tr '\n' ' ')
  cpu=$( [[ ${cpus[0]} == n/a ]] && echo n/a || printf '%s\n' "${cpus[@]}" | median)
  printf '%-22s %8s %8s\n' "[$label]" "wall" "task"
  printf '%-22s %7ss %7ss\n' "cold publish" "$cold_publish" "$cold_publish_task"
  printf '%-22s %7ss %7ss\n' "cold image build" "$cold_image" "$cold_image_task"
  printf '%-22s %7ss %7ss   (target <= 2 s)\n' "warm no-op" "$warm" "$warm_task"
  printf '%-22s %8s   (target <= 30 MB)\n' "image size" "$(awk -v s="$size" 'BEGIN { printf "%.1f MB", s / 1e6 }')"
  printf '%-22s %7ss   median of %s: %s(target <= 1 s)\n' "start to ready" "$ready" "$runs" "$spread"
  printf '%-22s %7ss   median, docker run until the engine reports the container started (any image)\n' "  engine start" "$(printf '%s\n' "${engines[@]}" | median)"
  printf '%-22s %7ss   median, from there until /health/ready answers 200\n' "  Caro start" "$(printf '%s\n' "${caros[@]}" | median)"
  printf '%-22s %7ss   median container CPU used until ready (wall time on an idle machine is close to it)\n' "CPU to ready" "$cpu"
  printf '%-22s %s   load average after the starts (2 cores: above ~1 the wall times are inflated)\n' "load" "$(cut -d' ' -f1-3 /proc/loadavg)"
  awk -v s="$size" -v r="$ready" -v c="$cpu" 'BEGIN {
    printf "%-22s image <= 30 MB: %s; ready <= 1 s: %s", "targets", (s <= 30e6 ? "met" : "MISSED"), (r <= 1 ? "met" : "MISSED")
    if (r > 1 && c != "n/a" && c <= 1) printf " (CPU to ready %.2f s <= 1 s: the machine is busy)", c
    printf "\n" }'
  echo
}

echo "bench/image.sh: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), docker $(docker version -f '{{.Server.Version}}'), $(date -u +%FT%TZ)"
./build.sh --help >/dev/null  # the build host compiled before anything is timed
echo
measure "default: R2R start-up"
if ((all)); then
  measure "--ready-to-run=full" --ready-to-run=full
  measure "--ready-to-run=none" --ready-to-run=none
  rm -rf .build/caro-publish .build/artifacts/caro  # leave no non-default publish behind
fi
