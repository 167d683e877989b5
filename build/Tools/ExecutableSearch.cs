namespace Build.Tools;

/// <summary>
/// Finds executables the way a shell does: an explicit file, or the first match on PATH (split on the
/// platform's separator; on Windows also each PATHEXT extension, <c>.exe</c> first by default).
/// </summary>
public static class ExecutableSearch
{
    public static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }
        if (OperatingSystem.IsWindows())
        {
            return true;
        }
        const UnixFileMode anyExecute =
            UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>The first executable called <paramref name="name"/> on the process's PATH.</summary>
    public static string? OnPath(string name) =>
        OnPath(name, Environment.GetEnvironmentVariable("PATH"));

    /// <summary>
    /// The first executable called <paramref name="name"/> in the folders of <paramref name="pathVariable"/>; a name
    /// with a folder in it is that file (with PATHEXT's extensions on Windows) when it is executable.
    /// </summary>
    public static string? OnPath(string name, string? pathVariable)
    {
        if (Path.GetFileName(name) != name)
        {
            return Candidates(name).FirstOrDefault(IsExecutable) is { } file
                ? Path.GetFullPath(file)
                : null;
        }
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }
        var names = Candidates(name).ToList();
        foreach (
            var folder in pathVariable.Split(
                Path.PathSeparator,
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
        )
        {
            foreach (var candidate in names.Select(n => Path.Combine(folder.Trim('"'), n)))
            {
                if (IsExecutable(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }
        return null;
    }

    /// <summary>File names to try: the name, and on Windows the name with each PATHEXT extension first.</summary>
    private static IEnumerable<string> Candidates(string name)
    {
        if (!OperatingSystem.IsWindows())
        {
            return [name];
        }
        var extensions = (Environment.GetEnvironmentVariable("PATHEXT") ?? ".COM;.EXE;.BAT;.CMD")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.ToLowerInvariant())
            .OrderBy(e => e == ".exe" ? 0 : 1);
        return Path.HasExtension(name)
            ? [name, .. extensions.Select(e => name + e)]
            : [.. extensions.Select(e => name + e), name];
    }
}
