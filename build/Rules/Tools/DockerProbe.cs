using System.Collections.Concurrent;

namespace Build.Rules.Tools;

/// <summary>
/// Asks the Docker CLI whether an engine answers and whether an image is present or can be pulled.
/// Answers are remembered per process, so a missing registry costs one failed pull, not one per run.
/// </summary>
public sealed class DockerProbe(string dockerExecutable)
{
    private static readonly ConcurrentDictionary<string, bool> Answers = new();
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PullTimeout = TimeSpan.FromMinutes(3);

    public string Executable { get; } = dockerExecutable;

    public bool EngineAnswers() =>
        Answers.GetOrAdd(
            $"{Executable}|info",
            _ =>
                ToolProcess
                    .Run(
                        Executable,
                        ["info", "--format", "{{.ServerVersion}}"],
                        timeout: InfoTimeout
                    )
                    .Succeeded
        );

    public bool ImageAvailable(string image) =>
        Answers.GetOrAdd(
            $"{Executable}|image|{image}",
            _ =>
                ToolProcess
                    .Run(
                        Executable,
                        ["image", "inspect", "--format", "{{.Id}}", image],
                        timeout: InfoTimeout
                    )
                    .Succeeded
                || ToolProcess
                    .Run(Executable, ["pull", "--quiet", image], timeout: PullTimeout)
                    .Succeeded
        );

    /// <summary>Forgets every answer (tests swap fake docker CLIs between cases).</summary>
    public static void ForgetAnswers() => Answers.Clear();
}
