namespace Build.Validation.River;

/// <summary>
/// Parser for Alloy configuration files: blocks <c>name "label" { ... }</c>, attributes <c>name = expr</c>,
/// and expressions (literals, lists, objects, references, calls, indexing, unary and binary operators).
/// Throws <see cref="RiverSyntaxException"/> at the first syntax error.
/// </summary>
public sealed class RiverParser
{
    private static readonly string[][] BinaryLevels =
    [
        ["||"],
        ["&&"],
        ["==", "!=", "<", "<=", ">", ">="],
        ["+", "-"],
        ["*", "/", "%"],
        ["^"],
    ];

    /// <summary>Deepest nesting of blocks and values (the parser is recursive: a hostile file must not exhaust the stack).</summary>
    public const int MaxDepth = 200;

    private readonly List<RiverToken> _tokens;
    private int _index;
    private int _depth;

    private RiverParser(string text) => _tokens = new RiverLexer(text).Tokenize();

    public static RiverBody Parse(string text) => new RiverParser(text).ParseFile();

    private RiverToken Current => _tokens[_index];

    private RiverToken Take() => _tokens[_index++];

    private RiverBody ParseFile()
    {
        var body = ParseStatements(topLevel: true);
        if (Current.Kind != RiverTokenKind.End)
        {
            throw Error(Current, "unexpected '}' (no block is open)");
        }
        return body;
    }

    private RiverBody ParseStatements(bool topLevel)
    {
        var statements = new List<RiverStatement>();
        while (true)
        {
            while (Current.Kind == RiverTokenKind.Newline)
            {
                Take();
            }
            if (Current.Kind == RiverTokenKind.End || Current.Is("}"))
            {
                if (Current.Kind == RiverTokenKind.End && !topLevel)
                {
                    throw Error(Current, "block not closed: missing '}'");
                }
                return new RiverBody(statements);
            }
            statements.Add(ParseStatement());
            if (Current.Kind == RiverTokenKind.Newline)
            {
                Take();
            }
            else if (!(Current.Is("}") || Current.Kind == RiverTokenKind.End))
            {
                throw Error(
                    Current,
                    $"expected a newline after the statement, found {Current.Describe()}"
                );
            }
        }
    }

    private RiverStatement ParseStatement()
    {
        var first = Current;
        if (first.Kind != RiverTokenKind.Ident)
        {
            throw Error(first, $"expected an attribute or block name, found {first.Describe()}");
        }
        Take();
        if (Current.Is("="))
        {
            Take();
            return new RiverAttribute(first.Pos, first.Text, ParseExpression());
        }
        var name = first.Text;
        while (Current.Is("."))
        {
            Take();
            var part = Current;
            if (part.Kind != RiverTokenKind.Ident)
            {
                throw Error(part, $"expected a name after '.', found {part.Describe()}");
            }
            Take();
            name += "." + part.Text;
        }
        string? label = null;
        if (Current.Kind == RiverTokenKind.String)
        {
            label = Take().Text;
        }
        if (!Current.Is("{"))
        {
            throw Error(
                Current,
                name.Contains('.') || label is not null
                    ? $"expected '{{' to open block {name}, found {Current.Describe()}"
                    : $"expected '=' or '{{' after '{name}', found {Current.Describe()}"
            );
        }
        Take();
        Nest();
        var body = ParseStatements(topLevel: false);
        _depth--;
        Expect("}", $"block {name} not closed");
        return new RiverBlock(first.Pos, name, label, body);
    }

