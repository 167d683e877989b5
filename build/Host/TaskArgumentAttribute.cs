namespace Build.Host;

/// <summary>How an argument's value is read, and so how it is checked before any task runs.</summary>
public enum ArgumentKind
{
    /// <summary>Any text (<see cref="BuildArguments.Get"/>); restricted to <see cref="TaskArgumentAttribute.Values"/> when given.</summary>
    Text,

    /// <summary>A switch (<see cref="BuildArguments.Flag"/>): <c>--name</c>, <c>--name=true</c> or <c>--name=false</c>.</summary>
    Flag,

    /// <summary>A whole number from <see cref="TaskArgumentAttribute.Min"/> to <see cref="TaskArgumentAttribute.Max"/> (<see cref="BuildArguments.GetInt(string)"/>).</summary>
    Number,

    /// <summary>A non-empty comma-separated list (<see cref="BuildArguments.GetList"/>); each item in <see cref="TaskArgumentAttribute.Values"/> when given.</summary>
    List,
}

/// <summary>
/// One <c>--name=value</c> argument a task reads. Put it on the task class, or on a helper class that reads
/// arguments for several tasks and name that helper on each task with <see cref="TaskArgumentsFromAttribute"/>.
/// <c>Default</c>/<c>--description</c> print it; the host checks the command line against it before any task
/// runs; reading an argument that the running task did not declare is an internal error.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class TaskArgumentAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    /// <summary>What the argument does, one short sentence.</summary>
    public string Description { get; } = description;

    public ArgumentKind Kind { get; init; } = ArgumentKind.Text;

    /// <summary>The value used when the argument is absent, as printed (for a number: the number itself).</summary>
    public string? Default { get; init; }

    /// <summary>The only values accepted (case-insensitive), for a <see cref="ArgumentKind.Text"/> or each item of a <see cref="ArgumentKind.List"/>.</summary>
    public string[]? Values { get; init; }

    public int Min { get; init; } = int.MinValue;
    public int Max { get; init; } = int.MaxValue;

    /// <summary>Unit of a number, e.g. "seconds" (stated in the range message).</summary>
    public string? Unit { get; init; }

    /// <summary>How the argument is written in help: <c>--name=a|b</c>, <c>--name=1..60</c>, <c>--name</c>.</summary>
    public string Usage =>
        Kind switch
        {
            ArgumentKind.Flag => $"--{Name}",
            ArgumentKind.Number => $"--{Name}={Min}..{Max}",
            ArgumentKind.List when Values is not null => $"--{Name}={string.Join("|", Values)},...",
            ArgumentKind.List => $"--{Name}=a,b,...",
            _ when Values is not null => $"--{Name}={string.Join("|", Values)}",
            _ => $"--{Name}=<value>",
        };
}

/// <summary>The task also reads the arguments declared on <see cref="Type"/> (a helper such as StackSession).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class TaskArgumentsFromAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
