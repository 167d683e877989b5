using System.Reflection;
using System.Text.RegularExpressions;
using Build.Host;

namespace Build.Tests;

/// <summary>The real build's argument declarations: complete, consistent, and enforced on the real targets.</summary>
[TestFixture]
public sealed partial class ArgumentDeclarationTests
{
    private static readonly Assembly BuildAssembly = typeof(BuildHost).Assembly;
    private static readonly TaskCatalog Catalog = new(
        TaskCatalog.Discover(BuildAssembly),
        typeof(BuildContext)
    );

    private static IEnumerable<string> TargetNames() => Catalog.All.Select(t => t.Name);

    /// <summary>Dry run evaluates every ShouldRun (and Test's project check) under the argument scope.</summary>
    [TestCaseSource(nameof(TargetNames))]
    public void Every_real_target_passes_a_dry_run_and_its_description_lists_its_arguments(
        string target
    )
    {
        var (exitCode, console) = HostFixture.RunRealBuild($"--target={target}", "--dryrun");
        Assert.That(exitCode, Is.EqualTo(BuildHost.Success), console.All);

        var (_, description) = HostFixture.RunRealBuild("--description");
        foreach (var argument in Catalog.Find(target)!.Arguments)
        {
            Assert.That(description.Out, Does.Contain(argument.Usage + " "));
            Assert.That(description.Out, Does.Contain(argument.Description));
        }
    }

    [Test]
    public void A_misspelt_target_switch_runs_nothing_and_suggests_target()
    {
        var (exitCode, console) = HostFixture.RunRealBuild("--taget=Up");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error.TrimEnd(),
            Is.EqualTo("Error: Unknown argument --taget. Did you mean --target?")
        );
        Assert.That(console.Out, Is.Empty);
    }

    [Test]
    public void Logs_service_switch_is_refused_for_Up()
    {
        var (exitCode, console) = HostFixture.RunRealBuild(
            "--target=Up",
            "--service=caro-demo",
            "--dryrun"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console.Error.TrimEnd(),
            Is.EqualTo(
                "Error: --service is not an argument of Up (nor of the tasks it runs); it is taken by Logs."
            )
        );
        Assert.That(console.Out, Does.Not.Contain("dry run"));
    }

    [Test]
    public void Bad_values_of_Up_and_its_dependencies_come_at_once()
    {
        var (exitCode, console) = HostFixture.RunRealBuild(
            "--target=Up",
            "--services=",
            "--timeout=0",
            "--secrets=vault",
            "--checker-timeout=0",
            "--dryrun"
        );

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(
            console
                .Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.TrimEnd()),
            Is.EquivalentTo(
                new[]
                {
                    "Error: --services is empty: name at least one value (a,b,...), or leave --services out for all.",
                    "Error: --timeout takes a whole number of seconds from 1 to 86400, not '0'.",
                    "Error: --secrets takes infisical or local, not 'vault'.",
                    "Error: --checker-timeout takes a whole number of seconds from 1 to 3600, not '0'.",
                }
            )
        );
    }

    [Test]
    public void An_unknown_test_project_is_refused_before_TestRules_runs()
    {
        var (exitCode, console) = HostFixture.RunRealBuild("--target=Test", "--project=Nope");

        Assert.That(exitCode, Is.EqualTo(BuildHost.UsageError));
        Assert.That(console.Error, Does.StartWith("Error: Unknown test project 'Nope'."));
        Assert.That(console.Out, Does.Not.Contain("TestRules"));
    }

    [Test]
    public void Declarations_are_well_formed()
    {
        var declared = Catalog
            .All.SelectMany(t => t.Arguments.Select(a => (Task: t.Name, Argument: a)))
            .Concat(Catalog.Global.Select(a => (Task: "host", Argument: a)));
        foreach (var (task, argument) in declared)
        {
            var where = $"{task} --{argument.Name}";
            Assert.That(argument.Name, Does.Match("^[a-z][a-z0-9-]*$"), where);
            Assert.That(argument.Description, Does.EndWith("."), where);
            Assert.That(argument.Values, Is.Null.Or.Not.Empty, where);
            if (argument.Kind == ArgumentKind.Number)
            {
                Assert.That(
                    int.TryParse(argument.Default, out var value),
                    where + ": numeric Default"
                );
                Assert.That(value, Is.InRange(argument.Min, argument.Max), where);
            }
        }
        var hostNames = Catalog.Global.Select(a => a.Name).ToHashSet();
        Assert.That(
            declared.Where(d => d.Task != "host" && hostNames.Contains(d.Argument.Name)),
            Is.Empty,
            "a task must not redeclare a host switch"
        );
    }

    /// <summary>
    /// Static check: every argument read in build/ (<c>Args.Get(XArguments.Name)</c> and friends) is declared by
    /// a class of the same file, so no read escapes the declarations even on a path no test runs.
    /// </summary>
    [Test]
    public void Every_argument_read_in_the_sources_is_declared_in_its_file()
    {
        var build = Path.Combine(HostFixture.RepositoryRoot, "build");
        var problems = new List<string>();
        var reads = 0;
        foreach (var file in Directory.EnumerateFiles(build, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            {
                continue;
            }
            var source = File.ReadAllText(file);
            var types = TypeDeclaration()
                .Matches(source)
                .Select(m =>
                    BuildAssembly.GetTypes().FirstOrDefault(t => t.Name == m.Groups[1].Value)
                )
                .OfType<Type>()
                .ToArray();
            var declared = types
                .SelectMany(TaskCatalog.ArgumentsOf)
                .Concat(ArgumentNames.Declared)
                .Select(a => a.Name)
                .ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (Match read in ArgumentRead().Matches(source))
            {
                reads++;
                if (read.Groups["variable"].Success)
                {
                    // A name passed in (e.g. TestRules' FolderArgument): the file must declare something.
                    if (declared.Count == ArgumentNames.Declared.Count)
                    {
                        problems.Add(
                            $"{Path.GetRelativePath(build, file)}: reads {read.Value} but declares nothing"
                        );
                    }
                    continue;
                }
                var name = read.Groups["literal"].Success
                    ? read.Groups["literal"].Value
                    : Constant(read.Groups["type"].Value, read.Groups["field"].Value);
                if (name is null || !declared.Contains(name))
                {
                    problems.Add(
                        $"{Path.GetRelativePath(build, file)}: reads {read.Value} (--{name}) without declaring it"
                    );
                }
            }
        }
        Assert.That(reads, Is.GreaterThan(30), "the scan must find the build's argument reads");
        Assert.That(problems, Is.Empty);
    }

    private static string? Constant(string type, string field) =>
        BuildAssembly
            .GetTypes()
            .Where(t => t.Name == type)
            .Select(t => t.GetField(field, BindingFlags.Public | BindingFlags.Static))
            .OfType<FieldInfo>()
            .Select(f => f.GetRawConstantValue() as string)
            .FirstOrDefault();

    [GeneratedRegex(@"\b(?:class|record)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(
        @"\bArgs\s*\.\s*(?:Get|GetAll|Has|Flag|GetInt|GetList)\(\s*(?:""(?<literal>[^""]+)""|(?<type>\w+)\.(?<field>\w+)|(?<variable>\w+)\s*[,)])"
    )]
    private static partial Regex ArgumentRead();
}
