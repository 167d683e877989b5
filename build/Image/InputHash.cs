using System.Security.Cryptography;
using System.Text;

namespace Build.Image;

/// <summary>
/// A SHA-256 over named inputs: files (relative name + content), whole folders and plain strings. Two builds
/// with the same inputs get the same hash, so a target can skip work whose inputs did not change.
/// </summary>
public sealed class InputHash
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds a labelled text value (a setting, an image id, a label).</summary>
    public InputHash Add(string name, string? value)
    {
        Append($"value {name}\n{value ?? "<null>"}\n");
        return this;
    }

    /// <summary>Adds one file under <paramref name="name"/>; a missing file counts as an input too.</summary>
    public InputHash AddFile(string name, string path)
    {
        if (!File.Exists(path))
        {
            Append($"missing {name}\n");
            return this;
        }
        Append($"file {name} {new FileInfo(path).Length}\n");
        using var stream = File.OpenRead(path);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            _hash.AppendData(buffer, 0, read);
        }
        return this;
    }

    /// <summary>
    /// Adds every file under <paramref name="directory"/> (sorted by relative path), except those in folders
    /// named in <paramref name="excludedFolders"/> (e.g. bin, obj).
    /// </summary>
    public InputHash AddDirectory(string directory, params string[] excludedFolders)
    {
        foreach (var file in Files(directory, excludedFolders))
        {
            AddFile(Path.GetRelativePath(directory, file).Replace('\\', '/'), file);
        }
        return this;
    }

    /// <summary>The hash as lower-case hex (64 characters).</summary>
    public string Finish() => Convert.ToHexString(_hash.GetHashAndReset()).ToLowerInvariant();

    public static IEnumerable<string> Files(string directory, params string[] excludedFolders)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }
        var excluded = new HashSet<string>(excludedFolders, StringComparer.Ordinal);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            AttributesToSkip = 0,
        };
        var result = new List<string>();
        var pending = new Stack<string>([directory]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            result.AddRange(Directory.EnumerateFiles(current, "*", options));
            foreach (var child in Directory.EnumerateDirectories(current, "*", options))
            {
                if (!excluded.Contains(Path.GetFileName(child)))
                {
                    pending.Push(child);
                }
            }
        }
        return result.Order(StringComparer.Ordinal);
    }

    private void Append(string text) => _hash.AppendData(Encoding.UTF8.GetBytes(text));
}
