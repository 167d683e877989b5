using Caro.Modules.Observatory.Internal;

namespace Caro.Tests.Domain;

public sealed class MixedTrafficTests
{
    [TestCase(20, 20, 4)]
    [TestCase(10, 25, 3)]
    [TestCase(7, 0, 0)]
    [TestCase(7, 100, 7)]
    [TestCase(3, 50, 2)]
    public void FailureCountMatchesTheOriginal(int total, int percentage, int expected)
    {
        var failures = Enumerable
            .Range(0, total)
            .Count(i => ScenarioEndpoints.ShouldFail(i, percentage));
        // The original failed every i with i*100/total < percentage.
        var original = Enumerable.Range(0, total).Count(i => i * 100 / total < percentage);
        Assert.That(failures, Is.EqualTo(expected));
        Assert.That(failures, Is.EqualTo(original));
    }

    [Test]
    public void FailuresAreSpreadNotAllFirst()
    {
        var pattern = Enumerable
            .Range(0, 20)
            .Select(i => ScenarioEndpoints.ShouldFail(i, 20))
            .ToList();
        Assert.That(pattern.Take(4).All(f => f), Is.False, "the original failed iterations 0..3");
        Assert.That(pattern.Skip(10).Any(f => f), Is.True);
    }
}
