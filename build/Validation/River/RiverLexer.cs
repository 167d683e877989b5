using System.Globalization;
using System.Text;

namespace Build.Validation.River;

/// <summary>
/// Tokenizer for the Alloy configuration syntax: identifiers, strings (with escapes and raw back-quoted ones),
/// numbers, operators, <c>//</c> and <c>/* */</c> comments. Like Go, a newline only becomes a token
/// after something that can end a statement (identifier, literal, closing bracket).
/// </summary>
public sealed partial class RiverLexer(string text)
{
    private static readonly string[] Operators =
    [
        "==",
        "!=",
        "<=",
        ">=",
        "&&",
        "||",
        "{",
        "}",
        "[",
        "]",
        "(",
        ")",
        ",",
        ".",
        "=",
        "<",
        ">",
        "+",
        "-",
        "*",
        "/",
        "%",
        "^",
        "!",
    ];

    private int _offset;
    private int _line = 1;
    private int _column = 1;

    /// <summary>Lines that begin inside a raw string or a block comment (text <c>alloy fmt</c> leaves as written).</summary>
    public HashSet<int> VerbatimLines { get; } = [];

    public List<RiverToken> Tokenize()
    {
        var tokens = new List<RiverToken>();
        while (true)
        {
            var sawNewline = SkipSpaceAndComments(out var newlinePos);
            if (sawNewline && tokens.Count > 0 && EndsStatement(tokens[^1]))
            {
                tokens.Add(new RiverToken(RiverTokenKind.Newline, "\n", newlinePos));
            }
            if (_offset >= text.Length)
            {
                tokens.Add(new RiverToken(RiverTokenKind.End, "", Here));
                return tokens;
            }
            tokens.Add(Next());
        }
    }

    private Position Here => new(_line, _column);

    private static bool EndsStatement(RiverToken token) =>
        token.Kind is RiverTokenKind.Ident or RiverTokenKind.String or RiverTokenKind.Number
        || token.Is(")")
        || token.Is("]")
        || token.Is("}");

    private char Peek(int ahead = 0) =>
        _offset + ahead < text.Length ? text[_offset + ahead] : '\0';

    private void Advance()
    {
        if (text[_offset] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }
        _offset++;
    }

    private bool SkipSpaceAndComments(out Position newlinePos)
    {
        var saw = false;
        newlinePos = Here;
        while (_offset < text.Length)
        {
            var c = Peek();
            if (c == '\n')
            {
                if (!saw)
                {
                    newlinePos = Here;
                }
                saw = true;
                Advance();
            }
            else if (c is ' ' or '\t' or '\r' or '\uFEFF')
            {
                Advance();
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_offset < text.Length && Peek() != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var start = Here;
                Advance();
                Advance();
                while (!(Peek() == '*' && Peek(1) == '/'))
                {
                    if (_offset >= text.Length)
                    {
                        throw new RiverSyntaxException(
                            start,
                            "block comment not terminated (missing */)"
                        );
                    }
                    if (Peek() == '\n' && !saw)
                    {
                        saw = true;
                        newlinePos = Here;
                    }
                    Advance();
                }
                Advance();
                Advance();
                Verbatim(start);
            }
            else
            {
                break;
            }
        }
        return saw;
    }

    private void Verbatim(Position start)
    {
        for (var line = start.Line + 1; line <= _line; line++)
        {
            VerbatimLines.Add(line);
        }
    }

    private RiverToken Next()
    {
        var start = Here;
        var c = Peek();
        if (char.IsLetter(c) || c == '_')
        {
            var from = _offset;
            while (char.IsLetterOrDigit(Peek()) || Peek() == '_')
            {
                Advance();
            }
            return new RiverToken(RiverTokenKind.Ident, text[from.._offset], start);
        }
        if (char.IsDigit(c))
        {
            return Number(start);
        }
        if (c == '"')
        {
            return QuotedString(start);
        }
        if (c == '`')
        {
            Advance();
            var from = _offset;
            while (Peek() != '`')
            {
                if (_offset >= text.Length)
                {
                    throw new RiverSyntaxException(start, "raw string not terminated (missing `)");
                }
                Advance();
            }
            var value = text[from.._offset];
            Advance();
            Verbatim(start);
            return new RiverToken(RiverTokenKind.String, value, start);
        }
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(text, _offset, op, 0, op.Length) == 0)
            {
                for (var i = 0; i < op.Length; i++)
                {
                    Advance();
                }
                return new RiverToken(RiverTokenKind.Punct, op, start);
            }
        }
        throw new RiverSyntaxException(start, $"unexpected character '{c}'");
    }
}
