using Build.Host;

namespace Build.Image;

/// <summary>
/// How Caro is published for its container image, and where. Chosen by measurement (Caro at 2026-11-26, 2 shared
/// cores; CPU seconds the process used until /health/ready answered 200, which load does not inflate):
/// <code>
/// variant (self-contained, single file)   binary   CPU to ready   RSS     publish   API (member, deck, card, review)
/// trimmed, EF Core whole, compressed *     21 MB    2.2 s          77 MB   ~1-2 min  works
/// trimmed, EF Core whole                   35 MB    2.3 s          73 MB   ~1 min    (ready)
/// trimmed + ReadyToRun, compressed         42 MB    0.85 s         107 MB  ~6 min    works
/// trimmed + ReadyToRun                     83 MB    0.55 s         93 MB   ~5 min    (ready)
/// not trimmed, compressed                  57 MB    1.7 s          157 MB  ~1 min    works
/// not trimmed                              111 MB   1.25 s         105 MB  ~0.5 min  (ready)
/// fully trimmed (nothing kept whole)       21 MB    -              -       ~2 min    works (InMemory)
/// </code>
/// ("(ready)": only readiness checked.) Keeping EF Core, its providers and Caro whole costs 0.5 MB: full
/// trimming broke a prototype with the same packages (MissingMethodException in EF Core's change tracker,
/// System.Text.Json losing record constructors) and would leave the MySQL path (Pomelo, MySqlConnector), which
/// no container test exercises, to chance.
/// * the default: the only one under the 30 MB image target (27 MB with the 5 MB offline base); the start-up
/// CPU is JIT work that trimming makes necessary (trimmed assemblies lose their precompiled code). --ready-to-run
/// buys a sub-second start with an image about twice as large and a publish five times slower.
/// NativeAOT was not tried: EF Core 9's InMemory provider and Pomelo do not support it (EF Core's AOT support
/// needs compiled models and precompiled queries, still experimental in 9), and it needs clang.
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
            // 21 MB instead of 35 MB; the CPU time to ready is the same within noise (measured above).
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

    /// <summary>What Caro's image is made from, relative to the repository root (for its git revision label).</summary>
    public static readonly IReadOnlyList<string> SourcePaths =
    [
        "caro",
        "Directory.Build.props",
        "Directory.Packages.props",
        "global.json",
        "build/Image/CaroPublish.targets",
    ];

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
