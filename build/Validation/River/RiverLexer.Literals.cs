using System.Globalization;
using System.Text;

namespace Build.Validation.River;

/// <summary>Number and string literals of the Alloy syntax.</summary>
public sealed partial class RiverLexer
{
    private static readonly Dictionary<char, char> SimpleEscapes = new()
    {
        ['n'] = '\n',
        ['t'] = '\t',
        ['r'] = '\r',
        ['a'] = '\a',
        ['b'] = '\b',
        ['f'] = '\f',
        ['v'] = '\v',
        ['\\'] = '\\',
        ['"'] = '"',
    };

    private RiverToken Number(Position start)
    {
        var from = _offset;
        while (char.IsDigit(Peek()))
        {
            Advance();
        }
        if (Peek() == '.' && char.IsDigit(Peek(1)))
        {
            Advance();
            while (char.IsDigit(Peek()))
            {
                Advance();
            }
        }
        if (
            Peek() is 'e' or 'E'
            && (char.IsDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsDigit(Peek(2))))
        )
        {
            Advance();
            Advance();
            while (char.IsDigit(Peek()))
            {
                Advance();
            }
        }
        if (char.IsLetter(Peek()) || Peek() == '_')
        {
            throw new RiverSyntaxException(
                start,
                $"invalid number '{text[from..(_offset + 1)]}' (durations are strings, e.g. \"30s\")"
            );
        }
        return new RiverToken(RiverTokenKind.Number, text[from.._offset], start);
    }

    private RiverToken QuotedString(Position start)
    {
        Advance();
        var value = new StringBuilder();
        while (true)
        {
            if (_offset >= text.Length || Peek() == '\n')
            {
                throw new RiverSyntaxException(start, "string literal not terminated (missing \")");
            }
            var c = Peek();
            if (c == '"')
            {
                Advance();
                return new RiverToken(RiverTokenKind.String, value.ToString(), start);
            }
            if (c != '\\')
            {
                value.Append(c);
                Advance();
                continue;
            }
            var escapePos = Here;
            Advance();
            var e = Peek();
            switch (e)
            {
                case var simple when SimpleEscapes.TryGetValue(simple, out var decoded):
                    value.Append(decoded);
                    break;
                case 'x' or 'u' or 'U':
                    var digits =
                        e == 'x' ? 2
                        : e == 'u' ? 4
                        : 8;
                    var hex =
                        _offset + 1 + digits <= text.Length
                            ? text.Substring(_offset + 1, digits)
                            : "";
                    if (
                        !int.TryParse(
                            hex,
                            NumberStyles.HexNumber,
                            CultureInfo.InvariantCulture,
                            out var code
                        ) || code is > 0x10FFFF or (>= 0xD800 and <= 0xDFFF)
                    )
                    {
                        throw new RiverSyntaxException(
                            escapePos,
                            $"invalid \\{e} escape in string"
                        );
                    }
                    value.Append(char.ConvertFromUtf32(code));
                    for (var i = 0; i < digits; i++)
                    {
                        Advance();
                    }
                    break;
                default:
                    throw new RiverSyntaxException(
                        escapePos,
                        $"unknown escape sequence \\{e} in string (write \\\\ for a backslash)"
                    );
            }
            Advance();
        }
    }
}
