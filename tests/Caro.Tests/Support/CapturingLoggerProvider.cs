using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Caro.Tests.Support;

/// <summary>Keeps every formatted log line (category, level, message) for assertions.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> _lines =
        new();

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines =>
        _lines.ToArray();

    public int Count(string contains) =>
        _lines.Count(l => l.Message.Contains(contains, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string)> lines)
        : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter
        ) => lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
