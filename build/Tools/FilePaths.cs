namespace Build.Tools;

/// <summary>
/// Two questions about host paths that Validate's stack reader, Reset's mount check and Up's data folders all ask:
/// where a path really leads (links resolved), and whether it lies in a folder.
/// </summary>
public static class FilePaths
{
    private const int MaxLinkHops = 40;

    /// <summary>The path with every symbolic link resolved (absent parts kept as they are); null for a link loop.</summary>
    public static string? RealPath(string fullPath)
    {
        var hops = 0;
        var pending = new Stack<string>(Parts(Path.GetFullPath(fullPath)).Reverse());
        var current = Path.GetPathRoot(Path.GetFullPath(fullPath))!;
        while (pending.TryPop(out var part))
        {
            var next = Path.Combine(current, part);
            string? link;
            try
            {
                link = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                link = null;
            }
            catch (UnauthorizedAccessException)
            {
                link = null;
            }
            if (link is null)
            {
                current = next;
                continue;
            }
            if (++hops > MaxLinkHops)
            {
                return null;
            }
            var target = Path.GetFullPath(link, current);
            var root = Path.GetPathRoot(target)!;
            foreach (var piece in Parts(target[root.Length..]).Reverse())
            {
                pending.Push(piece);
            }
            current = root;
        }
        return current;
    }

    private static string[] Parts(string path) =>
        path.Split(
            [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar],
            StringSplitOptions.RemoveEmptyEntries
        );

    /// <summary>True when <paramref name="path"/> is <paramref name="folder"/> or lies under it (full paths, trailing separators ignored).</summary>
    public static bool IsInside(string folder, string path)
    {
        var f = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var p = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        return p == f || p.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
