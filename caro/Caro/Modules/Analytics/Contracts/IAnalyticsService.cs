namespace Caro.Modules.Analytics.Contracts;

/// <summary>Analytics' public API: daily study counters per member (no HTTP endpoints).</summary>
public interface IAnalyticsService
{
    Task<DailyStudyStatDto?> GetDailyStatsAsync(
        long memberId,
        DateOnly date,
        CancellationToken cancellationToken
    );

    Task<int> GetCardCountAsync(long memberId, DateOnly date, CancellationToken cancellationToken);
}

public sealed record DailyStudyStatDto(
    long MemberId,
    DateOnly Date,
    int TotalCards,
    long TotalTimeMs
);
