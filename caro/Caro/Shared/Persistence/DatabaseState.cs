namespace Caro.Shared.Persistence;

/// <summary>Whether the schema exists yet; readiness and background workers wait for it.</summary>
public sealed class DatabaseState
{
    private readonly TaskCompletionSource _ready = new(
        TaskCreationOptions.RunContinuationsAsynchronously
    );

    public bool IsReady => _ready.Task.IsCompleted;

    public Task WhenReady => _ready.Task;

    public void MarkReady() => _ready.TrySetResult();
}
