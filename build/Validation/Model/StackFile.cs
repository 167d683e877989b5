using System.Text.Json;
using Build.Validation.River;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Model;

/// <summary>One file of the stack with its parse result (layer 1).</summary>
public sealed class StackFile
{
    public required string Path { get; init; }
    public required string FullPath { get; init; }
    public required FileKind Kind { get; init; }
    public required string Text { get; init; }

    /// <summary>The first YAML document's root (null when it did not parse or is empty).</summary>
    public YamlNode? Yaml { get; set; }

    public JsonDocument? Json { get; set; }

    public RiverBody? Alloy { get; set; }

    public bool Parsed { get; set; }

    /// <summary>Position of the first occurrence of <paramref name="needle"/> at or after <paramref name="from"/>; line 1 col 1 if absent.</summary>
    public Position Find(string needle, Position? from = null)
    {
        var offset = from is { } f ? OffsetOf(f) : 0;
        var index = Text.IndexOf(needle, offset, StringComparison.Ordinal);
        if (index < 0 && offset > 0)
        {
            index = Text.IndexOf(needle, StringComparison.Ordinal);
        }
        return index < 0 ? Position.Start : PositionOf(index);
    }

    public Position PositionOf(int offset)
    {
        int line = 1,
            col = 1;
        for (var i = 0; i < offset && i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                line++;
                col = 1;
            }
            else
            {
                col++;
            }
        }
        return new Position(line, col);
    }

    private int OffsetOf(Position p)
    {
        var line = 1;
        var i = 0;
        while (i < Text.Length && line < p.Line)
        {
            if (Text[i++] == '\n')
            {
                line++;
            }
        }
        return Math.Min(Text.Length, i + p.Column - 1);
    }

    public override string ToString() => Path;
}
