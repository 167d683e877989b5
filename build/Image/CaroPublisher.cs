using Build.Host;
using Build.Image.Startup;
using Cake.Common.Diagnostics;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.MSBuild;
using Cake.Common.Tools.DotNet.Publish;
using Cake.Core;

namespace Build.Image;

/// <summary>
/// Publishes Caro into <see cref="CaroPublishSettings.OutputDirectory"/>, unless nothing that goes into the
/// publish changed since the last one (Caro's sources, the shared props, the SDK pin and the publish settings).
/// </summary>
public sealed class CaroPublisher(BuildContext context, CaroPublishSettings settings)
{
    private readonly BuildPaths _paths = context.Paths;

    private string StampFile =>
        Path.Combine(CaroPublishSettings.WorkDirectory(_paths), "inputs.sha256");

    /// <summary>The hash of everything the publish reads.</summary>
    public string InputsHash()
    {
        var hash = new InputHash().AddDirectory(
            Path.GetDirectoryName(CaroPublishSettings.Project(_paths))!,
            "bin",
            "obj"
        );
        foreach (var shared in SharedInputs())
        {
            hash.AddFile(Path.GetRelativePath(_paths.Root.FullPath, shared), shared);
        }
        foreach (var (name, value) in settings.Properties(_paths))
        {
            hash.Add(name, value);
        }
        return hash.Add("runtime", CaroPublishSettings.Runtime).Finish();
    }

    /// <summary>Publishes when needed; returns false when the last publish is still current.</summary>
    public bool Publish()
    {
        var project = CaroPublishSettings.Project(_paths);
        if (!File.Exists(project))
        {
            throw new BuildException(
                $"Caro's project is missing ({Path.GetRelativePath(_paths.Root.FullPath, project)}): restore it from git."
            );
        }
        using var publishLock = PublishLock.Acquire(
            CaroPublishSettings.WorkDirectory(_paths),
            message => context.Information("{0}", message),
            context.CancellationToken
        );
        var inputs = InputsHash();
        var binary = CaroPublishSettings.Binary(_paths);
        if (File.Exists(binary) && File.Exists(StampFile) && File.ReadAllText(StampFile) == inputs)
        {
            context.Information(
                "Caro is already published for these inputs ({0}): nothing to do.",
                inputs[..12]
            );
            return false;
        }

        var output = CaroPublishSettings.OutputDirectory(_paths);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true); // no stale file may reach the image
        }
        Directory.CreateDirectory(Path.GetDirectoryName(StampFile)!);
        File.Delete(StampFile);
        context.Information(
            "Publishing Caro ({0}, self-contained, single file, trimmed, ReadyToRun: {1})...",
            CaroPublishSettings.Runtime,
            CaroPublishSettings.ModeNames[(int)settings.ReadyToRun]
        );
        try
        {
            if (settings.ReadyToRun == ReadyToRunMode.Startup)
            {
                RecordStartupProfile(project);
            }
            context.DotNetPublish(project, PublishSettings(settings, output, _paths));
        }
        catch (CakeException exception)
        {
            throw new BuildException(
                $"dotnet publish of Caro failed ({exception.Message}); the compiler errors are above.",
                exception
            );
        }
        if (!File.Exists(binary))
        {
            throw new BuildException(
                $"dotnet publish succeeded but {binary} is missing: is Caro's AssemblyName still '{CaroPublishSettings.BinaryName}'?"
            );
        }
        File.WriteAllText(StampFile, inputs);
        context.Information(
            "Published Caro: {0} ({1:0.0} MB).",
            Path.GetRelativePath(_paths.Root.FullPath, binary),
            new FileInfo(binary).Length / 1024.0 / 1024.0
        );
        return true;
    }

    private static DotNetPublishSettings PublishSettings(
        CaroPublishSettings settings,
        string output,
        BuildPaths paths
    )
    {
        var msbuild = new DotNetMSBuildSettings();
        foreach (var (name, value) in settings.Properties(paths))
        {
            msbuild.WithProperty(name, value);
        }
        return new DotNetPublishSettings
        {
            Configuration = "Release",
            Runtime = CaroPublishSettings.Runtime,
            SelfContained = true,
            OutputDirectory = output,
            NoLogo = true,
            Verbosity = DotNetVerbosity.Quiet,
            MSBuildSettings = msbuild,
        };
    }

    /// <summary>
    /// Publishes Caro without precompiled code, records the methods it compiles until it is ready and writes them
    /// as crossgen2's profile; the ReadyToRun publish that follows reuses the trimmed assemblies (same obj/).
    /// </summary>
    private void RecordStartupProfile(string project)
    {
        var directory = CaroPublishSettings.ProfilingDirectory(_paths);
        context.DotNetPublish(
            project,
            PublishSettings(settings with { ReadyToRun = ReadyToRunMode.None }, directory, _paths)
        );
        var names = StartupProfiler
            .RecordAsync(
                Path.Combine(directory, CaroPublishSettings.BinaryName),
                CaroPublishSettings.WorkDirectory(_paths),
                context.CancellationToken
            )
            .GetAwaiter()
            .GetResult();
        var trimmed = Directory
            .GetDirectories(
                Path.Combine(CaroPublishSettings.WorkDirectory(_paths), "obj"),
                "linked",
                SearchOption.AllDirectories
            )
            .Single();
        using var types = new TypeIndex(trimmed);
        var (methods, unresolved) = new MibcWriter(types).Write(
            names,
            CaroPublishSettings.StartupProfile(_paths)
        );
        context.Information(
            "Start-up profile: {0} methods compiled until ready; {1} precompiled ({2} names matched no method).",
            names.Count,
            methods,
            unresolved
        );
    }

    /// <summary>Files outside caro/Caro that change the publish: shared props, SDK pin, the trimming roots.</summary>
    private IEnumerable<string> SharedInputs()
    {
        var root = _paths.Root.FullPath;
        yield return Path.Combine(root, "Directory.Build.props");
        yield return Path.Combine(root, "Directory.Packages.props");
        yield return Path.Combine(root, "global.json");
        yield return CaroPublishSettings.TargetsFile(_paths);
        foreach (var file in Directory.EnumerateFiles(_paths.Caro.FullPath, "Directory.*").Order())
        {
            yield return file;
        }
    }
}
