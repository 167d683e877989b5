namespace EndToEnd.Tests.Support;

/// <summary>
/// A fresh <see cref="E2eRun"/> for each test (its own project name, ports and images), removed after the test,
/// which then proves that nothing was left behind.
/// </summary>
public abstract class E2eFixture(string label)
{
    protected E2eRun Run { get; private set; } = null!;

    [SetUp]
    public async Task CreateRunAsync()
    {
        await Engine.RequireAsync();
        Run = new E2eRun(label);
    }

    [TearDown]
    public async Task RemoveRunAsync()
    {
        if (Run is null)
        {
            return;
        }
        await Run.CleanUpAsync();
        Assert.That(
            await Run.LeftoversAsync(),
            Is.Empty,
            "containers, networks or images left behind"
        );
    }
}
