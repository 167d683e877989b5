using Build.Caro;
using Build.Host;
using Cake.Common.Diagnostics;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Build;
using Cake.Core;

namespace Build.Tasks.Caro;

[TaskName(nameof(CaroBuild))]
[TaskDescription("Compiles Caro (caro/Caro); --configuration=Release for an optimised build.")]
[TaskArgumentsFrom(typeof(CaroProjects))]
public sealed class CaroBuild : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var project = CaroProjects.Service(context);
        try
        {
            context.DotNetBuild(
                project.FullPath,
                new DotNetBuildSettings
                {
                    NoLogo = true,
                    Configuration = CaroProjects.Configuration(context),
                }
            );
        }
        catch (CakeException)
        {
            throw new BuildException("Caro does not compile: see the compiler errors above.");
        }
        context.Information("CaroBuild: {0} built.", project.GetFilename());
    }
}
