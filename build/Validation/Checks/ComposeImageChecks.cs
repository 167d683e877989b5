using Build.Validation.Model;
using Build.Validation.Reference;
using YamlDotNet.RepresentationModel;

namespace Build.Validation.Checks;

/// <summary>
/// Layer 2 for compose images: overridable, pinned to an exact version written once (compose's default, not repeated
/// in stack/env.yaml) with its Renovate annotation, healthchecks only with tools the image has.
/// </summary>
public static class ComposeImageChecks
{
    public static void Run(
        StackModel model,
        StackFile file,
        ComposeService service,
        ValidationReport report
    )
    {
        var node = service.Node.Get("image");
        if (service.Image is null || node is null)
        {
            report.Error(
                file.Path,
                service.Pos,
                $"service {service.Name} has no image (Up does not build images)"
            );
            return;
        }
        var refs = EnvReferences.Find(service.Image).ToList();
        if (refs.Count == 0)
        {
            report.Error(
                file.Path,
                node.Pos(),
                $"service {service.Name}: image '{service.Image}' is not overridable: write ${{<NAME>_IMAGE:-{service.Image}}}"
            );
        }
        foreach (var reference in refs.Where(r => r.Operator is ":-" or "-"))
        {
            if (
                model.Env.Variables.GetValueOrDefault(reference.Name)
                    is { Default.Length: > 0 } copy
                && model.EnvFile is { } env
            )
            {
                report.Error(
                    env.Path,
                    copy.Pos,
                    $"{copy.Name} repeats the image pin of {file.Path} ('{copy.Default}'): remove its default (default: null); the pin is written once, in x-images"
                );
            }
        }
        var resolved = Interpolation.Expand(service.Image, model.Env);
        var tag = ImageFacts.Tag(resolved);
        if (resolved.Length == 0)
        {
            report.Error(
                file.Path,
                node.Pos(),
                $"service {service.Name}: image has no default (neither in compose nor in stack/env.yaml)"
            );
            return;
        }
        if (
            tag is null or "latest"
            || (
                ImageFacts.For(resolved) is not null
                && !char.IsDigit(tag.TrimStart('v').FirstOrDefault())
            )
        )
        {
            report.Error(
                file.Path,
                node.Pos(),
                $"service {service.Name}: image '{resolved}' is not pinned to an exact version"
            );
            return;
        }
        if (ImageFacts.For(resolved) is { } fact)
        {
            var version = tag.TrimStart('v');
            if (
                !version.StartsWith(fact.ReferenceVersion + ".", StringComparison.Ordinal)
                && version != fact.ReferenceVersion
            )
            {
                report.Warning(
                    file.Path,
                    node.Pos(),
                    $"service {service.Name}: image '{resolved}' differs from the version Validate's reference describes ({fact.Repository} {fact.ReferenceVersion}.x): static checks may be inaccurate"
                );
            }
            CheckRenovate(file, service, node, fact, report);
            CheckHealthcheck(file, service, fact, tag, report);
        }
    }

    /// <summary>The line above the pin (x-images) must be its Renovate annotation (renovate.json's regex manager).</summary>
    private static void CheckRenovate(
        StackFile file,
        ComposeService service,
        YamlNode node,
        ImageFact fact,
        ValidationReport report
    )
    {
        var at = node.Pos();
        var lines = file.Text.Split('\n');
        var annotation = $"# renovate: datasource=docker depName={fact.Repository}";
        if (at.Line < 2 || lines[at.Line - 2].Trim() != annotation)
        {
            report.Error(
                file.Path,
                at,
                $"service {service.Name}: the image pin has no '{annotation}' line right above it: Renovate will not bump it"
            );
        }
    }

    private static void CheckHealthcheck(
        StackFile file,
        ComposeService service,
        ImageFact fact,
        string tag,
        ValidationReport report
    )
    {
        var test = service.Healthcheck?.Get("test");
        if (test is null)
        {
            return;
        }
        var words =
            test is YamlSequenceNode
                ? test.Strings().ToList()
                :
                [
                    "CMD-SHELL",
                    .. (test.Str() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
                ];
        if (words.Count == 0 || words[0] == "NONE")
        {
            return;
        }
        var tool =
            words[0] is "CMD" or "CMD-SHELL" && words.Count > 1
                ? (words[0] == "CMD-SHELL" ? "CMD-SHELL" : words[1])
                : words[0];
        var shellTool = words[0] == "CMD-SHELL" && words.Count > 1 ? words[1].Split(' ')[0] : null;
        var usable =
            fact.HealthTools.Contains(tool)
            && (shellTool is null || fact.HealthTools.Contains(shellTool));
        if (!usable)
        {
            report.Error(
                file.Path,
                test.Pos(),
                $"service {service.Name}: healthcheck runs '{shellTool ?? tool}', which {fact.Repository} does not have ({fact.Note})"
            );
        }
        else if (
            words.Contains("-health")
            && fact.HealthSince is { } since
            && Version.TryParse(tag.TrimStart('v').Split('-')[0], out var version)
            && version < since
        )
        {
            report.Error(
                file.Path,
                test.Pos(),
                $"service {service.Name}: '-health' exists only since {fact.Repository} {since}, the image is {tag}"
            );
        }
    }
}
