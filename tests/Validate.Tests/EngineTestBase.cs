using Build.Tools;
using Build.Validation;

namespace Validate.Tests;

/// <summary>A temporary folder for engine doubles and their call log, and layer 4 run with a chosen PATH.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public abstract class EngineTestBase
{
    protected string Temp { get; private set; } = "";

    protected string Log => Path.Combine(Temp, "calls.log");

    [SetUp]
    public void SetUp()
    {
        Temp = Path.Combine(
            Path.GetTempPath(),
            "validate-engines-" + Guid.NewGuid().ToString("N")[..10]
        );
        Directory.CreateDirectory(Temp);
        DockerProbe.ForgetAnswers();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(Temp, recursive: true);

    protected string[] Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    protected string Folder(string name) =>
        Directory.CreateDirectory(Path.Combine(Temp, name)).FullName;

    protected string Script(string folder, string name, string body)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n") + "\n");
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }

    protected static ValidationReport Layer4(
        StackCopy stack,
        string path,
        Dictionary<string, string>? engines = null,
        bool strict = false,
        bool offline = false
    ) =>
        stack.Validate(
            "1,4",
            o =>
                o with
                {
                    PathVariable = path,
                    EnginePaths = engines ?? [],
                    Strict = strict,
                    Offline = offline,
                }
        );

    protected static string Text(ValidationReport report) => string.Join("\n", report.Lines());
}
