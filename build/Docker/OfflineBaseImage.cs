using System.Text.RegularExpressions;
using Build.Host;
using Build.Tools;

namespace Build.Docker;

/// <summary>
/// Builds a minimal base image with no registry: the shared libraries the given binaries need (from <c>ldd</c>,
/// copied from this machine), an <c>/etc/passwd</c> with non-root users and a world-writable <c>/tmp</c>, imported
/// with <c>docker import</c>. Application images then <c>COPY</c> a self-contained app onto it
/// (<c>DOCKER_BUILDKIT=0 docker build</c>). Used by the lifecycle tests and by the Caro image target.
/// </summary>
public sealed partial class OfflineBaseImage(DockerCli docker)
{
    /// <summary>Users every base image knows: root, distroless' nonroot (65532) and the Grafana-style app user (10001).</summary>
    public const string Passwd =
        "root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10001:app:/tmp:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";

    public const string Group = "root:x:0:\napp:x:10001:\nnonroot:x:65532:\n";

    /// <summary>
    /// Makes sure image <paramref name="tag"/> exists; when it does not, builds it from the libraries that
    /// <paramref name="binaries"/> link against, plus <paramref name="extraFiles"/> (e.g. libraries loaded with dlopen).
    /// Returns true when it built the image, false when it was already there.
    /// </summary>
    public async Task<bool> EnsureAsync(
        string tag,
        IEnumerable<string> binaries,
        IEnumerable<string>? extraFiles = null,
        CancellationToken cancellation = default
    )
    {
        if (await docker.ImageExistsAsync(tag, cancellation))
        {
            return false;
        }
        var root = Directory.CreateTempSubdirectory("offline-base-");
        try
        {
            var files = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var binary in binaries)
            {
                files.UnionWith(await LibrariesAsync(binary, cancellation));
            }
            files.UnionWith(extraFiles ?? []);
            foreach (var file in files)
            {
                var target = Path.Combine(root.FullName, file.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true); // follows symlinks, like cp -L
            }
            var etc = Directory.CreateDirectory(Path.Combine(root.FullName, "etc"));
            await File.WriteAllTextAsync(
                Path.Combine(etc.FullName, "passwd"),
                Passwd,
                cancellation
            );
            await File.WriteAllTextAsync(Path.Combine(etc.FullName, "group"), Group, cancellation);
            var tmp = Directory.CreateDirectory(Path.Combine(root.FullName, "tmp"));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tmp.FullName, (UnixFileMode)Convert.ToInt32("1777", 8));
            }

            var tarball = root.FullName + ".tar";
            var tar = await docker.Runner.RunAsync(
                new CommandSpec("tar", ["-C", root.FullName, "-cf", tarball, "."]),
                cancellation
            );
            if (!tar.Succeeded)
            {
                throw new BuildException($"Cannot pack the base image {tag}: {tar.LastLines()}");
            }
            try
            {
                var import = await docker.Runner.RunAsync(
                    docker.Command("import", tarball, tag),
                    cancellation
                );
                if (!import.Succeeded)
                {
                    throw new BuildException(
                        $"docker import of {tag} failed: {import.LastLines()}"
                    );
                }
            }
            finally
            {
                File.Delete(tarball);
            }
            return true;
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Absolute paths of the libraries (and the dynamic loader) <paramref name="binary"/> needs, from <c>ldd</c>.</summary>
    public async Task<IReadOnlyList<string>> LibrariesAsync(
        string binary,
        CancellationToken cancellation
    )
    {
        if (!File.Exists(binary))
        {
            throw new BuildException(
                $"Cannot build a base image for {binary}: the file does not exist (publish it first)."
            );
        }
        var ldd = await docker.Runner.RunAsync(new CommandSpec("ldd", [binary]), cancellation);
        if (
            ldd.StandardOutput.Contains("not a dynamic executable")
            || ldd.StandardError.Contains("not a dynamic executable")
        )
        {
            return [];
        }
        if (!ldd.Succeeded)
        {
            throw new BuildException($"ldd {binary} failed: {ldd.LastLines()}");
        }
        var missing = ldd
            .StandardOutput.Split('\n')
            .FirstOrDefault(l => l.Contains("=> not found"));
        if (missing is not null)
        {
            throw new BuildException(
                $"{binary} needs a library this machine lacks: {missing.Trim()}"
            );
        }
        return LibraryPattern()
            .Matches(ldd.StandardOutput)
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .ToArray();
    }

    [GeneratedRegex(@"(/[^\s]+) \(0x[0-9a-f]+\)")]
    private static partial Regex LibraryPattern();
}
