namespace Verify.Tests;

public static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Stack => Path.Combine(Root, "stack");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Lgtm.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName
            ?? throw new InvalidOperationException("Lgtm.slnx not found above the test binaries");
    }
}