    private RiverExpr ParseExpression(int level = 0)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }
        var left = ParseExpression(level + 1);
        while (Current.Kind == RiverTokenKind.Punct && BinaryLevels[level].Contains(Current.Text))
        {
            var op = Take();
            SkipNewlines();
            // '^' is right-associative.
            var right =
                level == BinaryLevels.Length - 1
                    ? ParseExpression(level)
                    : ParseExpression(level + 1);
            left = new RiverBinary(op.Pos, op.Text, left, right);
        }
        return left;
    }

    private RiverExpr ParseUnary()
    {
        Nest();
        RiverExpr result;
        if (Current.Is("!") || Current.Is("-"))
        {
            var op = Take();
            result = new RiverUnary(op.Pos, op.Text, ParseUnary());
        }
        else
        {
            result = ParsePostfix(ParsePrimary());
        }
        _depth--;
        return result;
    }

    private void Nest()
    {
        if (++_depth > MaxDepth)
        {
            throw Error(Current, $"nested more than {MaxDepth} levels deep");
        }
    }

    private RiverExpr ParsePostfix(RiverExpr expr)
    {
        while (true)
        {
            if (Current.Is("."))
            {
                Take();
                var name = Current;
                if (name.Kind != RiverTokenKind.Ident)
                {
                    throw Error(name, $"expected a field name after '.', found {name.Describe()}");
                }
                Take();
                expr = new RiverAccess(name.Pos, expr, name.Text);
            }
            else if (Current.Is("["))
            {
                var open = Take();
                SkipNewlines();
                var index = ParseExpression();
                SkipNewlines();
                Expect("]", "index not closed");
                expr = new RiverIndex(open.Pos, expr, index);
            }
            else if (Current.Is("("))
            {
                var open = Take();
                var args = ParseList(")", "argument list");
                expr = new RiverCall(open.Pos, expr, args);
            }
            else
            {
                return expr;
            }
        }
    }

    private RiverExpr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case RiverTokenKind.String:
            case RiverTokenKind.Number:
                Take();
                return new RiverLiteral(token.Pos, token.Kind, token.Text);
            case RiverTokenKind.Ident:
                Take();
                return token.Text is "true" or "false" or "null"
                    ? new RiverLiteral(token.Pos, RiverTokenKind.Ident, token.Text)
                    : new RiverIdentifier(token.Pos, token.Text);
        }
        if (token.Is("("))
        {
            Take();
            SkipNewlines();
            var inner = ParseExpression();
            SkipNewlines();
            Expect(")", "parenthesis not closed");
            return inner;
        }
        if (token.Is("["))
        {
            Take();
            return new RiverArray(token.Pos, ParseList("]", "list"));
        }
        if (token.Is("{"))
        {
            Take();
            return ParseObject(token);
        }
        throw Error(token, $"expected a value, found {token.Describe()}");
    }

    private List<RiverExpr> ParseList(string close, string what) =>
        ParseItems(close, what, () => ParseExpression());

    private RiverObject ParseObject(RiverToken open) =>
        new(
            open.Pos,
            ParseItems(
                "}",
                "object",
                () =>
                {
                    var key = Current;
                    if (key.Kind is not (RiverTokenKind.Ident or RiverTokenKind.String))
                    {
                        throw Error(key, $"expected an object key, found {key.Describe()}");
                    }
                    Take();
                    Expect("=", $"expected '=' after object key {key.Text}");
                    return new RiverField(key.Text, key.Pos, ParseExpression());
                }
            )
        );

    /// <summary>Comma-separated items up to <paramref name="close"/> (a trailing comma allowed, newlines only after a comma).</summary>
    private List<T> ParseItems<T>(string close, string what, Func<T> item)
    {
        var items = new List<T>();
        SkipNewlines();
        while (!Current.Is(close))
        {
            items.Add(item());
            if (Current.Is(","))
            {
                Take();
                SkipNewlines();
                continue;
            }
            if (Current.Kind == RiverTokenKind.Newline)
            {
                throw Error(Current, $"missing ',' before newline in {what}");
            }
            if (!Current.Is(close))
            {
                throw Error(
                    Current,
                    $"expected ',' or '{close}' in {what}, found {Current.Describe()}"
                );
            }
        }
        Take();
        return items;
    }

    private void SkipNewlines()
    {
        while (Current.Kind == RiverTokenKind.Newline)
        {
            Take();
        }
    }

    private void Expect(string punct, string context)
    {
        if (!Current.Is(punct))
        {
            throw Error(Current, $"{context}: expected '{punct}', found {Current.Describe()}");
        }
        Take();
    }

    private static RiverSyntaxException Error(RiverToken at, string message) =>
        new(at.Pos, message);
}
