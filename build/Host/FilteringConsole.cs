using Cake.Core;

namespace Build.Host;

/// <summary>
/// The console every task and Cake's log write to: each piece of text passes through the registered filters
/// first (e.g. a secret masker), so no target can print a value a filter knows about.
/// With <paramref name="color"/> false (output not a terminal, or <c>NO_COLOR</c> set) no colour reaches the
/// output: no ANSI escape codes and no console colour changes.
/// </summary>
internal sealed class FilteringConsole(IConsole inner, bool color = true) : IConsole
{
    private Func<string, string>[] _filters = [];

    public void AddFilter(Func<string, string> filter)
    {
        lock (this)
        {
            _filters = [.. _filters, filter];
        }
    }

    public ConsoleColor ForegroundColor
    {
        get => inner.ForegroundColor;
        set
        {
            if (color)
            {
                inner.ForegroundColor = value;
            }
        }
    }

    public ConsoleColor BackgroundColor
    {
        get => inner.BackgroundColor;
        set
        {
            if (color)
            {
                inner.BackgroundColor = value;
            }
        }
    }

    public bool SupportAnsiEscapeCodes => color && inner.SupportAnsiEscapeCodes;

    public void Write(string format, params object[] arg) =>
        inner.Write(Filter(Format(format, arg)));

    public void Write(string value) => inner.Write(Filter(value));

    public void WriteLine(string format, params object[] arg) =>
        inner.WriteLine(Filter(Format(format, arg)));

    public void WriteLine(string value) => inner.WriteLine(Filter(value));

    public void WriteError(string format, params object[] arg) =>
        inner.WriteError(Filter(Format(format, arg)));

    public void WriteError(string value) => inner.WriteError(Filter(value));

    public void WriteErrorLine(string format, params object[] arg) =>
        inner.WriteErrorLine(Filter(Format(format, arg)));

    public void WriteErrorLine(string value) => inner.WriteErrorLine(Filter(value));

    public void ResetColor()
    {
        if (color)
        {
            inner.ResetColor();
        }
    }

    private string Filter(string text)
    {
        foreach (var filter in _filters)
        {
            text = filter(text);
        }
        return text;
    }

    private static string Format(string format, object[] arg) =>
        arg.Length == 0 ? format : string.Format(format, arg);
}
