namespace Caro.Shared.Events;

/// <summary>
/// Reacts to an in-process event after the publisher's data is saved. Each listener runs in its own
/// DI scope (its own DbContext, so its own transaction); an exception is logged and swallowed.
/// </summary>
public interface IEventListener<in TEvent>
{
    /// <summary>Listeners of one event run one after another in ascending order.</summary>
    int Order { get; }

    Task HandleAsync(TEvent @event, CancellationToken cancellationToken);
}

public interface IEventPublisher
{
    Task PublishAsync<TEvent>(TEvent @event, CancellationToken cancellationToken);
}
