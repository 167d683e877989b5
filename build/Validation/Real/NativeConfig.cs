using System.Text.RegularExpressions;
using Build.Validation.Model;

namespace Build.Validation.Real;

/// <summary>
/// A temporary copy of what a service's container sees, for running its engine natively: each config bind
/// mount copied from the texts Validate already read (never data/), each data mount an empty folder (Mimir's
/// activity tracker needs its data folder to exist), and every container path in the copied files and in the
/// arguments replaced by its place in the copy. Deleted on dispose.
/// </summary>
public sealed class NativeConfig : IDisposable
{
    private readonly List<(string Container, string Host)> _map = [];
    private readonly List<(string Copy, string Source)> _copies = [];

    private NativeConfig(string root) => Root = root;

    public string Root { get; }

    public static NativeConfig Create(StackModel model, ComposeService service, string composeDir)
    {
        var config = new NativeConfig(
            Path.Combine(
                Path.GetTempPath(),
                "validate-native-" + Guid.NewGuid().ToString("N")[..10]
            )
        );
        Directory.CreateDirectory(config.Root);
        var index = 0;
        foreach (var volume in service.Volumes.Where(v => v.IsBind))
        {
            var source = Path.TrimEndingDirectorySeparator(
                Path.GetFullPath(
                    Path.Combine(composeDir, Checks.Interpolation.Expand(volume.Source, model.Env))
                )
            );
            var copy = Path.Combine(config.Root, $"{index++}-{Path.GetFileName(source)}");
            config._map.Add((volume.Target.TrimEnd('/'), copy));
            config._copies.Add((copy, source));
            if (model.FileAt(source) is { } single)
            {
                File.WriteAllText(copy, single.Text);
                continue;
            }
            Directory.CreateDirectory(copy);
            foreach (var folder in model.Folders.Keys.Where(f => Inside(source, f)))
            {
                Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(source, folder)));
            }
            foreach (var file in model.Files.Values.Where(f => Inside(source, f.FullPath)))
            {
                var target = Path.Combine(copy, Path.GetRelativePath(source, file.FullPath));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, file.Text);
            }
        }
        // Longest container path first, so /etc/loki/rules maps before /etc/loki.
        config._map.Sort((a, b) => b.Container.Length.CompareTo(a.Container.Length));
        foreach (
            var file in Directory.EnumerateFiles(config.Root, "*", SearchOption.AllDirectories)
        )
        {
            File.WriteAllText(file, config.Map(File.ReadAllText(file)));
        }
        return config;
    }

    /// <summary>The text with every container path of a mount replaced by its host copy.</summary>
    public string Map(string text)
    {
        if (_map.Count == 0)
        {
            return text;
        }
        // One pass, so a host path put in is never mapped again.
        var paths = string.Join("|", _map.Select(m => Regex.Escape(m.Container)));
        return Regex.Replace(
            text,
            $@"(?<![\w./-])(?:{paths})(?![\w.-])",
            match => _map.First(m => m.Container == match.Value).Host
        );
    }

    /// <summary>The engine's output with each copy's path replaced by what it copies, as <paramref name="display"/> shows it.</summary>
    public string Unmap(string output, Func<string, string> display)
    {
        foreach (var (copy, source) in _copies.OrderByDescending(c => c.Copy.Length))
        {
            output = output.Replace(copy, display(source), StringComparison.Ordinal);
        }
        return output;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temporary folder
        }
        catch (UnauthorizedAccessException)
        {
            // best effort: a temporary folder
        }
    }

    private static bool Inside(string folder, string path) =>
        path == folder
        || path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
