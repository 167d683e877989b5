using System.Collections.Concurrent;

namespace Build.Tools;

/// <summary>Whether an image can be used: present (or pulled), else why not.</summary>
public sealed record ImageState(bool Available, string? Reason);

/// <summary>
/// The one answer to "does a Docker engine answer" and "is this image here, else pull it (unless offline)", for
/// Lifecycle's preflight, Validate's and TestRules' tools and the image targets. Answers are remembered per
/// process (and engine address), so a missing registry costs one failed pull, not one per run.
/// </summary>
public sealed class DockerProbe(string dockerExecutable)
{
    private static readonly ConcurrentDictionary<string, bool> EngineAnswersCache = new();
    private static readonly ConcurrentDictionary<string, ImageState> ImageCache = new();
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(3);
    private static readonly CommandRunner Runner = new();

    public string Executable { get; } = dockerExecutable;

    /// <summary>The engine this CLI talks to (the same CLI may be pointed elsewhere by DOCKER_HOST or DOCKER_CONTEXT).</summary>
    private string Key =>
        $"{Executable}|{Environment.GetEnvironmentVariable("DOCKER_HOST")}|{Environment.GetEnvironmentVariable("DOCKER_CONTEXT")}";

    public bool EngineAnswers() => EngineAnswersAsync(default).GetAwaiter().GetResult();

    public async Task<bool> EngineAnswersAsync(CancellationToken cancellation)
    {
        if (EngineAnswersCache.ContainsKey(Key))
        {
            return true;
        }
        var info = await Runner.RunAsync(
            Command(InfoTimeout, "info", "--format", "{{.ServerVersion}}"),
            cancellation
        );
        // Only a yes is remembered: an engine that was slow or starting is asked again next time (a missing
        // engine answers `docker info` at once, so asking again costs nothing there).
        if (info.Succeeded)
        {
            EngineAnswersCache[Key] = true;
        }
        return info.Succeeded;
    }

    /// <summary>The image present locally, else pulled (not when <paramref name="offline"/>); else the reason.</summary>
    public ImageState Image(string image, bool offline = false) =>
        ImageAsync(image, offline, null, default).GetAwaiter().GetResult();

    /// <summary>As <see cref="Image"/>; <paramref name="pulling"/> hears when a pull starts (it can take minutes).</summary>
    public async Task<ImageState> ImageAsync(
        string image,
        bool offline,
        Action<string>? pulling,
        CancellationToken cancellation
    )
    {
        var key = $"{Key}|{image}|{offline}";
        if (ImageCache.TryGetValue(key, out var known))
        {
            return known;
        }
        return ImageCache[key] = await ProbeAsync(image, offline, pulling, cancellation);
    }

    private async Task<ImageState> ProbeAsync(
        string image,
        bool offline,
        Action<string>? pulling,
        CancellationToken cancellation
    )
    {
        var inspect = Command(InfoTimeout, "image", "inspect", "--format", "{{.Id}}", image);
        if ((await Runner.RunAsync(inspect, cancellation)).Succeeded)
        {
            return new ImageState(true, null);
        }
        if (offline)
        {
            return new ImageState(false, $"{image} is not present locally (--offline: not pulled)");
        }
        pulling?.Invoke($"Pulling {image}...");
        var pull = await Runner.RunAsync(
            Command(PullTimeout, "pull", "--quiet", image),
            cancellation
        );
        if (pull.Succeeded)
        {
            return new ImageState(true, null);
        }
        var why = pull
            .Output.Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            )
            .FirstOrDefault();
        return new ImageState(
            false,
            $"{image} is not present locally and `docker pull {image}` failed ({why ?? "no output"})"
        );
    }

    private CommandSpec Command(TimeSpan timeout, params string[] arguments) =>
        new(Executable, arguments) { Timeout = timeout };

    /// <summary>Forgets every answer (tests swap fake docker CLIs, or start the engine, between cases).</summary>
    public static void ForgetAnswers()
    {
        EngineAnswersCache.Clear();
        ImageCache.Clear();
    }
}
