namespace Build.Validation.River;

public abstract record RiverStatement(Position Pos);

/// <summary><c>name = value</c></summary>
public sealed record RiverAttribute(Position Pos, string Name, RiverExpr Value)
    : RiverStatement(Pos);

/// <summary><c>otelcol.receiver.otlp "default" { ... }</c></summary>
public sealed record RiverBlock(Position Pos, string Name, string? Label, RiverBody Body)
    : RiverStatement(Pos)
{
    /// <summary><c>name.label</c>, the prefix other components reference.</summary>
    public string Id => Label is null ? Name : $"{Name}.{Label}";
}

/// <summary>The statements of a file or a block.</summary>
public sealed class RiverBody(List<RiverStatement> statements)
{
    public IReadOnlyList<RiverStatement> Statements { get; } = statements;

    public IEnumerable<RiverBlock> Blocks(string? name = null) =>
        Statements.OfType<RiverBlock>().Where(b => name is null || b.Name == name);

    public RiverAttribute? Attribute(string name) =>
        Statements.OfType<RiverAttribute>().FirstOrDefault(a => a.Name == name);

    /// <summary>Every block at any depth, with its top-level component.</summary>
    public IEnumerable<RiverBlock> AllBlocks() =>
        Blocks().SelectMany(b => new[] { b }.Concat(b.Body.AllBlocks()));

    /// <summary>Every expression below this body (attributes of nested blocks included).</summary>
    public IEnumerable<RiverExpr> AllExpressions() =>
        Statements.SelectMany(s =>
            s switch
            {
                RiverAttribute a => a.Value.Walk(),
                RiverBlock b => b.Body.AllExpressions(),
                _ => [],
            }
        );
}

public abstract record RiverExpr(Position Pos)
{
    /// <summary>This expression and every sub-expression.</summary>
    public IEnumerable<RiverExpr> Walk()
    {
        yield return this;
        IEnumerable<RiverExpr> children = this switch
        {
            RiverArray a => a.Items,
            RiverObject o => o.Fields.Select(f => f.Value),
            RiverAccess x => [x.Target],
            RiverIndex i => [i.Target, i.Index],
            RiverCall c => c.Args,
            RiverUnary u => [u.Operand],
            RiverBinary b => [b.Left, b.Right],
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var e in child.Walk())
            {
                yield return e;
            }
        }
    }

    /// <summary><c>a.b.c</c> for identifier/access chains, else null.</summary>
    public string? DottedName() =>
        this switch
        {
            RiverIdentifier id => id.Name,
            RiverAccess a when a.Target.DottedName() is { } t => $"{t}.{a.Name}",
            _ => null,
        };

    /// <summary>The string value of a string literal, else null.</summary>
    public string? StringValue() =>
        this is RiverLiteral { Kind: RiverTokenKind.String } l ? l.Value : null;
}

public sealed record RiverLiteral(Position Pos, RiverTokenKind Kind, string Value) : RiverExpr(Pos);

public sealed record RiverIdentifier(Position Pos, string Name) : RiverExpr(Pos);

public sealed record RiverArray(Position Pos, List<RiverExpr> Items) : RiverExpr(Pos);

public sealed record RiverField(string Key, Position Pos, RiverExpr Value);

public sealed record RiverObject(Position Pos, List<RiverField> Fields) : RiverExpr(Pos);

public sealed record RiverAccess(Position Pos, RiverExpr Target, string Name) : RiverExpr(Pos);

public sealed record RiverIndex(Position Pos, RiverExpr Target, RiverExpr Index) : RiverExpr(Pos);

public sealed record RiverCall(Position Pos, RiverExpr Function, List<RiverExpr> Args)
    : RiverExpr(Pos);

public sealed record RiverUnary(Position Pos, string Op, RiverExpr Operand) : RiverExpr(Pos);

public sealed record RiverBinary(Position Pos, string Op, RiverExpr Left, RiverExpr Right)
    : RiverExpr(Pos);
