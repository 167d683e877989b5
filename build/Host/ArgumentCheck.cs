namespace Build.Host;

/// <summary>
/// Checks the targets and every <c>--name=value</c> of the command line before any task runs (and before the
/// Docker engine is asked anything): each name must be a host switch, an argument of the app's context or of a
/// task that will run (the targets and, unless <c>--exclusive</c>, their dependencies), and each value must fit
/// its declaration. Returns every problem at once, one line each.
/// </summary>
public static class ArgumentCheck
{
    public static IReadOnlyList<string> Problems(CommandLine commandLine, TaskCatalog catalog)
    {
        // A target given on the command line is checked first; the implied Default after the arguments, so
        // that a misspelt --target is reported as such.
        var unknownTarget = commandLine
            .Targets.Where(t => catalog.Find(t) is null)
            .Select(t =>
                $"Unknown target '{t}'. Valid targets: {string.Join(", ", catalog.All.Select(x => x.Name))}."
            )
            .FirstOrDefault();
        if (unknownTarget is not null && commandLine.Arguments.ContainsKey(ArgumentNames.Target))
        {
            return [unknownTarget];
        }
        var plan = catalog.Plan(commandLine.Targets, commandLine.Exclusive);
        var targets = string.Join(", ", commandLine.Targets);
        var problems = new List<string>();
        foreach (var (name, values) in commandLine.Arguments)
        {
            if (ArgumentNames.Declared.Any(a => Is(a, name)))
            {
                continue; // the host's switches are checked by CommandLine.Parse
            }
            var declarations = catalog
                .Global.Where(a => Is(a, name))
                .Concat(plan.Select(t => t.Argument(name)).OfType<TaskArgumentAttribute>());
            if (!declarations.Any())
            {
                problems.Add(Unknown(name, targets, plan, catalog));
                continue;
            }
            problems.AddRange(declarations.SelectMany(d => ValueProblems(d, values)));
        }
        return problems.Count == 0 && unknownTarget is not null
            ? [unknownTarget]
            : problems.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static string Unknown(
        string name,
        string targets,
        IReadOnlyList<TaskInfo> plan,
        TaskCatalog catalog
    )
    {
        var takers = catalog.All.Where(t => t.Argument(name) is not null).Select(t => t.Name);
        if (takers.Any())
        {
            return $"--{name} is not an argument of {targets} (nor of the tasks it runs); it is taken by {string.Join(", ", takers)}.";
        }
        var known = catalog
            .Global.Concat(plan.SelectMany(t => t.Arguments))
            .Select(a => a.Name)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var guess =
            EditDistance.Suggest(name, known)
            ?? EditDistance.Suggest(
                name,
                catalog.All.SelectMany(t => t.Arguments).Select(a => a.Name)
            );
        return guess is not null
            ? $"Unknown argument --{name}. Did you mean --{guess}?"
            : $"Unknown argument --{name}; ./build.sh --description lists the arguments of each target.";
    }

    private static IEnumerable<string> ValueProblems(
        TaskArgumentAttribute declaration,
        IReadOnlyList<string> values
    )
    {
        var name = declaration.Name;
        switch (declaration.Kind)
        {
            case ArgumentKind.Flag:
                foreach (var value in values)
                {
                    if (!IsBool(value))
                    {
                        yield return $"--{name} takes true or false, not '{value}'.";
                    }
                }
                break;
            case ArgumentKind.Number:
                if (BuildArguments.ParseInt(values[^1], declaration.Min, declaration.Max) is null)
                {
                    yield return BuildArguments.RangeMessage(
                        name,
                        values[^1],
                        declaration.Min,
                        declaration.Max,
                        declaration.Unit
                    );
                }
                break;
            case ArgumentKind.List:
                var items = BuildArguments.SplitList(values);
                if (items.Count == 0)
                {
                    yield return $"--{name} is empty: name at least one value (a,b,...), or leave --{name} out{(declaration.Default is { } d ? " for " + d : "")}.";
                }
                foreach (var item in items.Where(i => !Allowed(declaration, i)))
                {
                    yield return NotAllowed(declaration, item);
                }
                break;
            default:
                if (!Allowed(declaration, values[^1]))
                {
                    yield return NotAllowed(declaration, values[^1]);
                }
                break;
        }
    }

    private static bool Allowed(TaskArgumentAttribute declaration, string value) =>
        declaration.Values is null
        || declaration.Values.Contains(value, StringComparer.OrdinalIgnoreCase);

    private static string NotAllowed(TaskArgumentAttribute declaration, string value) =>
        $"--{declaration.Name} takes {string.Join(" or ", declaration.Values!)}, not '{value}'{(value.Length > 2 ? EditDistance.Hint(value, declaration.Values!) : "")}.";

    private static bool IsBool(string value)
    {
        try
        {
            CommandLine.ParseBool("", value);
            return true;
        }
        catch (UsageException)
        {
            return false;
        }
    }

    private static bool Is(TaskArgumentAttribute argument, string name) =>
        argument.Name.Equals(name, StringComparison.OrdinalIgnoreCase);
}
