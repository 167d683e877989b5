using Build.Caro;
using Build.Host;
using Build.Tasks.Core;
using Cake.Common.Diagnostics;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;

namespace Build.Tasks.Caro;

[TaskName(nameof(CaroTest))]
[TaskDescription(
    "Runs Caro's tests (domain, HTTP API, telemetry, process, and the MariaDB suite when mariadbd is installed); --skip-mariadb, --filter=EXPR."
)]
[IsDependentOn(typeof(CaroBuild))]
[TaskArgumentsFrom(typeof(CaroProjects))]
[TaskArgument(TestArguments.Filter, "A dotnet test --filter expression.")]
[TaskArgument(CaroArguments.SkipMariaDb, "Leave out the MariaDB suite.", Kind = ArgumentKind.Flag)]
public sealed class CaroTest : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var filters = new List<string>();
        if (context.Args.Get(TestArguments.Filter) is { } filter)
        {
            filters.Add($"({filter})");
        }
        if (context.Args.Flag(CaroArguments.SkipMariaDb))
        {
            filters.Add("TestCategory!=MariaDb");
        }
        try
        {
            context.DotNetTest(
                CaroProjects.Tests(context).FullPath,
                new DotNetTestSettings
                {
                    NoLogo = true,
                    Configuration = CaroProjects.Configuration(context),
                    Filter = filters.Count == 0 ? null : string.Join("&", filters),
                    Loggers = ["console;verbosity=normal"],
                }
            );
        }
        catch (CakeException)
        {
            throw new BuildException("Caro's tests failed: see the failures above.");
        }
        context.Information("CaroTest: all Caro tests passed.");
    }
}
