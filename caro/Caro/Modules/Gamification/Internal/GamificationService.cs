using Caro.Modules.Gamification.Contracts;
using Caro.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Caro.Modules.Gamification.Internal;

internal sealed class GamificationService(IDbContextFactory<CaroDbContext> factory)
    : IGamificationService
{
    public async Task<MemberStatsDto> GetStatsAsync(
        long memberId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var stats = await db.Set<MemberStatsEntity>()
            .AsNoTracking()
            .FirstOrDefaultAsync(s => s.MemberId == memberId, cancellationToken);
        return stats is null
            ? new MemberStatsDto(memberId, 0, 1, 0)
            : new MemberStatsDto(memberId, stats.TotalExp, stats.Level, stats.StreakDays);
    }

    public async Task<IReadOnlyList<BadgeDto>> GetBadgesAsync(
        long memberId,
        CancellationToken cancellationToken
    )
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var badges = await db.Set<EarnedBadgeEntity>()
            .AsNoTracking()
            .Where(b => b.MemberId == memberId)
            .ToListAsync(cancellationToken);
        return badges
            .OrderBy(b => b.BadgeType)
            .Select(b => new BadgeDto((long)b.BadgeType, b.Name, b.Description, b.EarnedAt))
            .ToList();
    }
}
