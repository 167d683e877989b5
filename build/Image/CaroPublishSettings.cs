using Build.Host;

namespace Build.Image;

/// <summary>
/// How Caro is published for its container image, and where. Chosen by measurement of the real Caro (2 cores;
/// "CPU" = CPU seconds the process used until /health/ready answered 200, which machine load does not inflate;
/// "ready" = wall time from `docker run` to ready, idle machine, median of 5, bench/image.sh):
/// <code>
/// variant (self-contained, single file)   binary  image    ready   CPU    RSS     API (member, deck, card, review)
/// trimmed + ReadyToRun, compressed *       42 MB   48 MB    0.80 s  0.68 s 104 MB  works (EndToEnd.Tests)
/// trimmed, compressed (--ready-to-run=false) 21 MB 27 MB    1.56 s  1.79 s 72 MB   works (EndToEnd.Tests)
/// trimmed, uncompressed                    35 MB   41 MB    -       2.3 s  73 MB   (ready)
/// trimmed + ReadyToRun, uncompressed       83 MB   89 MB    -       0.55 s 93 MB   (ready)
/// not trimmed, compressed                  57 MB   63 MB    -       1.7 s  157 MB  works
/// not trimmed, uncompressed                111 MB  116 MB   -       1.25 s 105 MB  (ready)
/// fully trimmed (nothing kept whole)       21 MB   27 MB    -       -      -       works (InMemory)
/// </code>
/// ("(ready)": only readiness checked.) No variant meets both the 30 MB image and the 1 s ready targets:
/// trimming strips the framework's precompiled code, so a trimmed Caro JITs for ~1.8 CPU-seconds at start;
/// ReadyToRun puts it back at twice the size. * The default is ReadyToRun: it meets the 1 s ready target (every
/// Up, restart and healthcheck waits on it), which weighs more than 20 MB of image; the cold publish costs ~64 s
/// instead of ~24 s (skipped when nothing changed). --ready-to-run=false gives the 27 MB image.
/// Keeping EF Core, its providers and Caro whole costs 0.5 MB: full trimming broke a prototype with the same
/// packages (MissingMethodException in EF Core's change tracker, System.Text.Json losing record constructors)
/// and would leave the MySQL path (Pomelo, MySqlConnector), which no container test exercises, to chance.
/// NativeAOT was not tried: EF Core 9's InMemory provider and Pomelo do not support it (EF Core's AOT support
/// needs compiled models and precompiled queries, still experimental in 9), and it needs clang.
/// </summary>
public sealed record CaroPublishSettings(ReadyToRunMode ReadyToRun)
{
    /// <summary>The measured default (see above).</summary>
    public const ReadyToRunMode DefaultReadyToRun = ReadyToRunMode.Startup;

    public const string Runtime = "linux-x64";

    /// <summary>The executable in the publish folder; the image runs it as <c>/app/Caro</c>.</summary>
    public const string BinaryName = "Caro";

    /// <summary>The values of <c>--ready-to-run=</c>, in the order of <see cref="ReadyToRunMode"/>.</summary>
    public static readonly string[] ModeNames = Enum.GetNames<ReadyToRunMode>()
        .Select(n => n.ToLowerInvariant())
        .ToArray();

    public static ReadyToRunMode ParseMode(string? value)
    {
        if (value is null)
        {
            return DefaultReadyToRun;
        }
        var index = Array.FindIndex(
            ModeNames,
            n => n.Equals(value, StringComparison.OrdinalIgnoreCase)
        );
        return index >= 0
            ? (ReadyToRunMode)index
            : throw new UsageException(
                $"--ready-to-run={value}: use {string.Join(", ", ModeNames)}."
            );
    }

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
            // Half the size; the CPU time to ready is the same within noise (measured above).
            new("EnableCompressionInSingleFile", "true"),
            new("DebugType", "none"),
            new("CustomAfterMicrosoftCommonTargets", TargetsFile(paths)),
            new("BaseIntermediateOutputPath", work + "/obj/"),
            new("BaseOutputPath", work + "/bin/"),
        };
        if (ReadyToRun != ReadyToRunMode.None)
        {
            // Precompiled code: a third of the start-up CPU (see above).
            list.Add(new("PublishReadyToRun", "true"));
        }
        if (ReadyToRun == ReadyToRunMode.Startup)
        {
            // Only the methods of the recorded start-up profile (CaroPublish.targets hands it to crossgen2).
            list.Add(new("PublishReadyToRunCrossgen2ExtraArgs", "--partial"));
            list.Add(new("CaroStartupProfile", StartupProfile(paths)));
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

    /// <summary>The start-up profile (.mibc) recorded for <see cref="ReadyToRunMode.Startup"/>.</summary>
    public static string StartupProfile(BuildPaths paths) =>
        Path.Combine(WorkDirectory(paths), "startup.mibc");

    /// <summary>Where the not precompiled Caro whose start-up is profiled is published.</summary>
    public static string ProfilingDirectory(BuildPaths paths) =>
        Path.Combine(WorkDirectory(paths), "profiling");
}

/// <summary>How much of Caro is precompiled (crossgen2 ReadyToRun); the rest is compiled by the JIT at run time.</summary>
public enum ReadyToRunMode
{
    /// <summary>The methods Caro runs from its start until it is ready, recorded by running it once (the default).</summary>
    Startup,

    /// <summary>Everything: fastest start, largest image.</summary>
    Full,

    /// <summary>Nothing: smallest image, everything is compiled at run time.</summary>
    None,
}
