#!/usr/bin/env pwsh
# Bootstrap (PowerShell twin of build.sh): finds the .NET SDK, (re)builds the build host only when its
# sources changed, runs it with every argument and returns its exit code. Keep this file thin.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
$out = Join-Path $root '.build/bin'
$dll = Join-Path $out 'Build.dll'
$stamp = Join-Path $out '.sources-ps1'

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
if (-not $dotnet) {
    $dotnetRoot = if ($env:DOTNET_ROOT) { $env:DOTNET_ROOT } else { Join-Path $HOME '.dotnet' }
    $candidate = Join-Path $dotnetRoot ($IsWindows ? 'dotnet.exe' : 'dotnet')
    if (Test-Path $candidate) {
        $env:PATH = "$dotnetRoot$([IO.Path]::PathSeparator)$env:PATH"
    }
    else {
        $sdk = (Get-Content (Join-Path $root 'global.json') -Raw | ConvertFrom-Json).sdk.version
        [Console]::Error.WriteLine("error: the .NET SDK was not found: install .NET SDK $sdk (https://dot.net/download, or: ./dotnet-install.ps1 -Version $sdk) and run ./build.ps1 again.")
        exit 127
    }
}

# What the build host is made of: every file under build/ (but bin/obj) and the shared settings, with
# their modification times. A change, an added or a deleted file means a rebuild.
$files = @(Get-ChildItem -Path (Join-Path $root 'build') -Recurse -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
$files += @('Directory.Build.props', 'Directory.Packages.props', 'global.json', '.config/dotnet-tools.json' |
        ForEach-Object { Get-Item (Join-Path $root $_) })
$listing = ($files | Sort-Object FullName | ForEach-Object { "$($_.FullName) $($_.LastWriteTimeUtc.Ticks)" }) -join "`n"
$current = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($listing)))

function Test-Stale { -not (Test-Path $dll) -or -not (Test-Path $stamp) -or (Get-Content $stamp -Raw) -ne $current }

if (Test-Stale) {
    New-Item -ItemType Directory -Force -Path $out | Out-Null
    # One build at a time (parallel calls share the output folder): an exclusive handle on a lock file.
    $lockPath = Join-Path $root '.build/build-host.lock'
    $lock = $null
    while (-not $lock) {
        try { $lock = [IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
        catch [IO.IOException] { Start-Sleep -Milliseconds 200 }
    }
    try {
        if (Test-Stale) {
            [Console]::Error.WriteLine('Building the build host (build/Build.csproj)...')
            $log = Join-Path $root '.build/build-host.log'
            # Never incremental: a concurrent build may have written outputs newer than a source edited meanwhile.
            & dotnet build (Join-Path $root 'build/Build.csproj') -c Release -o $out --no-incremental --nologo -v quiet -clp:ErrorsOnly *> $log
            if ($LASTEXITCODE -ne 0) {
                Get-Content $log | Where-Object { $_ -match 'error' } | Sort-Object -Unique | ForEach-Object { [Console]::Error.WriteLine($_) }
                [Console]::Error.WriteLine("error: the build host did not compile (full log: $log).")
                exit 1
            }
            Set-Content -Path $stamp -Value $current -NoNewline
        }
    }
    finally { $lock.Dispose() }
}

& dotnet $dll @args
exit $LASTEXITCODE
