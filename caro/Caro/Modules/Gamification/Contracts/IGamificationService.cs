namespace Caro.Modules.Gamification.Contracts;

/// <summary>Gamification's public API: XP, level, streak and badges per member.</summary>
public interface IGamificationService
{
    /// <summary>Never null: an unknown member gets the defaults (0 XP, level 1, no streak).</summary>
    Task<MemberStatsDto> GetStatsAsync(long memberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<BadgeDto>> GetBadgesAsync(
        long memberId,
        CancellationToken cancellationToken
    );
}

public sealed record MemberStatsDto(long MemberId, long TotalExp, int Level, int StreakDays);

/// <summary><see cref="Id"/> is the badge's stable number (1 first review, 2 level 5, 3 seven-day streak).</summary>
public sealed record BadgeDto(long Id, string Name, string Description, DateTime EarnedAt);
