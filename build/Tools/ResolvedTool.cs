namespace Build.Tools;

/// <summary>Where a tool was found.</summary>
public enum ToolSource
{
    /// <summary>The <c>--name=PATH</c> argument (e.g. <c>--promtool=PATH</c>, <c>--loki=PATH</c>).</summary>
    Explicit,

    /// <summary>The binary on PATH.</summary>
    Path,

    /// <summary>The pinned image, run through the Docker CLI.</summary>
    Docker,
}

/// <summary>A tool ready to run: <see cref="Executable"/> followed by <see cref="PrefixArguments"/>, then the tool's own arguments.</summary>
public sealed record ResolvedTool(
    ExternalTool Tool,
    ToolSource Source,
    string Executable,
    IReadOnlyList<string> PrefixArguments
)
{
    public bool IsNative => Source != ToolSource.Docker;

    public IReadOnlyList<string> Arguments(params string[] toolArguments) =>
        [.. PrefixArguments, .. toolArguments];

    public string Describe() =>
        Source switch
        {
            ToolSource.Explicit => $"{Tool.Name} {Executable} (--{Tool.ArgumentName})",
            ToolSource.Path => $"{Tool.Name} {Executable} (PATH)",
            _ => $"{Tool.Name} from {Tool.Image} (Docker)",
        };
}

/// <summary>The outcome of looking for a tool: found (<see cref="Tool"/>) or not (<see cref="Reason"/>).</summary>
public sealed record ToolResolution(ExternalTool Wanted, ResolvedTool? Tool, string? Reason)
{
    public bool Found => Tool is not null;

    /// <summary>One line for the user: why the tool is missing and how to get it.</summary>
    public string MissingMessage => $"{Wanted.Name} not found ({Reason}): {Wanted.InstallHint}.";
}
