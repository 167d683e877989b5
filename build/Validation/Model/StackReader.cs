using Build.Stack;
using Build.Tools;

namespace Build.Validation.Model;

/// <summary>One entry of a folder Validate listed (links already resolved to what they name).</summary>
public sealed record FolderEntry(string FullPath, bool IsFolder);

/// <summary>
/// Reads the stack folder defensively: never <c>data/</c> (the engines' state, owned by their image users),
/// never through a link that leaves the stack folder or loops, never a file above <see cref="MaxFileBytes"/>,
/// never deeper than <see cref="MaxDepth"/> folders. Every problem is a finding at the path, never an exception.
/// </summary>
public sealed class StackReader
{
    /// <summary>Largest file Validate reads (the biggest config of the stack, a dashboard, is about 30 KB).</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>Deepest folder nesting Validate walks below the stack folder.</summary>
    public const int MaxDepth = 16;

    private readonly StackModel _model;
    private readonly ValidationReport _report;
    private readonly string _realStack;
    private readonly HashSet<string> _visited = new(StringComparer.Ordinal);

    public StackReader(StackModel model, ValidationReport report)
    {
        _model = model;
        _report = report;
        _realStack = FilePaths.RealPath(model.StackDirectory) ?? model.StackDirectory;
    }

    /// <summary>The folders listed so far, by full path (as the stack folder names them, links not resolved).</summary>
    public Dictionary<string, IReadOnlyList<FolderEntry>> Folders { get; } =
        new(StringComparer.Ordinal);

    /// <summary>True for the stack's runtime state folder (<c>data/</c>) and everything in it.</summary>
    public bool IsData(string fullPath) =>
        FilePaths.IsInside(Path.Combine(_model.StackDirectory, StackLayout.Data), fullPath)
        || FilePaths.IsInside(Path.Combine(_realStack, StackLayout.Data), fullPath);

    /// <summary>
    /// The text of a file, or null when it is absent or may not be read (then with a finding). Links are
    /// followed only while they stay inside the stack folder and outside <c>data/</c>.
    /// </summary>
    public string? ReadText(string fullPath)
    {
        if (!FilePaths.IsInside(_model.StackDirectory, fullPath) || IsData(fullPath))
        {
            return null;
        }
        var real = Target(fullPath);
        if (real is null || !File.Exists(real))
        {
            return null;
        }
        try
        {
            var length = new FileInfo(real).Length;
            if (length > MaxFileBytes)
            {
                Error(
                    fullPath,
                    $"file is {length / 1024} KiB, above Validate's limit of {MaxFileBytes / 1024 / 1024} MiB for a config file: not read (is it the right file?)"
                );
                return null;
            }
            // An empty length is an empty file, or a pipe or device, which must not be opened (it could block).
            return length == 0 ? "" : File.ReadAllText(real);
        }
        catch (UnauthorizedAccessException)
        {
            Error(fullPath, "cannot be read: permission denied (make it readable by this user)");
        }
        catch (IOException e)
        {
            Error(fullPath, $"cannot be read: {e.Message}");
        }
        return null;
    }

    /// <summary>Every file below <paramref name="folder"/> (full paths as the stack names them), listing each folder once.</summary>
    public IEnumerable<string> Files(string folder) => Walk(folder, 0);

    private IEnumerable<string> Walk(string folder, int depth)
    {
        if (IsData(folder) || !FilePaths.IsInside(_model.StackDirectory, folder))
        {
            yield break;
        }
        var real = Target(folder);
        if (real is null || !Directory.Exists(real) || !_visited.Add(real))
        {
            yield break;
        }
        if (depth > MaxDepth)
        {
            Warning(folder, $"more than {MaxDepth} folders deep: not read");
            yield break;
        }
        var entries = List(folder);
        if (entries is null)
        {
            yield break;
        }
        var kept = new List<FolderEntry>();
        foreach (var entry in entries)
        {
            var full = Path.Combine(folder, entry.Name);
            if (entry.Name.StartsWith('.') || IsData(full))
            {
                // Hidden files are editor/tool state; data/ is the engines' runtime state.
                continue;
            }
            var target = Target(full);
            if (target is null)
            {
                continue;
            }
            var isFolder = Directory.Exists(target);
            kept.Add(new FolderEntry(full, isFolder));
            if (!isFolder)
            {
                yield return full;
                continue;
            }
            if (FilePaths.IsInside(target, real))
            {
                Warning(
                    full,
                    "symbolic link loop (it leads back to a folder above it): not followed"
                );
                continue;
            }
            foreach (var file in Walk(full, depth + 1))
            {
                yield return file;
            }
        }
        Folders[Path.TrimEndingDirectorySeparator(folder)] = kept;
        Folders[Path.TrimEndingDirectorySeparator(real)] = kept;
    }

    private List<FileSystemInfo>? List(string folder)
    {
        try
        {
            return new DirectoryInfo(folder)
                .EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 })
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToList();
        }
        catch (UnauthorizedAccessException)
        {
            Error(
                folder,
                "folder cannot be read: permission denied (make it readable by this user)"
            );
        }
        catch (IOException e)
        {
            Error(folder, $"folder cannot be read: {e.Message}");
        }
        return null;
    }

    /// <summary>The real path a stack path names, or null (with a finding) when a link loops or leaves the stack.</summary>
    private string? Target(string fullPath)
    {
        var real = FilePaths.RealPath(fullPath);
        if (real is null)
        {
            Error(fullPath, "symbolic link loop: not read");
            return null;
        }
        if (!FilePaths.IsInside(_realStack, real))
        {
            Error(
                fullPath,
                $"symbolic link to {real}, outside the stack folder: not read (a container sees only its mounts, so the engine cannot read it either)"
            );
            return null;
        }
        if (IsData(real))
        {
            Warning(fullPath, "symbolic link into data/ (the engines' runtime state): not read");
            return null;
        }
        return real;
    }

    private void Error(string fullPath, string message) =>
        _report.Error(_model.Relative(fullPath), Position.Start, message);

    private void Warning(string fullPath, string message) =>
        _report.Warning(_model.Relative(fullPath), Position.Start, message);
}
