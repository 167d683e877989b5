#!/usr/bin/env bash
# Readiness benchmark of WaitHealthy, with a real container (the lifecycle tests' TestServer, built offline) that
# becomes ready at a known moment (at start it writes that moment, in Unix ms, to a bind-mounted file). In one run:
#   - WaitHealthy (Polly, from the host): ready moment -> the build printing "web: ready in ..."
#   - Docker's own healthcheck with the interval of stack/docker-compose.yaml's caro-demo service:
#     ready moment -> end of the first passing check (State.Health.Log, the engine's own timestamp)
#   - a no-op second Up on the running stack (./build.sh wall clock, and the build's own "Up: done in")
# Targets: WaitHealthy lag <= 0.5 s and >= 4x faster than the Docker healthcheck. Exit 1 when a target is missed.
# The readiness part runs R times (Up, measure, Down; default 3) and reports each run, the median and the worst.
# Needs a running Docker engine, docker-compose or docker compose, the .NET SDK.
# Usage: bench/health.sh [ready-after-ms] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ready_after="${1:-4000}"
runs="${2:-3}"
# The interval the real stack uses (caro-demo's healthcheck), read from the compose file.
interval=$(awk '/^  caro-demo:/ {svc=1} svc && /interval:/ {print $2; exit}' "$root/stack/docker-compose.yaml")
[[ -n $interval ]] || { echo "error: no healthcheck interval for caro-demo in stack/docker-compose.yaml" >&2; exit 1; }
project="benchhealth$$"
work="$(mktemp -d /tmp/bench-health-XXXXXX)"
base_image="bench-health-base:$$"
image="bench-health-server:$$"
cd "$root"

cleanup() {
  ./build.sh --target=Down --project-name="$project" --exclusive >/dev/null 2>&1 || true
  docker rmi --force "$image" "$base_image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker info >/dev/null 2>&1 || { echo "error: the Docker engine is not reachable: start Docker (dockerd &) and run bench/health.sh again." >&2; exit 1; }

echo "==> image: publish the test server, base from this machine's libraries (ldd + docker import), docker build"
dotnet publish tests/Lifecycle.Tests/TestServer/TestServer.csproj -c Release -o "$work/pub" --nologo -v q >/dev/null
mkdir -p "$work/base/etc" "$work/base/tmp" "$work/img"
chmod 1777 "$work/base/tmp"
for lib in $(ldd "$work/pub/TestServer" | grep -o '/[^ ]*'); do cp -L --parents "$lib" "$work/base"; done
printf 'root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/tmp:/sbin/nologin\n' >"$work/base/etc/passwd"
tar -C "$work/base" -c . | docker import - "$base_image" >/dev/null
cp "$work/pub/TestServer" "$work/img/"
printf 'FROM %s\nCOPY TestServer /app/TestServer\nUSER 10001:10001\nENTRYPOINT ["/app/TestServer"]\n' "$base_image" >"$work/img/Dockerfile"
DOCKER_BUILDKIT=0 docker build -q -t "$image" "$work/img" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/stack/signal" && chmod 777 "$work/stack/signal"
cat >"$work/stack/docker-compose.yaml" <<YAML
services:
  web:
    image: $image
    environment:
      PORT: "8080"
      READY_AFTER_MS: "$ready_after"
      READY_FILE: /signal/ready
    labels:
      org.lgtm.readiness.port: "8080"
      org.lgtm.readiness.path: /ready
    volumes:
      - ./signal:/signal
    ports:
      - "127.0.0.1:$port:8080"
    healthcheck:
      test: ["CMD", "/app/TestServer", "healthcheck"]
      interval: $interval
      timeout: 5s
      retries: 30
YAML
printf 'variables: []\n' >"$work/stack/env.yaml"
up=(./build.sh --target=Up --exclusive --secrets=local --env=dev --project-name="$project" --compose-file="$work/stack/docker-compose.yaml")

./build.sh --description >/dev/null # the build host is compiled before anything is timed
down=(./build.sh --target=Down --exclusive --project-name="$project")
poll_lags=() docker_lags=()
for ((run = 1; run <= runs; run++)); do
  echo "==> run $run/$runs: Up (container ready ${ready_after} ms after start; Docker healthcheck interval ${interval})"
  rm -f "$work/stack/signal/ready"
  # Every line of the build gets the time it was printed (ms); plain output, since stdout is a pipe.
  "${up[@]}" 2>&1 | while IFS= read -r line; do printf '%s %s\n' "$(date +%s%3N)" "$line"; done >"$work/up.log" || true
  grep -q 'web: ready in' "$work/up.log" || { cat "$work/up.log" >&2; echo "error: Up did not report web ready" >&2; exit 1; }
  reported=$(grep 'web: ready in' "$work/up.log" | head -1 | cut -d' ' -f1)
  ready=$(cat "$work/stack/signal/ready") # written by the server at start: start + READY_AFTER_MS

  container=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=web")
  for _ in $(seq 1 300); do # wait for Docker's verdict (first check runs one interval after start)
    [[ "$(docker inspect -f '{{.State.Health.Status}}' "$container")" == healthy ]] && break
    sleep 0.1
  done
  docker_healthy=$(docker inspect -f '{{range .State.Health.Log}}{{if eq .ExitCode 0}}{{.End.UnixMilli}} {{end}}{{end}}' "$container" | awk '{print $1}')
  [[ -n "$docker_healthy" ]] || { echo "error: Docker never reported the container healthy" >&2; exit 1; }
  poll_lags+=($((reported - ready)))
  docker_lags+=($((docker_healthy - ready)))
  printf '    WaitHealthy %5d ms, Docker healthcheck %5d ms after ready\n' "${poll_lags[-1]}" "${docker_lags[-1]}"
  ((run == runs)) || "${down[@]}" >/dev/null
done

echo "==> second Up on the running stack (no-op)"
./build.sh --description >/dev/null # rebuild the host now if someone changed build/ meanwhile
start=$(date +%s%3N)
"${up[@]}" >"$work/up2.log" 2>&1 || { cat "$work/up2.log" >&2; exit 1; }
second_wall=$(($(date +%s%3N) - start))
second_inner=$(grep -o 'Up: done in [0-9.]* s' "$work/up2.log" | grep -o '[0-9.]*' || echo "?")

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
poll_median=$(printf '%s\n' "${poll_lags[@]}" | median)
poll_worst=$(printf '%s\n' "${poll_lags[@]}" | sort -n | tail -1)
docker_median=$(printf '%s\n' "${docker_lags[@]}" | median)
awk -v p="$poll_median" -v pw="$poll_worst" -v d="$docker_median" -v w="$second_wall" -v i="$second_inner" -v n="$runs" 'BEGIN {
  ratio = (p > 0) ? d / p : d
  printf "WaitHealthy (Polly, host)     : %6d ms after ready (median of %d, worst %d ms)\n", p, n, pw
  printf "Docker healthcheck (interval) : %6d ms after ready (median of %d)\n", d, n
  printf "WaitHealthy is %.1fx faster (target >= 4x); lag target <= 500 ms (worst run)\n", ratio
  printf "No-op second Up               : %6d ms wall clock (./build.sh), %s s inside the build\n", w, i
  ok = (pw <= 500 && ratio >= 4)
  printf "%s\n", ok ? "PASS" : "FAIL"
  exit ok ? 0 : 1
}'
