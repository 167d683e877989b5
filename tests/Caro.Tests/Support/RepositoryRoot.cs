namespace Caro.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The checkout's root: the first parent of the test binaries holding both caro/ and docs/.</summary>
    public static string Path()
    {
        for (
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (
                Directory.Exists(System.IO.Path.Combine(dir.FullName, "caro"))
                && Directory.Exists(System.IO.Path.Combine(dir.FullName, "docs"))
            )
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException(
            $"no repository root above {AppContext.BaseDirectory}"
        );
    }
}
