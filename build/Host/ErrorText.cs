using System.Reflection;
using System.Text.RegularExpressions;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace Build.Host;

/// <summary>
/// The one line the host prints for a failure: a <see cref="BuildException"/>'s own message, else what went wrong
/// in words and what to do about it. Never an exception type name (those only at <c>--verbosity=diagnostic</c>).
/// </summary>
public static partial class ErrorText
{
    /// <summary>The one line (and, at <c>--verbosity=diagnostic</c>, the exception with its stack trace).</summary>
    public static void Print(IConsole console, Verbosity verbosity, Exception exception)
    {
        var cause = Unwrap(exception);
        console.WriteErrorLine("Error: " + Describe(cause));
        if (verbosity == Verbosity.Diagnostic)
        {
            console.WriteErrorLine(cause.ToString());
        }
    }

    /// <summary>The failure itself, out of the wrappers Cake and reflection put around it.</summary>
    public static Exception Unwrap(Exception exception) =>
        exception switch
        {
            AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
            CakeReportException { InnerException: { } inner } => Unwrap(inner),
            TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
            _ => exception,
        };

    public static string Describe(Exception cause)
    {
        var line = cause switch
        {
            BuildException => cause.Message,
            OperationCanceledException => "Cancelled (Ctrl+C); nothing more was done.",
            FileNotFoundException f =>
                $"File not found: {f.FileName ?? QuotedPath(f.Message) ?? f.Message} (check the path; restore it with git if it belongs to the repository).",
            DirectoryNotFoundException d =>
                $"Folder not found: {QuotedPath(d.Message) ?? d.Message} (check the path, or create the folder).",
            UnauthorizedAccessException u =>
                $"Permission denied on {QuotedPath(u.Message) ?? u.Message.TrimEnd('.')} (run as a user who may use it, or fix its owner and mode: chown/chmod).",
            IOException io => IoFailure(io.Message),
            HttpRequestException h =>
                $"A network request failed: {h.Message.TrimEnd('.')} (check that the service runs and its port is reachable).",
            _ =>
                $"{cause.Message.TrimEnd('.')} (an unexpected failure of the build: run it again with --verbosity=diagnostic for the details, and report it if it persists).",
        };
        return line.ReplaceLineEndings(" ");
    }

    /// <summary>.NET's IO messages put the path in quotes, after the reason (<c>reason : 'path'</c>) or inside it.</summary>
    private static string IoFailure(string message)
    {
        var path = QuotedPath(message);
        var reason = path is null
            ? message.TrimEnd('.')
            : Quoted().Replace(message, "").Trim().TrimEnd(':', '.', ' ');
        return path is null
            ? $"A file operation failed: {reason} (check that the path exists, is not a link loop, and the disk is not full)."
            : $"A file operation failed on {path}: {reason} (check that the path exists, is not a link loop, and the disk is not full).";
    }

    private static string? QuotedPath(string message) =>
        Quoted().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
