using System.Diagnostics;
using System.Text.RegularExpressions;
using Build.Docker;
using Build.Host;
using Build.Tools;

namespace Build.Image;

/// <summary>What to build: the publish folder (context), the Dockerfile, the base, the tags and the labels.</summary>
public sealed record CaroImageRequest(
    string ContextDirectory,
    string Dockerfile,
    ImageReference? BaseImage,
    ImageReference LocalImage,
    ImageLabels Labels
);

/// <summary>What happened: the content-addressed tag, whether it was built, its size.</summary>
public sealed record CaroImageResult(
    ImageReference Image,
    bool Built,
    long SizeBytes,
    TimeSpan Elapsed
);

/// <summary>
/// Builds Caro's image with the docker CLI: tags <c>&lt;repository&gt;:&lt;content hash&gt;</c> and the local tag
/// (<c>caro-demo:local</c>). The hash covers the publish output, the Dockerfile, the base image's id and the
/// labels; when an image with that hash exists, nothing is built. Uses BuildKit when buildx is installed (or
/// <c>DOCKER_BUILDKIT=1</c> is set) and the legacy builder otherwise.
/// </summary>
public sealed partial class CaroImageBuilder(
    DockerCli docker,
    Action<string> info,
    Action<string> verbose
)
{
    public const string BuildKitVariable = "DOCKER_BUILDKIT";

    public async Task<CaroImageResult> BuildAsync(
        CaroImageRequest request,
        Func<string, string?> variable,
        CancellationToken cancellation
    )
    {
        var stopwatch = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(request.ContextDirectory, CaroPublishSettings.BinaryName)))
        {
            throw new BuildException(
                $"Caro is not published in {request.ContextDirectory}: run ./build.sh --target=CaroImage (it publishes first)."
            );
        }
        var baseImage = request.BaseImage ?? DefaultBase(request.Dockerfile);
        var baseId = await EnsureBaseAsync(baseImage, cancellation);

        var hash = new InputHash()
            .AddDirectory(request.ContextDirectory)
            .AddFile("Dockerfile", request.Dockerfile)
            .Add("base", baseImage.ToString())
            .Add("base-id", baseId);
        foreach (var (name, value) in request.Labels.BuildArguments())
        {
            hash.Add(name, value);
        }
        var image = request.LocalImage.WithTag(hash.Finish()[..12]);

        if (await IdAsync(image.ToString(), cancellation) is { } existing)
        {
            if (await IdAsync(request.LocalImage.ToString(), cancellation) != existing)
            {
                await CheckedAsync(
                    ["tag", image.ToString(), request.LocalImage.ToString()],
                    cancellation
                );
            }
            info(
                $"{image} is up to date (publish output, Dockerfile, base and labels unchanged): build skipped; {request.LocalImage} points at it."
            );
            return new CaroImageResult(
                image,
                false,
                await SizeAsync(image, cancellation),
                stopwatch.Elapsed
            );
        }

        var environment = await BuilderEnvironmentAsync(variable, cancellation);
        string[] arguments =
        [
            "build",
            "--file",
            request.Dockerfile,
            "--build-arg",
            $"BASE_IMAGE={baseImage}",
            .. request
                .Labels.BuildArguments()
                .SelectMany(a => new[] { "--build-arg", $"{a.Key}={a.Value}" }),
            "--tag",
            image.ToString(),
            "--tag",
            request.LocalImage.ToString(),
            request.ContextDirectory,
        ];
        var spec = docker.Command(arguments) with
        {
            Environment = environment,
            OnOutput = verbose,
            OnError = verbose,
        };
        verbose($"> {spec}");
        var result = await docker.Runner.RunAsync(spec, cancellation);
        if (!result.Succeeded)
        {
            throw new BuildException($"docker build of {image} failed: {result.LastLines()}");
        }
        var size = await SizeAsync(image, cancellation);
        info(
            $"Built {image} and {request.LocalImage} on {baseImage} ({size / 1e6:0.0} MB) in {stopwatch.Elapsed.TotalSeconds:0.0} s."
        );
        await RemoveOlderAsync(image, cancellation);
        return new CaroImageResult(image, true, size, stopwatch.Elapsed);
    }

    /// <summary>The pinned default base: the <c>ARG BASE_IMAGE=</c> line of the Dockerfile (one place for the pin).</summary>
    public static ImageReference DefaultBase(string dockerfile)
    {
        var match = BaseArgumentPattern().Match(File.ReadAllText(dockerfile));
        if (!match.Success)
        {
            throw new BuildException(
                $"{dockerfile} has no 'ARG BASE_IMAGE=<image>' line: restore it from git."
            );
        }
        return ImageReference.Parse(match.Groups[1].Value, "ARG BASE_IMAGE");
    }

    /// <summary>The base's image id; pulls it when it is not local (one clear line when that is impossible).</summary>
    private async Task<string> EnsureBaseAsync(
        ImageReference baseImage,
        CancellationToken cancellation
    )
    {
        var state = await docker.EnsureImageAsync(baseImage.ToString(), info, cancellation);
        if (state.Available && await IdAsync(baseImage.ToString(), cancellation) is { } id)
        {
            return id;
        }
        throw new BuildException(
            $"The base image cannot be used: {state.Reason ?? $"{baseImage} has no id"}. Without a registry, build one from this machine's libraries: ./build.sh --target=BaseImage, then pass --base-image={CaroImageNames.OfflineBase} (or set CARO_BASE_IMAGE)."
        );
    }

    /// <summary>
    /// BuildKit needs the buildx plugin with a recent docker CLI; without it, and unless the user chose a builder
    /// with DOCKER_BUILDKIT, the legacy builder is used (the Dockerfile works with both).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string?>> BuilderEnvironmentAsync(
        Func<string, string?> variable,
        CancellationToken cancellation
    )
    {
        if (variable(BuildKitVariable) is { Length: > 0 } chosen)
        {
            verbose($"{BuildKitVariable}={chosen} (set by the caller)");
            return new Dictionary<string, string?>();
        }
        var buildx = await docker.Runner.RunAsync(
            docker.Command("buildx", "version"),
            cancellation
        );
        if (buildx.Succeeded)
        {
            verbose("buildx found: building with BuildKit");
            return new Dictionary<string, string?>();
        }
        verbose("no buildx plugin: building with the legacy builder (DOCKER_BUILDKIT=0)");
        return new Dictionary<string, string?> { [BuildKitVariable] = "0" };
    }

    private async Task<string?> IdAsync(string image, CancellationToken cancellation)
    {
        var result = await docker.Runner.RunAsync(
            docker.Command("image", "inspect", "--format", "{{.Id}}", image),
            cancellation
        );
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private async Task<long> SizeAsync(ImageReference image, CancellationToken cancellation)
    {
        var result = await docker.Runner.RunAsync(
            docker.Command("image", "inspect", "--format", "{{.Size}}", image.ToString()),
            cancellation
        );
        return long.TryParse(result.StandardOutput.Trim(), out var size) ? size : 0;
    }

    /// <summary>Untags earlier content-hash tags of the repository (best effort: one in use by a container stays).</summary>
    private async Task RemoveOlderAsync(ImageReference current, CancellationToken cancellation)
    {
        var list = await docker.Runner.RunAsync(
            docker.Command("image", "ls", current.Repository, "--format", "{{.Tag}}"),
            cancellation
        );
        var older = list
            .StandardOutput.Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
            .Where(t => t != current.Tag && HashTagPattern().IsMatch(t))
            .Select(t => current.WithTag(t).ToString())
            .ToArray();
        if (older.Length == 0)
        {
            return;
        }
        var removed = await docker.Runner.RunAsync(docker.Command(["rmi", .. older]), cancellation);
        verbose(
            $"removed older tags {string.Join(", ", older)}{(removed.Succeeded ? "" : $" (partly: {removed.LastLines(1)})")}"
        );
    }

    private async Task CheckedAsync(string[] arguments, CancellationToken cancellation)
    {
        var spec = docker.Command(arguments);
        var result = await docker.Runner.RunAsync(spec, cancellation);
        if (!result.Succeeded)
        {
            throw new BuildException($"'{spec}' failed: {result.LastLines()}");
        }
    }

    [GeneratedRegex(@"^\s*ARG\s+BASE_IMAGE=(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex BaseArgumentPattern();

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex HashTagPattern();
}
