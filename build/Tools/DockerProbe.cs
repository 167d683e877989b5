using System.Collections.Concurrent;

namespace Build.Tools;

/// <summary>Whether an image can be used: present (or pulled), else why not.</summary>
public sealed record ImageState(bool Available, string? Reason);

/// <summary>
/// Asks the Docker CLI whether an engine answers and whether an image is present, pulling it when it is not
/// (unless offline). Answers are remembered per process, so a missing registry costs one failed pull, not one per run.
/// </summary>
public sealed class DockerProbe(string dockerExecutable)
{
    private static readonly ConcurrentDictionary<string, bool> EngineAnswersCache = new();
    private static readonly ConcurrentDictionary<string, ImageState> ImageCache = new();
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(3);

    public string Executable { get; } = dockerExecutable;

    public bool EngineAnswers() =>
        EngineAnswersCache.GetOrAdd(
            Executable,
            _ =>
                ToolProcess
                    .Run(
                        Executable,
                        ["info", "--format", "{{.ServerVersion}}"],
                        timeout: InfoTimeout
                    )
                    .Succeeded
        );

    /// <summary>The image present locally, else pulled (not when <paramref name="offline"/>); else the reason.</summary>
    public ImageState Image(string image, bool offline = false) =>
        ImageCache.GetOrAdd($"{Executable}|{image}|{offline}", _ => Probe(image, offline));

    private ImageState Probe(string image, bool offline)
    {
        if (
            ToolProcess
                .Run(
                    Executable,
                    ["image", "inspect", "--format", "{{.Id}}", image],
                    timeout: InfoTimeout
                )
                .Succeeded
        )
        {
            return new ImageState(true, null);
        }
        if (offline)
        {
            return new ImageState(false, $"{image} is not present locally (--offline: not pulled)");
        }
        var pull = ToolProcess.Run(Executable, ["pull", "--quiet", image], timeout: PullTimeout);
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

    /// <summary>Forgets every answer (tests swap fake docker CLIs between cases).</summary>
    public static void ForgetAnswers()
    {
        EngineAnswersCache.Clear();
        ImageCache.Clear();
    }
}
