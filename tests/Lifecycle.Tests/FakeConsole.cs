using System.Text;
using Cake.Core;

namespace Lifecycle.Tests;

/// <summary>Captures everything the build writes (standard output and error).</summary>
public sealed class FakeConsole : IConsole
{
    private readonly StringBuilder _all = new();

    public string All
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    public ConsoleColor ForegroundColor { get; set; }
    public ConsoleColor BackgroundColor { get; set; }
    public bool SupportAnsiEscapeCodes => false;

    public void Write(string format, params object[] arg) => Append(Format(format, arg));

    public void WriteLine(string format, params object[] arg) => Append(Format(format, arg) + "\n");

    public void WriteError(string format, params object[] arg) => Append(Format(format, arg));

    public void WriteErrorLine(string format, params object[] arg) =>
        Append(Format(format, arg) + "\n");

    public void ResetColor() { }

    private void Append(string text)
    {
        lock (_all)
        {
            _all.Append(text);
        }
    }

    private static string Format(string format, object[] arg) =>
        arg.Length == 0 ? format : string.Format(format, arg);
}
