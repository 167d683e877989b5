namespace Rules.Tests;

/// <summary>A temporary folder for one test, with helpers to put executables in it; deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            "rules-tests-" + Guid.NewGuid().ToString("N")[..12]
        );
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Writes an executable shell script (a test double standing in for a tool) and returns its path.</summary>
    public string Script(string folder, string name, string body)
    {
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(
                path,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            );
        }
        return path;
    }

    /// <summary>Puts the real tool <paramref name="name"/> (found on the process PATH) into <paramref name="folder"/> as a link.</summary>
    public static string LinkRealTool(string folder, string name)
    {
        var real =
            Build.Tools.ExecutableSearch.OnPath(name, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new InvalidOperationException(
                $"{name} is not installed: .ci/run installs it (Debian package prometheus)."
            );
        var link = System.IO.Path.Combine(folder, name);
        File.CreateSymbolicLink(link, real);
        return link;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder.
        }
    }
}
