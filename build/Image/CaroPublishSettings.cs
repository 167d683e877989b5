using Build.Host;

namespace Build.Image;

/// <summary>
/// How Caro is published for its container image, and where. Chosen by measurement of the real Caro (2 cores;
/// "CPU" = CPU seconds the container used until /health/ready answered 200, which machine load inflates far less
/// than wall time; "ready" = wall time from `docker run` to ready; bench/image.sh, whose --all prints these rows).
/// The three --ready-to-run modes side by side (trimmed, compressed single file on the 5.4 MB host base; median of
/// 5 starts each, one after the other; load average ~5 from other builds on the 2 cores, so "ready" is inflated):
/// <code>
/// --ready-to-run=  binary   image    CPU to ready  ready (load ~5)  precompiled
/// startup *        24.2 MB  29.7 MB  1.21 s        1.28 s           the ~17 000 methods run until ready (now ~12 000)
/// full             42.4 MB  47.8 MB  1.23 s        1.44 s           everything (one composite image)
/// none             21.7 MB  27.2 MB  3.73 s        3.24 s           nothing (all JIT)
/// </code>
/// Two more alternating pairs at load ~3.5: startup 1.22 / 1.27 s ready, 1.07 / 1.12 s CPU; full 1.43 / 1.46 s,
/// 1.29 / 1.25 s. Runtime knobs on the startup image at load ~2.6 (median of 5, CPU / ready): as is 1.08 / 1.28 s,
/// DOTNET_TieredPGO=0 1.09 / 1.27 s, DOTNET_TC_CallCountingDelayMs=1000 1.12 / 1.29 s: no gain, none is baked in.
/// An earlier run at load ~35 (median of 3) kept the order: CPU 1.13 / 1.48 / 5.27 s, ready 4.2 / 9.4 / 29 s;
/// bench/image.sh at load 13-28: startup 29.9 MB, CPU 0.96 s, ready 2.57 s. On an idle machine full was ready in
/// 0.80 s (CPU 0.68 s) and none in 1.56 s (1.79 s). bench/image.sh --runs=7 idle: startup 29.6 MB, ready 1.22 s,
/// CPU 1.02 s; after the start-up work Caro no longer does (issue 13, caro/README.md "Start-up path"): 29.0 MB,
/// ready 1.09 s (1.04-1.17), CPU 0.82 s, cold publish 117 s; with a benchmark poller that no longer takes half a core
/// (bench/image.sh --runs=9, idle, two runs): ready 0.83 s (0.68-1.13) and 0.92 s (0.79-1.00), CPU 0.66 / 0.79 s, cold
/// publish 103-113 s. Of the 0.92 s the Docker engine takes 0.34 s until the container is started (any image), Caro 0.59 s.
/// * The default is startup, the mode that meets both targets (image at most 30 MB; ready within 1 s, by a small margin):
/// trimming strips the framework's own precompiled code, so a trimmed Caro without ReadyToRun JITs ~17 000 methods
/// before it is ready (~1.8 CPU-s idle); full ReadyToRun puts code for every method back (twice the image), and
/// spends as much CPU as startup or more (it decompresses a bundle twice the size). startup runs the not
/// precompiled publish once until ready with the JIT's method list on (build/Image/Startup), and crossgen2
/// --partial precompiles exactly that list.
/// What startup still compiles at run time (~600 methods until ready): IL stubs (P/Invoke), lambda_method
/// (expression trees that EF Core and DI compile at run time), tier-1 recompiles of hot methods, methods using
/// 256-bit vectors, and generic instantiations the profile cannot name; the margin under 30 MB is ~1 MB, so a much
/// longer start-up path needs a new measurement.
/// The cold publish publishes twice (without, then with ReadyToRun; the trimmed assemblies are reused) and runs
/// Caro once: 117 s idle, 754 s at load ~30 (full took ~64 s idle).
/// Earlier measurements (idle, before the mode existed): trimmed uncompressed 35 MB binary / 2.3 s CPU; trimmed +
/// ReadyToRun uncompressed 83 MB / 0.55 s; not trimmed compressed 57 MB / 1.7 s; not trimmed uncompressed 111 MB /
/// 1.25 s; fully trimmed (nothing kept whole) 21 MB, works on InMemory.
/// Keeping EF Core, its providers and Caro whole costs 0.5 MB: full trimming broke a prototype with the same
/// packages (MissingMethodException in EF Core's change tracker, System.Text.Json losing record constructors)
/// and would leave the MySQL path (Pomelo, MySqlConnector), which no container test exercises, to chance.
/// NativeAOT was not tried: EF Core 9's NativeAOT support is experimental and rests on precompiled LINQ queries
/// (C# interceptors, relational providers), which neither the InMemory provider nor Pomelo offers, and this
/// machine has no clang (which NativeAOT links with).
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
