namespace Build.Validation.River;

public enum RiverTokenKind
{
    Ident,
    String,
    Number,
    Punct,
    Newline,
    End,
}

/// <summary>One token of an Alloy (River) file; <see cref="Text"/> is the decoded value for strings.</summary>
public readonly record struct RiverToken(RiverTokenKind Kind, string Text, Position Pos)
{
    public bool Is(string punct) => Kind == RiverTokenKind.Punct && Text == punct;

    public string Describe() =>
        Kind switch
        {
            RiverTokenKind.Newline => "newline",
            RiverTokenKind.End => "end of file",
            RiverTokenKind.String => $"string \"{Text}\"",
            _ => $"'{Text}'",
        };
}

/// <summary>A syntax error of an Alloy file at a position.</summary>
public sealed class RiverSyntaxException(Position position, string message) : Exception(message)
{
    public Position Position { get; } = position;
}
