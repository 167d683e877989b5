using System.Diagnostics;
using Caro.Shared.Telemetry;

namespace Caro.Shared.Events;

/// <summary>
/// Dispatches an event to its listeners in <see cref="IEventListener{TEvent}.Order"/>, each in a fresh
/// scope and its own span, isolating failures: one failing listener neither fails the publisher nor
/// stops the others. Running them in order (not in parallel) lets Notification read the count that
/// Analytics has just committed for the same event.
/// </summary>
public sealed class EventPublisher(IServiceScopeFactory scopes, ILogger<EventPublisher> logger)
    : IEventPublisher
{
    public async Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken)
    {
        var eventName = typeof(TEvent).Name;
        List<Type> listenerTypes;
        using (var probe = scopes.CreateScope())
        {
            listenerTypes = probe
                .ServiceProvider.GetServices<IEventListener<TEvent>>()
                .OrderBy(listener => listener.Order)
                .Select(listener => listener.GetType())
                .ToList();
        }
        foreach (var listenerType in listenerTypes)
        {
            await using var scope = scopes.CreateAsyncScope();
            var listener = scope
                .ServiceProvider.GetServices<IEventListener<TEvent>>()
                .First(l => l.GetType() == listenerType);
            using var activity = CaroTelemetry.ActivitySource.StartActivity(
                $"[caro] {listenerType.Name}"
            );
            activity?.SetTag("caro.event.type", eventName);
            try
            {
                // Listeners finish even when the client disconnects: the data they react to is saved.
                await listener.HandleAsync(@event, CancellationToken.None);
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                logger.LogError(
                    exception,
                    "Listener {Listener} failed on {Event}; other listeners continue",
                    listenerType.Name,
                    eventName
                );
            }
        }
    }
}
