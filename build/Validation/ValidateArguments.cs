namespace Build.Validation;

/// <summary>Arguments of the Validate target.</summary>
public static class ValidateArguments
{
    /// <summary><c>--layers=1-3</c>: which layers run (1 parse, 2 static, 3 cross-file, 4 real checkers).</summary>
    public const string Layers = "layers";

    /// <summary><c>--static-only</c>: same as <c>--layers=1-3</c> (fast, no external process).</summary>
    public const string StaticOnly = "static-only";

    /// <summary><c>--strict</c>: a checker that cannot run is an error (shared name, docs/contracts.md).</summary>
    public const string Strict = "strict";

    /// <summary><c>--checker-timeout=SECONDS</c>: upper bound for each real checker (default 60).</summary>
    public const string CheckerTimeout = "checker-timeout";

    /// <summary><c>--stack-dir=PATH</c>: validate another copy of the stack folder.</summary>
    public const string StackDir = "stack-dir";

    /// <summary><c>--offline</c>: never pull a missing engine image (its check is skipped, an error with --strict).</summary>
    public const string Offline = "offline";

    /// <summary><c>--loki=PATH</c>, <c>--mimir=PATH</c>, <c>--tempo=PATH</c>, <c>--alloy=PATH</c>: the engine binary to run natively (beats PATH and the image).</summary>
    public const string Loki = "loki";
    public const string Mimir = "mimir";
    public const string Tempo = "tempo";
    public const string Alloy = "alloy";

    public static readonly IReadOnlyList<string> Engines = [Loki, Mimir, Tempo, Alloy];

    /// <summary><c>--amtool=PATH</c>: the amtool binary (beats PATH and a pinned prom/alertmanager image).</summary>
    public const string Amtool = "amtool";

    /// <summary>Every argument that names a binary: the engines and amtool.</summary>
    public static readonly IReadOnlyList<string> ToolPaths = [.. Engines, Amtool];
}
