#!/usr/bin/env bash
# Readiness benchmark of the backends (issue 10): time from an engine's process start to HTTP 200 on its /ready,
# in one run and side by side, with stack/config as shipped and with its readiness settings removed (the keys
# below, which the configs mark "readiness:"), so that the ratio shows what they save.
# Target: each backend ready <= 5 s after its start with the shipped config (stretch 2 s). Exit 1 when missed.
#
# Usage: bench/stack-ready.sh [--engines-dir=DIR] [--runs=N] [--engines=loki,mimir,tempo]
#   --engines-dir=DIR  a folder with the loki, mimir and tempo binaries (default: $LGTM_ENGINES_DIR); they run
#                      natively on loopback, on a copy of stack/config with the container paths rewritten
#                      (docs/real-engines.md). Without it, the images pinned in stack/docker-compose.yaml
#                      (x-images, or their *_IMAGE variables) run through Docker; they must be present locally.
#   --runs=N           starts per engine and variant (default 3; the median is compared, every run is printed)
#   --engines=LIST     a subset of loki,mimir,tempo
# Each start gets an empty data directory and free loopback ports; everything it makes is removed at exit.
# Docker times include creating the container. On a busy machine the absolute figures drift; the ratio holds.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
compose="$root/stack/docker-compose.yaml"
# The readiness settings, removed for the "without" column (engine defaults: 15 s, 10 s, 3 s).
readiness_keys='min_ready_duration|scheduler_dns_lookup_period|dns_lookup_duration'
target=5 stretch=2 deadline=120
engines_dir="${LGTM_ENGINES_DIR:-}" runs=3 engines=(loki mimir tempo)
for arg in "$@"; do
  case "$arg" in
    --engines-dir=*) engines_dir="${arg#--engines-dir=}" ;;
    --runs=*) runs="${arg#--runs=}" ;;
    --engines=*) IFS=, read -r -a engines <<<"${arg#--engines=}" ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown argument '$arg' (valid: --engines-dir=DIR, --runs=N, --engines=loki,mimir,tempo)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "error: --runs takes a positive whole number, not '$runs'" >&2; exit 2; }
