using Caro.Modules.Gamification.Internal;

namespace Caro.Tests.Domain;

public sealed class GamificationRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 26);

    [TestCase(5, 15)]
    [TestCase(4, 15)]
    [TestCase(3, 10)]
    [TestCase(2, 5)]
    [TestCase(0, 5)]
    public void XpByQuality(int quality, int xp) =>
        Assert.That(GamificationRules.XpFor(quality), Is.EqualTo(xp));

    [TestCase(0, 1)]
    [TestCase(99, 1)]
    [TestCase(100, 2)]
    [TestCase(399, 4)]
    [TestCase(400, 5)]
    public void LevelIsExpOverHundredPlusOne(long exp, int level) =>
        Assert.That(GamificationRules.LevelFor(exp), Is.EqualTo(level));

    [Test]
    public void StreakAcrossDayBoundaries()
    {
        Assert.That(GamificationRules.NextStreak(0, null, Day), Is.EqualTo((1, Day)));
        Assert.That(
            GamificationRules.NextStreak(3, Day.AddDays(-1), Day),
            Is.EqualTo((4, Day)),
            "next calendar day"
        );
        Assert.That(GamificationRules.NextStreak(3, Day, Day), Is.EqualTo((3, Day)), "same day");
        Assert.That(
            GamificationRules.NextStreak(3, Day.AddDays(-2), Day),
            Is.EqualTo((1, Day)),
            "a gap"
        );
        Assert.That(
            GamificationRules.NextStreak(3, Day.AddDays(1), Day),
            Is.EqualTo((3, Day.AddDays(1))),
            "late event keeps the streak"
        );
        Assert.That(
            GamificationRules.NextStreak(1, new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 1)),
            Is.EqualTo((2, new DateOnly(2027, 1, 1))),
            "year boundary"
        );
    }

    [Test]
    public void FirstReviewBadgeOnTheFirstEvent()
    {
        var after = GamificationRules.Apply(GamificationRules.Initial, 1, Day);
        Assert.That(
            GamificationRules.BadgesFor(GamificationRules.Initial, after),
            Is.EqualTo(new[] { BadgeType.FirstReview })
        );
        var second = GamificationRules.Apply(after, 5, Day);
        Assert.That(
            GamificationRules.BadgesFor(after, second),
            Is.Empty,
            "only the event that leaves 0 XP"
        );
    }

    [Test]
    public void LevelFiveBadgeOnlyOnTheCrossing()
    {
        var before = new GamificationRules.Progress(390, 4, 1, Day);
        var crossing = GamificationRules.Apply(before, 5, Day);
        Assert.That(crossing.Level, Is.EqualTo(5));
        Assert.That(GamificationRules.BadgesFor(before, crossing), Does.Contain(BadgeType.Level5));
        var later = GamificationRules.Apply(crossing, 5, Day);
        Assert.That(
            GamificationRules.BadgesFor(crossing, later),
            Does.Not.Contain(BadgeType.Level5)
        );
    }

    [Test]
    public void SevenDayStreakBadge()
    {
        var progress = GamificationRules.Initial;
        for (var day = 0; day < 7; day++)
        {
            var before = progress;
            progress = GamificationRules.Apply(progress, 4, Day.AddDays(day));
            var badges = GamificationRules.BadgesFor(before, progress);
            Assert.That(badges.Contains(BadgeType.Streak7), Is.EqualTo(day == 6), $"day {day + 1}");
        }
        Assert.That(progress.StreakDays, Is.EqualTo(7));
    }
}
