using Build.Host;

namespace Build.Image;

/// <summary>
/// How Caro is published for its container image, and where. Chosen by measurement (bench/image.sh, the
/// figures are in the commit notes): self-contained, single file, trimmed with EF Core and its providers kept
/// whole (CaroPublish.targets), reflection-based JSON kept on, compressed. NativeAOT is not an option: EF Core 9's
/// InMemory provider and Pomelo do not support it, and full trimming already breaks EF Core at run time.
/// </summary>
public sealed record CaroPublishSettings(bool ReadyToRun)
{
    public const string Runtime = "linux-x64";

    /// <summary>The executable in the publish folder; the image runs it as <c>/app/Caro</c>.</summary>
    public const string BinaryName = "Caro";

    /// <summary>
    /// MSBuild properties of the publish. <paramref name="paths"/> places obj/ and bin/ under .build/ so this
    /// Release linux-x64 build never touches the obj/ folder of the developer's (Debug) Caro builds.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties(BuildPaths paths)
    {
        var work = WorkDirectory(paths);
        var list = new List<KeyValuePair<string, string>>
        {
            new("PublishSingleFile", "true"),
            new("PublishTrimmed", "true"),
            // The trimmer would otherwise turn off reflection-based System.Text.Json, which Caro's minimal APIs use.
            new("JsonSerializerIsReflectionEnabledByDefault", "true"),
            // Halves the binary (≈ 19 MB instead of ≈ 32 MB); the CPU time to ready is the same within noise.
            new("EnableCompressionInSingleFile", "true"),
            new("DebugType", "none"),
            new("CustomAfterMicrosoftCommonTargets", TargetsFile(paths)),
            new("BaseIntermediateOutputPath", work + "/obj/"),
            new("BaseOutputPath", work + "/bin/"),
        };
        if (ReadyToRun)
        {
            // Precompiled code: about a third of the start-up CPU, but an image more than twice as large.
            list.Add(new("PublishReadyToRun", "true"));
        }
        return list;
    }

    public static string Project(BuildPaths paths) =>
        paths.Caro.CombineWithFilePath("Caro/Caro.csproj").FullPath;

    /// <summary>The publish output: the Docker build context of the image.</summary>
    public static string OutputDirectory(BuildPaths paths) =>
        paths.Artifacts.Combine("caro").FullPath;

    public static string Binary(BuildPaths paths) =>
        Path.Combine(OutputDirectory(paths), BinaryName);

    /// <summary>obj/, bin/ and the input stamp of the publish.</summary>
    public static string WorkDirectory(BuildPaths paths) =>
        paths.Output.Combine("caro-publish").FullPath;

    public static string TargetsFile(BuildPaths paths) =>
        paths.Build.CombineWithFilePath("Image/CaroPublish.targets").FullPath;
}
