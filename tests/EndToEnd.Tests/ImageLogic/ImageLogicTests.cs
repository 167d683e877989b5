using Build;
using Build.Host;
using Build.Image;
using EndToEnd.Tests.Support;

namespace EndToEnd.Tests.ImageLogic;

/// <summary>
/// The pure parts of the image build (no engine needed): the input hash that decides "nothing changed", image
/// names, the pinned base read from the real Dockerfile, and the publish settings' files.
/// </summary>
[TestFixture]
public sealed class ImageLogicTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("image-logic-").FullName;
        File.WriteAllText(Path.Combine(_dir, "Caro"), "binary v1");
        Directory.CreateDirectory(Path.Combine(_dir, "sub"));
        File.WriteAllText(Path.Combine(_dir, "sub", "appsettings.json"), "{}");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private string Hash() =>
        new InputHash().AddDirectory(_dir, "obj").Add("base-id", "sha256:1").Finish();

    [Test]
    public void TheHashIsStableWhenNothingChanges() => Assert.That(Hash(), Is.EqualTo(Hash()));

    [Test]
    public void TheHashChangesWithAFilesContent()
    {
        var before = Hash();
        File.WriteAllText(Path.Combine(_dir, "sub", "appsettings.json"), "{ }");
        Assert.That(Hash(), Is.Not.EqualTo(before));
    }

    [Test]
    public void TheHashChangesWhenAFileIsAddedOrRenamed()
    {
        var before = Hash();
        File.Move(Path.Combine(_dir, "Caro"), Path.Combine(_dir, "Caro2"));
        var renamed = Hash();
        File.WriteAllText(Path.Combine(_dir, "extra"), "");
        Assert.That(new[] { before, renamed, Hash() }, Is.Unique);
    }

    [Test]
    public void ExcludedFoldersDoNotCount()
    {
        var before = Hash();
        Directory.CreateDirectory(Path.Combine(_dir, "obj"));
        File.WriteAllText(Path.Combine(_dir, "obj", "x.cs"), "generated");
        Assert.That(Hash(), Is.EqualTo(before));
    }

    [Test]
    public void TheBaseImageIdIsAnInput() =>
        Assert.That(
            new InputHash().AddDirectory(_dir).Add("base-id", "sha256:2").Finish(),
            Is.Not.EqualTo(new InputHash().AddDirectory(_dir).Add("base-id", "sha256:1").Finish())
        );

    [TestCase("caro-demo:local", "caro-demo", "local", false)]
    [TestCase("caro-demo", "caro-demo", "latest", false)]
    [TestCase("localhost:5000/caro:1.2", "localhost:5000/caro", "1.2", true)]
    [TestCase(
        "mcr.microsoft.com/dotnet/runtime-deps:10.0.12-noble-chiseled",
        "mcr.microsoft.com/dotnet/runtime-deps",
        "10.0.12-noble-chiseled",
        true
    )]
    [TestCase("team/caro:x", "team/caro", "x", false)]
    public void ImageNamesSplitIntoRepositoryAndTag(
        string text,
        string repository,
        string tag,
        bool registry
    )
    {
        var image = ImageReference.Parse(text, "test");
        Assert.That(
            (image.Repository, image.Tag, image.HasRegistry),
            Is.EqualTo((repository, tag, registry))
        );
    }

    [TestCase("Caro-Demo:local")]
    [TestCase("caro demo")]
    [TestCase("caro@sha256:abc")]
    [TestCase("")]
    public void BadImageNamesAreUsageErrorsNamingTheSource(string text)
    {
        var error = Assert.Throws<UsageException>(() => ImageReference.Parse(text, "--base-image"));
        Assert.That(error!.Message, Does.StartWith("--base-image"));
    }

    [Test]
    public void TheDefaultBaseIsTheDockerfilesPinnedChiseledRuntimeDeps()
    {
        var image = CaroImageBuilder.DefaultBase(
            Path.Combine(BuildScript.Root, "caro", "Dockerfile")
        );
        Assert.That(image.Repository, Is.EqualTo("mcr.microsoft.com/dotnet/runtime-deps"));
        Assert.That(
            image.Tag,
            Does.Match(@"^\d+\.\d+\.\d+-[a-z]+-chiseled$"),
            "the base must be pinned to an exact patch"
        );
    }

    [Test]
    public void ADockerfileWithoutTheBaseArgumentIsOneClearError()
    {
        var dockerfile = Path.Combine(_dir, "Dockerfile");
        File.WriteAllText(dockerfile, "FROM scratch\n");
        var error = Assert.Throws<BuildException>(() => CaroImageBuilder.DefaultBase(dockerfile));
        Assert.That(error!.Message, Does.Contain("ARG BASE_IMAGE="));
    }

    [Test]
    public void ThePublishSettingsPointAtFilesThatExist()
    {
        var paths = new BuildPaths(new Cake.Core.IO.DirectoryPath(BuildScript.Root));
        Assert.That(
            File.Exists(CaroPublishSettings.Project(paths)),
            CaroPublishSettings.Project(paths)
        );
        var properties = new CaroPublishSettings(ReadyToRunMode.None)
            .Properties(paths)
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.That(
            File.Exists(properties["CustomAfterMicrosoftCommonTargets"]),
            "the trimming roots file is missing"
        );
        Assert.That(properties, Does.Not.ContainKey("PublishReadyToRun"));
        Assert.That(
            new CaroPublishSettings(ReadyToRunMode.Full).Properties(paths).Select(p => p.Key),
            Does.Contain("PublishReadyToRun").And.Not.Contain("CaroStartupProfile")
        );
        var startup = new CaroPublishSettings(ReadyToRunMode.Startup)
            .Properties(paths)
            .ToDictionary(p => p.Key, p => p.Value);
        Assert.That(startup["PublishReadyToRun"], Is.EqualTo("true"));
        Assert.That(startup["PublishReadyToRunCrossgen2ExtraArgs"], Is.EqualTo("--partial"));
        Assert.That(
            startup["CaroStartupProfile"],
            Is.EqualTo(CaroPublishSettings.StartupProfile(paths))
        );
        Assert.That(
            File.ReadAllText(properties["CustomAfterMicrosoftCommonTargets"]),
            Does.Contain("<PublishReadyToRunPgoFiles Include=\"$(CaroStartupProfile)\" />"),
            "the targets file must hand the profile to crossgen2"
        );
    }

    [Test]
    public void TheReadyToRunArgumentNamesAModeOrIsOneClearError()
    {
        Assert.That(CaroPublishSettings.ParseMode(null), Is.EqualTo(ReadyToRunMode.Startup));
        Assert.That(CaroPublishSettings.ParseMode("FULL"), Is.EqualTo(ReadyToRunMode.Full));
        Assert.That(CaroPublishSettings.ParseMode("none"), Is.EqualTo(ReadyToRunMode.None));
        var error = Assert.Throws<UsageException>(() => CaroPublishSettings.ParseMode("fast"));
        Assert.That(error!.Message, Does.Contain("startup, full, none"));
    }

    [Test]
    public void TheProjectVersionComesFromTheProjectFileOrTheSdkDefault()
    {
        var project = Path.Combine(_dir, "x.csproj");
        File.WriteAllText(
            project,
            "<Project><PropertyGroup><VersionPrefix>2.3.4</VersionPrefix></PropertyGroup></Project>"
        );
        Assert.That(ImageLabels.ProjectVersion(project), Is.EqualTo("2.3.4"));
        File.WriteAllText(project, "<Project />");
        Assert.That(ImageLabels.ProjectVersion(project), Is.EqualTo("1.0.0"));
    }
}
