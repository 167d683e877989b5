using Caro.Modules.Analytics;
using Caro.Modules.Gamification;
using Caro.Modules.Ingestion;
using Caro.Modules.Member;
using Caro.Modules.Notification;
using Caro.Modules.Observatory;
using Caro.Modules.Review;
using Caro.Modules.Workbook;
using Caro.Shared.Settings;

namespace Caro.Modules;

/// <summary>
/// One Caro module: <see cref="Name"/> is its namespace under <see cref="CaroModules.Root"/>
/// (with <c>Contracts</c> and <c>Internal</c> below it), then how it registers its services and endpoints.
/// </summary>
public sealed record CaroModule(
    string Name,
    Action<IServiceCollection> AddServices,
    Action<IEndpointRouteBuilder>? MapEndpoints = null,
    Func<CaroSettings, bool>? Enabled = null
)
{
    public string Namespace => $"{CaroModules.Root}.{Name}";

    public bool IsEnabled(CaroSettings settings) => Enabled?.Invoke(settings) ?? true;
}

/// <summary>
/// The one list of Caro's modules: the composition root registers and maps them in this order
/// (listeners of one event run in registration order), and the architecture tests check the
/// boundaries between every pair of them and <see cref="SharedNamespace"/>.
/// </summary>
public static class CaroModules
{
    public const string Root = "Caro.Modules";

    /// <summary>Code shared by every module; it may use modules' Contracts, never their Internal namespaces.</summary>
    public const string SharedNamespace = "Caro.Shared";

    public static readonly IReadOnlyList<CaroModule> All =
    [
        new(nameof(Member), s => s.AddMemberModule(), a => a.MapMemberEndpoints()),
        new(nameof(Workbook), s => s.AddWorkbookModule(), a => a.MapWorkbookEndpoints()),
        new(nameof(Review), s => s.AddReviewModule(), a => a.MapReviewEndpoints()),
        new(nameof(Ingestion), s => s.AddIngestionModule(), a => a.MapIngestionEndpoints()),
        new(
            nameof(Gamification),
            s => s.AddGamificationModule(),
            a => a.MapGamificationEndpoints()
        ),
        new(nameof(Analytics), s => s.AddAnalyticsModule()),
        new(nameof(Notification), s => s.AddNotificationModule()),
        new(
            nameof(Observatory),
            s => s.AddObservatoryModule(),
            a => a.MapObservatoryEndpoints(),
            settings => settings.ObservatoryEnabled
        ),
    ];
}
