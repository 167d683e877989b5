using Build.Host;
using Build.Tasks.Caro;
using Cake.Core.IO;

namespace Build.Caro;

/// <summary>Where Caro's projects live and which configuration the Caro targets use.</summary>
[TaskArgument(
    CaroArguments.Configuration,
    "Build configuration.",
    Values = ["Debug", "Release"],
    Default = "Debug"
)]
public static class CaroProjects
{
    public static FilePath Service(BuildContext context) =>
        context.Paths.Caro.CombineWithFilePath("Caro/Caro.csproj");

    public static FilePath Tests(BuildContext context) =>
        context.Paths.Tests.CombineWithFilePath("Caro.Tests/Caro.Tests.csproj");

    public static string Configuration(BuildContext context)
    {
        var value = context.Args.Get(CaroArguments.Configuration) ?? "Debug";
        return
            value.Equals("Debug", StringComparison.OrdinalIgnoreCase)
            || value.Equals("Release", StringComparison.OrdinalIgnoreCase)
            ? value
            : throw new BuildException(
                $"--{CaroArguments.Configuration} must be Debug or Release (got '{value}')."
            );
    }
}
