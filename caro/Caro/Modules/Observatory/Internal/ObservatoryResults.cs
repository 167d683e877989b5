using System.Diagnostics;
using Caro.Modules.Observatory.Contracts;
using Caro.Shared.Api;

namespace Caro.Modules.Observatory.Internal;

/// <summary>The answer of an observatory operation: its name, how long it took, and what it did.</summary>
internal static class ObservatoryResults
{
    public static IResult Ok(
        string operation,
        Stopwatch watch,
        Dictionary<string, object?> details
    ) => ApiResults.Ok(new ObservatoryResult(operation, watch.ElapsedMilliseconds, details));
}