for e in "${engines[@]}"; do
  [[ "$e" =~ ^(loki|mimir|tempo)$ ]] || { echo "error: unknown engine '$e' in --engines (valid: loki, mimir, tempo)" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "error: curl is not installed (apt-get install curl)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "error: python3 is not installed (apt-get install python3), needed to find free ports" >&2; exit 1; }

# Facts read from the compose file, never repeated here: image pin, command flags, user, container HTTP port.
service_block() { awk -v s="  $1:" '$0 == s {on=1; next} on && /^  [^ ]/ {exit} on' "$compose"; }
image_of() {
  local line var default
  line=$(awk -v k="  $1:" 'index($0, k) == 1 && /-image/ {print; exit}' <(awk '/^x-images:/ {on=1; next} on && /^[^ ]/ {exit} on' "$compose"))
  var=$(sed -E 's/.*\$\{([A-Z_]+):-.*/\1/' <<<"$line")
  default=$(sed -E 's/.*:-([^}]+)\}.*/\1/' <<<"$line")
  [[ -n "$line" && -n "$default" ]] || { echo "error: no x-images pin for $1 in stack/docker-compose.yaml" >&2; exit 1; }
  echo "${!var:-$default}"
}
command_of() { service_block "$1" | awk '/^    command:/ {on=1; next} on && /^      - / {sub(/^      - /, ""); print; next} on {exit}'; }
user_of() { service_block "$1" | awk '/^    user:/ {gsub(/"/, "", $2); print $2; exit}'; }
http_port_of() { service_block "$1" | awk '/^    ports:/ {on=1; next} on && /^      - / {gsub(/["]/, ""); n = split($2, p, ":"); print p[n]; exit}'; }
data_path_of() { service_block "$1" | awk '/^      - \.\/data\// {n = split($2, p, ":"); print p[2]; exit}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

mode=""
if [[ -n "$engines_dir" ]]; then
  for e in "${engines[@]}"; do
    [[ -x "$engines_dir/$e" ]] || { echo "error: $engines_dir/$e is missing or not executable: --engines-dir (or LGTM_ENGINES_DIR) must name a folder with the loki, mimir and tempo binaries (docs/real-engines.md)" >&2; exit 1; }
  done
  mode=native
elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
  missing=()
  for e in "${engines[@]}"; do docker image inspect "$(image_of "$e")" >/dev/null 2>&1 || missing+=("$(image_of "$e")"); done
  ((${#missing[@]} == 0)) || { echo "error: no engines to run: the pinned images ${missing[*]} are not in Docker (load or pull them), and no --engines-dir=DIR (or LGTM_ENGINES_DIR) names a folder with the loki, mimir and tempo binaries" >&2; exit 1; }
  mode=docker
else
  echo "error: no engines to run: pass --engines-dir=DIR (or set LGTM_ENGINES_DIR) to a folder with the loki, mimir and tempo binaries (docs/real-engines.md), or start a Docker engine that has the images pinned in stack/docker-compose.yaml" >&2
  exit 1
fi

work="$(mktemp -d /tmp/bench-stack-ready-XXXXXX)"
chmod 755 "$work" # the images' users must reach the copies
pid="" container=""
stop() {
  if [[ -n "$pid" ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
  if [[ -n "$container" ]]; then docker rm -f "$container" >/dev/null 2>&1 || true; container=""; fi
}
cleanup() { stop; rm -rf "$work"; }
trap cleanup EXIT

# One start: prints the milliseconds from start to the first 200 on /ready (or exits 1 with the engine's log).
measure() {
  local engine=$1 variant=$2 run=$3 dir cfg data http flags=() start url log
  trap stop EXIT # runs in its own subshell: stop the engine however it ends
  dir="$work/$engine-$variant-$run" cfg="$dir/config" data="$dir/data"
  mkdir -p "$dir" "$data" && chmod 777 "$data"
  cp -r "$root/stack/config/$engine" "$cfg"
  if [[ $variant == without ]]; then
    find "$cfg" -name '*.yaml' -exec python3 -c "$strip_readiness" "$readiness_keys" {} +
  fi
  http=$(free_port) log="$dir/engine.log"
  mapfile -t flags < <(command_of "$engine")
  start=$(now_ms)
  if [[ $mode == native ]]; then
    local grpc member cpath="/etc/$engine" dpath
    dpath=$(data_path_of "$engine") grpc=$(free_port) member=$(free_port)
    # Container paths -> the copy and the empty data folder; host names and ports -> loopback.
    find "$cfg" -name '*.yaml' -exec sed -i -E "s#(^|[[:space:]:=\"'])$cpath#\1$cfg#g; s#(^|[[:space:]:=\"'])$dpath([/\"' ]|\$)#\1$data\2#g; s#0\.0\.0\.0:431([78])#127.0.0.1:0#g" {} +
    flags=("${flags[@]//$cpath/$cfg}")
    flags+=(-server.http-listen-port="$http" -server.grpc-listen-port="$grpc")
    # Tempo has no listen-address flags (it listens on every address).
    [[ $engine == tempo ]] || flags+=(-server.http-listen-address=127.0.0.1 -server.grpc-listen-address=127.0.0.1)
    case $engine in
      mimir) flags+=(-memberlist.bind-addr=127.0.0.1 -memberlist.bind-port="$member" -ruler.alertmanager-url="http://127.0.0.1:$http/alertmanager")
        for component in compactor.ring store-gateway.sharding-ring alertmanager.sharding-ring ruler.ring distributor.ring ingester.ring query-scheduler.ring query-frontend; do
          flags+=(-"$component".instance-addr=127.0.0.1)
        done ;;
      tempo) flags+=(-memberlist.bind-port="$member") ;;
    esac
    (cd "$dir" && set -a && . "$root/stack/config/storage/local.env" && set +a && exec "$engines_dir/$engine" "${flags[@]}") >"$log" 2>&1 &
    pid=$!
  else
    container="bench-ready-$$-$engine-$variant-$run"
    docker run -d --name "$container" --user "$(user_of "$engine")" --env-file "$root/stack/config/storage/local.env" \
      -v "$cfg:/etc/$engine:ro" -v "$data:$(data_path_of "$engine")" -p "127.0.0.1:$http:$(http_port_of "$engine")" \
      "$(image_of "$engine")" "${flags[@]}" >/dev/null
  fi
  url="http://127.0.0.1:$http/ready"
  while [[ "$(curl -s -o /dev/null -m 1 -w '%{http_code}' "$url" || true)" != 200 ]]; do
    if (($(now_ms) - start > deadline * 1000)) || { [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; }; then
      [[ -n $container ]] && docker logs "$container" >"$log" 2>&1
      tail -20 "$log" >&2
      echo "error: $engine ($variant readiness settings) was not ready within ${deadline} s: its log is above" >&2
      exit 1
    fi
    sleep 0.05
  done
  echo $(($(now_ms) - start))
  stop
}

# Removes the readiness keys, then every mapping left empty by that (an empty "frontend_worker:" is null,
# which Loki does not read as "defaults").
strip_readiness='
import re, sys
keys = re.compile(r"^\s*(" + sys.argv[1] + r"):")
header = re.compile(r"^(\s*)[A-Za-z0-9_.-]+:\s*(#.*)?$")
def indent(l): return len(l) - len(l.lstrip())
def content(l): return l.strip() and not l.strip().startswith("#")
for path in sys.argv[2:]:
    lines = [l for l in open(path) if not keys.match(l)]
    changed = True
    while changed:
        changed = False
        for i, l in enumerate(lines):
            if header.match(l):
                rest = [m for m in lines[i + 1:] if content(m)]
                if not rest or indent(rest[0]) <= indent(l):
                    del lines[i]; changed = True; break
    open(path, "w").writelines(lines)
'
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
echo "==> $mode engines ($(if [[ $mode == native ]]; then echo "$engines_dir"; else for e in "${engines[@]}"; do printf '%s ' "$(image_of "$e")"; done; fi)), $runs run(s) each"
results=()
for engine in "${engines[@]}"; do
  declare -A times=()
  for variant in shipped without; do
    list=()
    for ((run = 1; run <= runs; run++)); do list+=("$(measure "$engine" "$variant" "$run")"); done
    times[$variant]="${list[*]}"
    printf '    %-5s %-8s %s ms\n' "$engine" "$variant" "${list[*]}"
  done
  results+=("$engine $(tr ' ' '\n' <<<"${times[shipped]}" | median) $(tr ' ' '\n' <<<"${times[without]}" | median)")
  unset times
done

printf '%s\n' "${results[@]}" | awk -v t="$target" -v st="$stretch" -v n="$runs" 'BEGIN {
  printf "%-6s %12s %14s %8s   target <= %d s (stretch %d s), median of %d\n", "engine", "shipped", "without", "ratio", t, st, n
  ok = 1
}
{
  s = $2 / 1000; w = $3 / 1000
  verdict = (s <= st) ? "PASS (stretch)" : (s <= t) ? "PASS" : "FAIL"
  if (s > t) ok = 0
  printf "%-6s %10.1f s %12.1f s %7.1fx   %s\n", $1, s, w, (s > 0) ? w / s : 0, verdict
}
END { print ok ? "PASS" : "FAIL"; exit ok ? 0 : 1 }'
