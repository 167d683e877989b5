#!/usr/bin/env bash
# Bootstrap: finds the .NET SDK, (re)builds the build host only when its sources changed, runs it with
# every argument and returns its exit code. The logic lives in build/ (C#, Cake); keep this file thin.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$root/.build/bin"
dll="$out/Build.dll"
stamp="$out/.sources-sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  if [[ -x "${DOTNET_ROOT:-$HOME/.dotnet}/dotnet" ]]; then
    export PATH="${DOTNET_ROOT:-$HOME/.dotnet}:$PATH"
  else
    sdk=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json" | head -n 1)
    echo "error: the .NET SDK was not found: install .NET SDK $sdk (https://dot.net/download, or: curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --version $sdk) and run ./build.sh again." >&2
    exit 127
  fi
fi

# What the build host is made of: every file under build/ (but bin/obj) and the shared settings, with
# their modification times. A change, an added or a deleted file means a rebuild.
sources() {
  cd "$root" &&
    find build \( -name bin -o -name obj \) -prune -o -type f -printf '%p %T@\n' &&
    find Directory.Build.props Directory.Packages.props global.json .config/dotnet-tools.json -printf '%p %T@\n'
}
current=$(sources | LC_ALL=C sort | cksum)

if [[ ! -f $dll || ! -f $stamp || "$(cat "$stamp")" != "$current" ]]; then
  mkdir -p "$out"
  # One build at a time (parallel ./build.sh calls share the output folder), and never incremental: a
  # concurrent build may have written outputs newer than a source edited meanwhile.
  exec 9>"$root/.build/build-host.lock"
  command -v flock >/dev/null 2>&1 && flock 9
  current=$(sources | LC_ALL=C sort | cksum)
  if [[ ! -f $dll || ! -f $stamp || "$(cat "$stamp")" != "$current" ]]; then
    echo "Building the build host (build/Build.csproj)..." >&2
    log="$root/.build/build-host.log"
    if ! dotnet build "$root/build/Build.csproj" -c Release -o "$out" --no-incremental --nologo -v quiet -clp:ErrorsOnly >"$log" 2>&1; then
      grep -E 'error|Error' "$log" | sort -u >&2 || cat "$log" >&2
      echo "error: the build host did not compile (full log: $log)." >&2
      exit 1
    fi
    printf '%s' "$current" >"$stamp"
  fi
  exec 9>&-
fi

exec dotnet "$dll" "$@"
