using System.Diagnostics;

namespace Validate.Tests;

/// <summary>
/// Test double of the grafana/loki image (no registry here, so the real one cannot be pulled): a tiny image made
/// from the host's /bin/dash and libc, whose <c>/usr/bin/loki</c> script stands in for <c>loki -verify-config</c>.
/// It checks that the config file named by <c>-config.file=</c> is mounted, and rejects it when it contains
/// <c>DOUBLE_REJECT</c>. Validate's engine checker runs it exactly as it would run the real image.
/// </summary>
public sealed class EngineDouble : IDisposable
{
    private const string Script = """
        #!/bin/sh
        # Test double of `loki -verify-config` (Validate tests); not Loki.
        file=""
        verify=no
        for a in "$@"; do
          case "$a" in
            -config.file=*) file="${a#-config.file=}" ;;
            -verify-config) verify=yes ;;
          esac
        done
        [ "$verify" = yes ] || { echo "double: -verify-config missing from: $*"; exit 2; }
        [ -f "$file" ] || { echo "double: config file $file is not mounted"; exit 1; }
        while IFS= read -r line; do
          case "$line" in *DOUBLE_REJECT*) echo "double: $file rejected: $line"; exit 1 ;; esac
        done < "$file"
        echo "double: $file verified"
        """;

    private EngineDouble(string image) => Image = image;

    public string Image { get; }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static EngineDouble Build()
    {
        var docker = Run("docker", "info", "--format", "{{.ServerVersion}}");
        Assert.That(
            docker.ExitCode,
            Is.Zero,
            $"no Docker engine reachable (start dockerd): {docker.Output}"
        );
        var image = $"validate-double/loki:{Guid.NewGuid().ToString("N")[..10]}";
        var root = Path.Combine(
            Path.GetTempPath(),
            "validate-tests",
            "double-" + Guid.NewGuid().ToString("N")[..8]
        );
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "usr", "bin"));
            Directory.CreateDirectory(Path.Combine(root, "bin"));
            File.Copy("/bin/dash", Path.Combine(root, "bin", "sh"));
            foreach (var library in Libraries("/bin/dash"))
            {
                var target = Path.Combine(root, library.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(library, target, overwrite: true);
            }
            var script = Path.Combine(root, "usr", "bin", "loki");
            File.WriteAllText(script, Script.ReplaceLineEndings("\n") + "\n");
            File.SetUnixFileMode(
                script,
                UnixFileMode.UserRead
                    | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead
                    | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead
                    | UnixFileMode.OtherExecute
            );
            var tar = Path.Combine(Path.GetDirectoryName(root)!, Path.GetFileName(root) + ".tar");
            var packed = Run("tar", "-C", root, "-cf", tar, ".");
            Assert.That(packed.ExitCode, Is.Zero, packed.Output);
            var imported = Run(
                "docker",
                "import",
                "--change",
                "ENTRYPOINT [\"/usr/bin/loki\"]",
                tar,
                image
            );
            File.Delete(tar);
            Assert.That(imported.ExitCode, Is.Zero, imported.Output);
            return new EngineDouble(image);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public void Dispose() => Run("docker", "rmi", "-f", Image);

    private static IEnumerable<string> Libraries(string binary) =>
        Run("ldd", binary)
            .Output.Split('\n')
            .Select(l => l.Trim())
            .Select(l => l.Contains("=>", StringComparison.Ordinal) ? l.Split("=>")[1] : l)
            .Select(l => l.Trim().Split(' ')[0])
            .Where(p => p.StartsWith('/'));

    private static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
