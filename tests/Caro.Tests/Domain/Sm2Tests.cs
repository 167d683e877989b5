using Caro.Modules.Review.Internal;

namespace Caro.Tests.Domain;

public sealed class Sm2Tests
{
    private static readonly Sm2.State Fresh = new(Sm2.DefaultEaseFactor, 0, 0);

    [Test]
    public void QualityFourEveryTimeGivesTheSpecIntervals()
    {
        var state = Fresh;
        var intervals = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            state = Sm2.Apply(state, 4);
            intervals.Add(state.Interval);
        }
        Assert.That(intervals, Is.EqualTo(new[] { 1, 6, 15, 38, 95, 238 }));
        Assert.That(state.EaseFactor, Is.EqualTo(2.5));
    }

    [Test]
    public void RoundsHalfAwayFromZeroNotToEven()
    {
        // 13 x 2.5 = 32.5: Java's Math.round gives 33, banker's rounding would give 32.
        var next = Sm2.Apply(new Sm2.State(2.5, 13, 2), 4);
        Assert.That(next.Interval, Is.EqualTo(33));
        // 15 x 2.5 = 37.5 -> 38 (banker's: 38 too), 95 x 2.5 = 237.5 -> 238 (banker's: 238): 13 is the distinguishing case.
        Assert.That(Sm2.Apply(new Sm2.State(2.5, 21, 2), 4).Interval, Is.EqualTo(53)); // 52.5 -> 53, banker's 52
    }

    [TestCase(5, 2.6)]
    [TestCase(4, 2.5)]
    [TestCase(3, 2.36)]
    public void EaseFactorChangesByQuality(int quality, double expected)
    {
        var next = Sm2.Apply(Fresh, quality);
        Assert.That(next.EaseFactor, Is.EqualTo(expected).Within(1e-12));
        Assert.That(next.Repetitions, Is.EqualTo(1));
        Assert.That(next.Interval, Is.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void FailingGradeResetsAndLowersEaseFactor(int quality)
    {
        var next = Sm2.Apply(new Sm2.State(2.5, 38, 4), quality);
        Assert.That(
            next,
            Is.EqualTo(new Sm2.State(2.3, 1, 0))
                .Using<Sm2.State>(
                    (a, b) =>
                        Math.Abs(a.EaseFactor - b.EaseFactor) < 1e-12
                        && a.Interval == b.Interval
                        && a.Repetitions == b.Repetitions
                )
        );
    }

    [Test]
    public void EaseFactorNeverDropsBelowOnePointThree()
    {
        var state = new Sm2.State(1.35, 6, 2);
        Assert.That(Sm2.Apply(state, 0).EaseFactor, Is.EqualTo(1.3));
        Assert.That(Sm2.Apply(state, 3).EaseFactor, Is.EqualTo(1.3));
    }

    [Test]
    public void IntervalIsClampedAndDatesNeverOverflow()
    {
        var state = Fresh;
        var today = new DateOnly(2026, 11, 26);
        for (var i = 0; i < 40; i++)
        {
            state = Sm2.Apply(state, 5);
            Assert.That(state.Interval, Is.InRange(1, Sm2.MaxIntervalDays));
            Assert.That(Sm2.NextReviewDate(today, state.Interval), Is.GreaterThan(today));
        }
        Assert.That(state.Interval, Is.EqualTo(Sm2.MaxIntervalDays));
        Assert.That(
            Sm2.NextReviewDate(new DateOnly(9999, 12, 1), Sm2.MaxIntervalDays),
            Is.EqualTo(DateOnly.MaxValue)
        );
    }

    [Test]
    public void QualityOutsideZeroToFiveIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sm2.Apply(Fresh, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sm2.Apply(Fresh, -1));
    }
}
