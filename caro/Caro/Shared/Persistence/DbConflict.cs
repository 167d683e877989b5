using Microsoft.EntityFrameworkCore;

namespace Caro.Shared.Persistence;

/// <summary>Recognises "someone else wrote first" failures (stale row version, duplicate key) on every provider.</summary>
public static class DbConflict
{
    public static bool IsConflict(Exception exception) =>
        exception switch
        {
            DbUpdateConcurrencyException => true,
            DbUpdateException { InnerException: MySqlConnector.MySqlException mysql } =>
                mysql.ErrorCode == MySqlConnector.MySqlErrorCode.DuplicateKeyEntry,
            DbUpdateException { InnerException: { } inner } => IsInMemoryDuplicate(inner),
            // The InMemory provider reports an existing key as an ArgumentException from its row dictionary.
            _ => IsInMemoryDuplicate(exception),
        };

    private static bool IsInMemoryDuplicate(Exception exception) =>
        exception is ArgumentException or InvalidOperationException
        && exception.Message.Contains("same key", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs <paramref name="work"/> in a fresh context until it saves without a conflict
    /// (optimistic concurrency); gives up after <paramref name="attempts"/>.
    /// </summary>
    public static async Task<T> RetryAsync<T>(
        IDbContextFactory<CaroDbContext> factory,
        Func<CaroDbContext, Task<T>> work,
        CancellationToken cancellationToken,
        int attempts = 20
    )
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await work(db);
            }
            catch (Exception exception) when (attempt < attempts && IsConflict(exception))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }
}
