namespace Caro.Modules.Review.Internal;

/// <summary>The original's SM-2 variant, kept exactly (caro/README.md, 'Differences from the original'), with the interval clamped.</summary>
internal static class Sm2
{
    public const double DefaultEaseFactor = 2.5;
    public const double MinEaseFactor = 1.3;

    /// <summary>About 100 years: far beyond any study plan, and dates stay valid.</summary>
    public const int MaxIntervalDays = 36_500;

    public readonly record struct State(double EaseFactor, int Interval, int Repetitions);

    public static State Apply(State state, int quality)
    {
        if (quality is < 0 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(quality), quality, "quality must be 0..5");
        }
        if (quality < 3)
        {
            return new State(Math.Max(MinEaseFactor, state.EaseFactor - 0.2), 1, 0);
        }
        var repetitions = state.Repetitions + 1;
        var interval = repetitions switch
        {
            1 => 1,
            2 => 6,
            // Java's Math.round: half away from zero for these positive values (banker's rounding differs: 13 x 2.5).
            _ => (int)
                Math.Min(
                    MaxIntervalDays,
                    Math.Round(state.Interval * state.EaseFactor, MidpointRounding.AwayFromZero)
                ),
        };
        var easeFactor = Math.Max(
            MinEaseFactor,
            state.EaseFactor + (0.1 - (5 - quality) * (0.08 + (5 - quality) * 0.02))
        );
        return new State(easeFactor, interval, repetitions);
    }

    public static DateOnly NextReviewDate(DateOnly today, int interval) =>
        today.DayNumber + (long)interval > DateOnly.MaxValue.DayNumber
            ? DateOnly.MaxValue
            : today.AddDays(interval);
}
