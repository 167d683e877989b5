namespace Build.Image;

/// <summary>
/// An exclusive lock on Caro's publish folder across processes (two builds in one work tree, e.g. a test run and
/// a developer's Up): CaroPublish holds it while it replaces the folder, CaroImage while it hashes and sends it.
/// </summary>
public sealed class PublishLock : IDisposable
{
    private readonly FileStream _stream;

    private PublishLock(FileStream stream) => _stream = stream;

    public static PublishLock Acquire(
        string directory,
        Action<string> waiting,
        CancellationToken cancellation
    )
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "publish.lock");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(30);
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, released when the stream closes.
                return new PublishLock(
                    new FileStream(
                        path,
                        FileMode.OpenOrCreate,
                        FileAccess.ReadWrite,
                        FileShare.None
                    )
                );
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told)
                {
                    waiting(
                        $"Another build is publishing Caro in this work tree; waiting for it ({path})."
                    );
                    told = true;
                }
                cancellation.WaitHandle.WaitOne(500);
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
