namespace Validate.Tests;

/// <summary>
/// The Validate target on a stack folder that is missing, has no compose file, or holds engine data a normal
/// user may not read (issue 11): one clear line, or a pass, never an exception.
/// </summary>
[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StackFolderTaskTests
{
    [Test]
    public void A_missing_stack_dir_is_one_usage_line()
    {
        var (exitCode, output) = HostRun.Run([], "--target=Validate", "--stack-dir=/nonexistent");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(
            Lines(output).Where(l => l.Contains("/nonexistent", StringComparison.Ordinal)),
            Is.EqualTo(
                new[]
                {
                    "Error: --stack-dir=/nonexistent: the folder does not exist; point it at a folder holding docker-compose.yaml.",
                }
            ),
            output
        );
        Assert.That(output, Does.Not.Contain("run from the repository root"));
        Assert.That(output, Does.Not.Contain("error:"), "no findings, just the one line");
    }

    [Test]
    public void A_stack_dir_without_compose_file_is_one_usage_line()
    {
        using var stack = StackCopy.Create();
        var folder = Path.Combine(stack.Root, "stack");
        File.Delete(Path.Combine(folder, "docker-compose.yaml"));

        var (exitCode, output) = HostRun.Run([], "--target=Validate", $"--stack-dir={folder}");

        Assert.That(exitCode, Is.EqualTo(2), output);
        Assert.That(
            Lines(output).Where(l => l.Contains(folder, StringComparison.Ordinal)),
            Is.EqualTo(
                new[]
                {
                    $"Error: --stack-dir={folder}: no docker-compose.yaml in that folder; point it at the stack folder (the one holding docker-compose.yaml).",
                }
            ),
            output
        );
        Assert.That(output, Does.Not.Contain("error:"), "no findings, just the one line");
    }

    [Test]
    public void A_stack_without_compose_file_is_one_finding_in_the_engine()
    {
        using var stack = StackCopy.Create();
        File.Delete(Path.Combine(stack.Root, "stack", "docker-compose.yaml"));

        var report = stack.Validate("1-4");

        Assert.That(
            report.Lines(),
            Is.EqualTo(
                new[]
                {
                    $"stack:1:1: error: no docker-compose.yaml in the stack folder {Path.Combine(stack.Root, "stack")}: is it the stack folder?",
                }
            )
        );
    }

    /// <summary>
    /// The engines' data folders belong to their image users (10001, 65532, 472): a normal user cannot list
    /// them. Run as such a user (nobody, through setpriv when the tests run as root), Validate must pass.
    /// </summary>
    [Test]
    public void An_unreadable_folder_under_data_does_not_fail_Validate_for_a_normal_user()
    {
        var asRoot = Environment.UserName == "root";
        if (asRoot && !File.Exists("/usr/bin/setpriv"))
        {
            Assert.Ignore(
                "running as root without setpriv (util-linux): cannot run Validate as a normal user"
            );
        }
        using var stack = StackCopy.Create();
        var data = Path.Combine(stack.Root, "stack", "data", "mimir");
        Directory.CreateDirectory(Path.Combine(data, "tsdb"));
        File.SetUnixFileMode(data, UnixFileMode.None);
        try
        {
            string[] prefix = asRoot
                ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                : [];

            var (exitCode, output) = HostRun.Run(
                prefix,
                "--target=Validate",
                "--static-only",
                $"--stack-dir={Path.Combine(stack.Root, "stack")}"
            );

            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output, Does.Contain("Validate: 0 errors, 0 warnings"));
            Assert.That(output, Does.Not.Contain("data/"));
        }
        finally
        {
            File.SetUnixFileMode(
                data,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            );
        }
    }

    private static IEnumerable<string> Lines(string output) =>
        output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
}
