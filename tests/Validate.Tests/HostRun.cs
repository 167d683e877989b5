using System.Diagnostics;

namespace Validate.Tests;

/// <summary>The build host (Build.dll) run in a child process, as <c>./build.sh</c> runs it.</summary>
public static class HostRun
{
    /// <summary>Runs the host with <paramref name="args"/>, behind <paramref name="prefix"/> (e.g. setpriv) when given.</summary>
    public static (int ExitCode, string Output) Run(string[] prefix, params string[] args)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "Build.dll");
        Assert.That(
            File.Exists(dll),
            Is.True,
            $"{dll} missing: the test project references build/Build.csproj"
        );
        var info = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = StackCopy.RepositoryRoot,
        };
        foreach (var arg in prefix.Skip(1).Concat(prefix.Length > 0 ? ["dotnet"] : []))
        {
            info.ArgumentList.Add(arg);
        }
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the build host did not finish within 2 minutes");
        }
        var output = System.Text.RegularExpressions.Regex.Replace(
            stdout.Result + "\n" + stderr.Result,
            @"\x1b\[[0-9;]*m",
            ""
        );
        return (process.ExitCode, output);
    }
}
