using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace Caro.Shared.Persistence;

/// <summary>
/// Recognises writes that lost a race with another writer, on every provider, so that the loser can
/// re-read the current state and answer as a sequential client would (404 for a row that is gone).
/// </summary>
public static class DbConflict
{
    /// <summary>"Someone else wrote first": a stale row version, a row already deleted, or a duplicate key.</summary>
    public static bool IsConflict(Exception exception) =>
        exception switch
        {
            DbUpdateConcurrencyException => true,
            DbUpdateException { InnerException: MySqlException mysql } => mysql.ErrorCode
                == MySqlErrorCode.DuplicateKeyEntry,
            DbUpdateException { InnerException: { } inner } => IsInMemoryDuplicate(inner),
            // The InMemory provider reports an existing key as an ArgumentException from its row dictionary.
            _ => IsInMemoryDuplicate(exception),
        };

    /// <summary>
    /// A conflict, or a write the database refused because of a concurrent one: the referenced parent row
    /// was deleted meanwhile (foreign key), or the statement was chosen as a deadlock victim / timed out
    /// waiting for another writer's lock. Retrying re-reads the state and decides again.
    /// </summary>
    public static bool IsLostRace(Exception exception) =>
        IsConflict(exception)
        || (exception as MySqlException ?? exception.InnerException as MySqlException)?.ErrorCode
            is MySqlErrorCode.NoReferencedRow2
                or MySqlErrorCode.NoReferencedRow
                or MySqlErrorCode.LockDeadlock
                or MySqlErrorCode.LockWaitTimeout;

    private static bool IsInMemoryDuplicate(Exception exception) =>
        exception is ArgumentException or InvalidOperationException
        && exception.Message.Contains("same key", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Runs <paramref name="work"/> in a fresh context until it saves without losing a race
    /// (<see cref="IsLostRace"/>); gives up after <paramref name="attempts"/>. Each attempt re-reads what
    /// it needs, so a row deleted meanwhile is found missing and answered as such (404).
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
            catch (Exception exception) when (attempt < attempts && IsLostRace(exception))
            {
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }
}
