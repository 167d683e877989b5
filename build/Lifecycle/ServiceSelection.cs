using Build.Host;
using Build.Image;

namespace Build.Lifecycle;

/// <summary><c>--services</c>: the services a target works on (Up, WaitHealthy, and Caro's image for Up).</summary>
[TaskArgument(
    LifecycleArguments.Services,
    $"Only these services, comma-separated (Caro's image is built only if they include {CaroImageNames.Service}).",
    Kind = ArgumentKind.List,
    Default = "all"
)]
public static class ServiceSelection
{
    /// <summary>The names given with <c>--services</c>; empty when absent (all services).</summary>
    public static IReadOnlyList<string> Of(BuildContext context) =>
        context.Args.GetList(LifecycleArguments.Services);
}
