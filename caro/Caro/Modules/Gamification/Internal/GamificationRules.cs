namespace Caro.Modules.Gamification.Internal;

internal enum BadgeType
{
    FirstReview = 1,
    Level5 = 2,
    Streak7 = 3,
}

/// <summary>The original's rules (caro/README.md), as pure functions.</summary>
internal static class GamificationRules
{
    public readonly record struct Progress(
        long TotalExp,
        int Level,
        int StreakDays,
        DateOnly? LastStudyDate
    );

    public static Progress Initial => new(0, 1, 0, null);

    public static int XpFor(int quality) =>
        quality >= 4 ? 15
        : quality == 3 ? 10
        : 5;

    public static int LevelFor(long totalExp) => (int)Math.Max(1, totalExp / 100 + 1);

    /// <summary>
    /// Calendar-day streak on the event's date: first day → 1, the next day → +1, same day → unchanged,
    /// a gap → 1. An event dated before the last study day (late delivery) leaves the streak alone
    /// (the original reset it: caro/README.md, 'Differences from the original').
    /// </summary>
    public static (int Streak, DateOnly Last) NextStreak(int streak, DateOnly? last, DateOnly day)
    {
        if (last is null)
        {
            return (1, day);
        }
        if (day < last.Value)
        {
            return (streak, last.Value);
        }
        if (day == last.Value)
        {
            return (streak, day);
        }
        return day == last.Value.AddDays(1) ? (streak + 1, day) : (1, day);
    }

    public static Progress Apply(Progress before, int quality, DateOnly day)
    {
        var exp = before.TotalExp + XpFor(quality);
        var (streak, last) = NextStreak(before.StreakDays, before.LastStudyDate, day);
        return new Progress(exp, LevelFor(exp), streak, last);
    }

    /// <summary>
    /// Badges earned by this transition, in the original's order: first review (XP leaves 0), level 5
    /// (crossing), 7-day streak (reaching 7). Each is stored at most once per member.
    /// </summary>
    public static IReadOnlyList<BadgeType> BadgesFor(Progress before, Progress after)
    {
        // Checked on the transition (what this event changed), so an ordinary review costs no badge
        // query; the (member, type) key still keeps each badge unique if a condition is met again.
        var badges = new List<BadgeType>();
        if (after.TotalExp > 0 && before.TotalExp == 0)
        {
            badges.Add(BadgeType.FirstReview);
        }
        if (after.Level >= 5 && before.Level < 5)
        {
            badges.Add(BadgeType.Level5);
        }
        if (after.StreakDays >= 7 && before.StreakDays < 7)
        {
            badges.Add(BadgeType.Streak7);
        }
        return badges;
    }

    public static (string Name, string Description) Describe(BadgeType badge) =>
        badge switch
        {
            BadgeType.FirstReview => ("첫 복습!", "첫 번째 복습을 완료했습니다."),
            BadgeType.Level5 => ("레벨 5 달성", "레벨 5에 도달했습니다."),
            BadgeType.Streak7 => ("7일 연속 학습", "7일 연속으로 학습했습니다."),
            _ => throw new ArgumentOutOfRangeException(nameof(badge)),
        };
}
