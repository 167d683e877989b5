using Build.Validation.Model;
using Build.Validation.Reference;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 3: the catalog's <c>usedBy</c> agrees with the compose file (EnvCheck and Up print and trust it):
/// every service it names reads the variable, and every service that reads a variable is named.
/// </summary>
public static class CatalogUsageChecks
{
    public static void Run(StackModel model, ValidationReport report)
    {
        if (model.EnvFile?.Yaml is null || model.Compose?.Yaml is null || model.Services.Count == 0)
        {
            return;
        }
        // What each service reads: its environment and env_file keys, and every ${VAR} in its definition.
        var reads = new Dictionary<string, HashSet<string>>();
        foreach (var service in model.Services)
        {
            reads[service.Name] = Interpolation.ContainerVariables(model, service);
            foreach (var scalar in service.Node.Scalars())
            {
                foreach (var reference in EnvReferences.Find(scalar.Value ?? ""))
                {
                    reads[service.Name].Add(reference.Name);
                    if (
                        model.Env.Variables.GetValueOrDefault(reference.Name) is { } variable
                        && !variable.UsedBy.Contains(service.Name)
                    )
                    {
                        report.Error(
                            model.Compose.Path,
                            scalar.Pos(),
                            $"{reference.Name} is read by service {service.Name}, but its usedBy in stack/env.yaml does not name it"
                        );
                    }
                }
            }
        }
        foreach (var variable in model.Env.Variables.Values)
        {
            foreach (var user in variable.UsedBy)
            {
                if (reads.TryGetValue(user, out var names))
                {
                    if (!names.Contains(variable.Name))
                    {
                        report.Error(
                            model.EnvFile.Path,
                            variable.Pos,
                            $"{variable.Name}: usedBy names {user}, but that service never reads it in docker-compose.yaml"
                        );
                    }
                }
                else if (EditDistance.Suggest(user, reads.Keys) is { } service)
                {
                    report.Error(
                        model.EnvFile.Path,
                        variable.Pos,
                        $"{variable.Name}: usedBy names '{user}', neither a compose service nor a build target (did you mean '{service}'?)"
                    );
                }
            }
        }
    }
}
