using Build.Host;
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

    /// <summary>Debug or Release: the host refuses any other value before a task runs.</summary>
    public static string Configuration(BuildContext context) =>
        context.Args.Get(CaroArguments.Configuration) ?? "Debug";
}
