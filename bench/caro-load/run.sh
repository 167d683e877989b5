#!/usr/bin/env bash
# Builds Caro and the load generator (Release) and runs the benchmark; options are passed through
# (--seconds=8 --warmup=3 --connections=16 --rounds=2 --cards=300 --caro=PATH).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dotnet build "$root/caro/Caro/Caro.csproj" -c Release --nologo -v q >/dev/null
dotnet build "$root/bench/caro-load/AllocationHook/AllocationHook.csproj" -c Release --nologo -v q >/dev/null
dotnet build "$root/bench/caro-load/CaroLoad.csproj" -c Release --nologo -v q >/dev/null
exec dotnet "$root/bench/caro-load/bin/Release/net10.0/CaroLoad.dll" "$@"
