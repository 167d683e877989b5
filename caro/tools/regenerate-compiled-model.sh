#!/usr/bin/env bash
# Regenerates Caro's compiled EF Core model (caro/Caro/Shared/Persistence/CompiledModel) after an
# entity or its configuration changed; tests/Caro.Tests (CompiledModelTests) fails until you do.
# Uses dotnet-ef 9 in a temporary tool path and a throwaway design-time project, so Caro itself
# needs no design-time package. The model is used only with the InMemory provider (see StorageSetup).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ef_version="$(grep -o 'Microsoft.EntityFrameworkCore.InMemory" Version="[^"]*' "$root/Directory.Packages.props" | sed 's/.*Version="//')"

dotnet tool install dotnet-ef --version "$ef_version" --tool-path "$work/tools" >/dev/null
mkdir -p "$work/startup"
cat > "$work/startup/DesignTime.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>
    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <FrameworkReference Include="Microsoft.AspNetCore.App" />
    <PackageReference Include="Microsoft.EntityFrameworkCore.Design" Version="$ef_version" />
    <ProjectReference Include="$root/caro/Caro/Caro.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$work/startup/Program.cs" <<'CS'
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

public sealed class Factory : IDesignTimeDbContextFactory<CaroDbContext>
{
    public CaroDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CaroDbContext>().UseInMemoryDatabase("design").Options);
}

public static class Program
{
    public static void Main() { }
}
CS
# Generated next to the old model (Caro must still compile meanwhile), then swapped in.
out="$root/caro/Caro/Shared/Persistence/CompiledModel"
"$work/tools/dotnet-ef" dbcontext optimize \
  --project "$root/caro/Caro/Caro.csproj" --startup-project "$work/startup/DesignTime.csproj" \
  --context CaroDbContext --output-dir "$work/model" \
  --namespace Caro.Shared.Persistence.CompiledModel
# The assembly attribute would make EF use this model for every provider; Caro opts in for InMemory only.
rm -f "$work/model/CaroDbContextAssemblyAttributes.cs"
rm -rf "$out"
mv "$work/model" "$out"
echo "Compiled model regenerated in $out"
