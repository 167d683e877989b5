using Build.Host;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>
/// The YAML parser with two bounds, checked while the events stream (so a hostile file costs one linear pass):
/// the nodes reached through aliases (a few hundred bytes of nested aliases can stand for billions of nodes,
/// which every later walk of the tree would visit) and the nesting depth (the tree is built and walked
/// recursively). Past a bound it throws a <see cref="YamlException"/> at the alias or node, which the loader
/// reports as a finding at that line.
/// </summary>
public sealed class BoundedYamlParser(IParser inner) : IParser
{
    /// <summary>Most nodes a file may reach through aliases (the stack's own files reach a few dozen).</summary>
    public const long MaxAliasNodes = 50_000;

    /// <summary>Deepest nesting of mappings and sequences.</summary>
    public const int MaxDepth = 200;

    private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long Size)> _open = new();
    private long _aliasNodes;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }
        switch (inner.Current)
        {
            case Scalar scalar:
                Completed(Anchor(scalar), 1);
                break;
            case MappingStart or SequenceStart:
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlException(
                        inner.Current.Start,
                        inner.Current.End,
                        $"nested more than {MaxDepth} levels deep: not read further"
                    );
                }
                _open.Push((Anchor((NodeEvent)inner.Current), 1));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var (anchor, size) = _open.Pop();
                Completed(anchor, size);
                break;
            case AnchorAlias alias:
                var reached = _sizes.GetValueOrDefault(alias.Value.Value, 1);
                _aliasNodes = Math.Min(long.MaxValue / 2, _aliasNodes + reached);
                if (_aliasNodes > MaxAliasNodes)
                {
                    throw new YamlException(
                        alias.Start,
                        alias.End,
                        $"aliases expand to more than {MaxAliasNodes} nodes (an alias bomb?): the file is not checked further"
                    );
                }
                Add(reached);
                break;
        }
        return true;
    }

    private static string? Anchor(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private void Completed(string? anchor, long size)
    {
        if (anchor is not null)
        {
            _sizes[anchor] = size;
        }
        Add(size);
    }

    private void Add(long size)
    {
        if (_open.TryPop(out var parent))
        {
            _open.Push((parent.Anchor, Math.Min(long.MaxValue / 2, parent.Size + size)));
        }
    }

    /// <summary>The first document's root (null when empty), read within the bounds; a <see cref="YamlException"/> otherwise.</summary>
    public static YamlNode? ReadRoot(string text)
    {
        var stream = new YamlStream();
        stream.Load(new BoundedYamlParser(new Parser(new StringReader(text))));
        return stream.Documents.FirstOrDefault()?.RootNode;
    }

    /// <summary>As <see cref="ReadRoot(string)"/>, a broken file being one line naming it (the lifecycle's files).</summary>
    public static YamlNode? ReadRoot(string text, string source)
    {
        try
        {
            return ReadRoot(text);
        }
        catch (YamlException e)
        {
            throw new BuildException(
                $"{source}:{e.Start.Line}: not valid YAML: {e.InnerException?.Message ?? e.Message}"
            );
        }
    }
}
