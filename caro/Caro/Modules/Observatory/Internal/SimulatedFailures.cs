namespace Caro.Modules.Observatory.Internal;

/// <summary>
/// Stand-ins for the JVM errors the original could throw. A real OutOfMemory or StackOverflow would
/// end a .NET process, so the observatory throws these ordinary exceptions instead (answered 500).
/// </summary>
internal sealed class SimulatedFailureException(string kind, string message)
    : Exception($"{kind}: {message}");

internal static class SimulatedFailures
{
    public const int SimulatedRecursionDepth = 256;

    /// <summary>Recurses a bounded number of frames, then throws: a deep stack trace without overflowing.</summary>
    public static void Recurse(int depth, string message)
    {
        if (depth >= SimulatedRecursionDepth)
        {
            throw new SimulatedFailureException("Simulated stack overflow", message);
        }
        Recurse(depth + 1, message);
    }

    /// <summary>Throws the innermost exception wrapped <paramref name="depth"/> − 1 times, each with a real stack trace.</summary>
    public static Exception BuildChain(string message, int depth)
    {
        Exception current = Capture(() =>
            throw new InvalidOperationException($"Root cause: {message}")
        );
        for (var level = 1; level < depth; level++)
        {
            var inner = current;
            var wrapperLevel = level;
            current = Capture(() =>
                throw new InvalidOperationException($"Wrapped at level {wrapperLevel}", inner)
            );
        }
        return current;
    }

    private static Exception Capture(Action thrower)
    {
        try
        {
            thrower();
        }
        catch (Exception exception)
        {
            return exception;
        }
        throw new InvalidOperationException("unreachable");
    }
}
