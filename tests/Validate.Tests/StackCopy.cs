using Build.Stack;
using Build.Validation;

namespace Validate.Tests;

/// <summary>A temporary copy of the real <c>stack/</c> (without data) that a test changes, then validates.</summary>
public sealed class StackCopy : IDisposable
{
    private StackCopy(string root) => Root = root;

    public string Root { get; }

    /// <summary>The repository root (the folder holding stack/docker-compose.yaml), found from the test's folder.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The image pins of the real compose file (<c>x-images</c>), the one place a version is written.</summary>
    public static IReadOnlyDictionary<string, ImagePin> Pins { get; } =
        ImagePins.Read(Path.Combine(RepositoryRoot, "stack"));

    public static StackCopy Create()
    {
        var root = Path.Combine(
            Path.GetTempPath(),
            "validate-tests",
            Guid.NewGuid().ToString("N")[..12]
        );
        Copy(Path.Combine(RepositoryRoot, "stack"), Path.Combine(root, "stack"));
        return new StackCopy(root);
    }

    /// <summary>Replaces the first occurrence of <paramref name="find"/>; fails the test if it is absent. Returns the line it was on.</summary>
    public int Edit(string relativePath, string find, string replace)
    {
        var path = Path.Combine(Root, relativePath);
        Assert.That(
            File.Exists(path),
            Is.True,
            $"{relativePath} does not exist in the stack copy: the defect cannot be applied"
        );
        var text = File.ReadAllText(path);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        Assert.That(
            index,
            Is.GreaterThanOrEqualTo(0),
            $"'{find}' is not in {relativePath} any more: update the defect"
        );
        File.WriteAllText(path, text[..index] + replace + text[(index + find.Length)..]);
        return text[..index].Count(c => c == '\n') + 1 + LeadingNewlines(replace);
    }

    public ValidationReport Validate(string layers = "1-3", bool strict = false) =>
        Validate(layers, o => o with { Strict = strict });

    /// <summary>Validates with options a test chooses (PATH, engine paths, --offline...).</summary>
    public ValidationReport Validate(
        string layers,
        Func<ValidationOptions, ValidationOptions> configure
    ) =>
        StackValidator.Run(
            configure(
                new ValidationOptions
                {
                    Root = Root,
                    Layers = ValidationOptions.ParseLayers(layers),
                }
            )
        );

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: the temp folder is cleaned by the OS eventually
        }
    }

    /// <summary>Replaces the pinned image of each engine (compose's <c>x-images</c>), so a test does not repeat the pins.</summary>
    public void ReplaceEngineImages(Func<string, string> image)
    {
        foreach (var engine in new[] { "loki", "mimir", "tempo", "alloy" })
        {
            Edit("stack/docker-compose.yaml", Pins[engine].Image, image(engine));
        }
    }

    private static int LeadingNewlines(string text) => text.TakeWhile(c => c == '\n').Count();

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(dir) is not "data")
            {
                Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
            }
        }
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string FindRoot()
    {
        for (
            var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
            dir is not null;
            dir = dir.Parent
        )
        {
            if (File.Exists(Path.Combine(dir.FullName, "stack", "docker-compose.yaml")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException(
            "repository root (with stack/docker-compose.yaml) not found above the test folder"
        );
    }
}
