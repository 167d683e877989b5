namespace Caro.Shared.Concurrency;

/// <summary>
/// A fixed set of async locks picked by key hash: serialises work on one key (e.g. one card's review
/// row) inside this process without growing with the number of keys.
/// </summary>
public sealed class StripedLock
{
    private readonly SemaphoreSlim[] _stripes;

    public StripedLock(int stripes = 256)
    {
        _stripes = Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    }

    public async Task<IDisposable> AcquireAsync(object key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(key.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
