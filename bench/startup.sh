#!/usr/bin/env bash
# Startup benchmark of the build: warm `./build.sh --description` against
# `dotnet run --project build/Build.csproj -- --description`, side by side in one run.
# Prints the median of N runs each (default 7) and the ratio. Targets: build.sh <= 1.0 s and <= 0.5x dotnet run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
cd "$root"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
time_one() { # prints seconds taken by "$@" (output discarded)
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || { echo "benchmark command failed: $*" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }'
}

# Warm both paths once (first build of the host, first dotnet run build).
./build.sh --description >/dev/null
dotnet run --project build/Build.csproj -- --description >/dev/null 2>&1

sh_times=() run_times=()
for ((i = 0; i < runs; i++)); do # interleaved, so both see the same machine load
  sh_times+=("$(time_one ./build.sh --description)")
  run_times+=("$(time_one dotnet run --project build/Build.csproj -- --description)")
done
sh_median=$(printf '%s\n' "${sh_times[@]}" | median)
run_median=$(printf '%s\n' "${run_times[@]}" | median)
ratio=$(awk -v a="$sh_median" -v b="$run_median" 'BEGIN { printf "%.4f", a / b }')

printf '%-58s %8s\n' "command (median of $runs warm runs)" "seconds"
printf '%-58s %8.3f\n' "./build.sh --description" "$sh_median"
printf '%-58s %8.3f\n' "dotnet run --project build/Build.csproj -- --description" "$run_median"
printf '%-58s %8.2fx\n' "ratio build.sh / dotnet run (target <= 0.50x)" "$ratio"
awk -v s="$sh_median" -v r="$ratio" 'BEGIN { ok = (s <= 1.0 && r <= 0.5); print (ok ? "targets met" : "TARGETS MISSED"); exit !ok }'
