namespace Build.Tasks.Core;

/// <summary>Arguments of the Test target.</summary>
public static class TestArguments
{
    /// <summary>Run only the named test projects (<c>--project=Caro.Tests,Build.Tests</c>).</summary>
    public const string Project = "project";

    /// <summary>A <c>dotnet test --filter</c> expression passed to every project.</summary>
    public const string Filter = "filter";
}
