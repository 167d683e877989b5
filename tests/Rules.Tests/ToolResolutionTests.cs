using Build.Host;
using Build.Rules;
using Build.Rules.Mimirtool;
using Build.Stack;
using Build.Tools;

namespace Rules.Tests;

/// <summary>
/// Tool resolution order: explicit path, then PATH, then the official image through Docker. The executables
/// here are test doubles (shell scripts named after the tools), on a PATH each test builds itself.
/// </summary>
[TestFixture]
public sealed class ToolResolutionTests
{
    /// <summary>The stack's Mimir pin and the mimirtool TestRules derives from it (the version is written only in compose).</summary>
    private static readonly ImagePin MimirPin = ImagePins.Get(Fixtures.Stack, "mimir");
    private static readonly ExternalTool Mimirtool = MimirtoolTool.For(Fixtures.Stack);

    private TempFolder _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempFolder();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    /// <summary>A docker CLI double: logs its arguments, answers "info" and "image inspect" as told.</summary>
    private string DockerDouble(
        string folder,
        bool engine = true,
        bool imagePresent = true,
        bool pullWorks = false
    )
    {
        var log = Path.Combine(_temp.Path, "docker-calls.log");
        return _temp.Script(
            folder,
            "docker",
            $"""
            echo "$*" >> '{log}'
            case "$1" in
              info) {(
                engine
                    ? "echo 28.2.2; exit 0"
                    : "echo 'Cannot connect to the Docker daemon' >&2; exit 1"
            )} ;;
              image) {(
                imagePresent ? "echo sha256:0123; exit 0" : "echo 'No such image' >&2; exit 1"
            )} ;;
              pull) {(pullWorks ? "exit 0" : "echo 'pull access denied' >&2; exit 1")} ;;
            esac
            exit 3
            """
        );
    }

    private string[] DockerCalls()
    {
        var log = Path.Combine(_temp.Path, "docker-calls.log");
        return File.Exists(log) ? File.ReadAllLines(log) : [];
    }

    private ToolResolver Resolver(params string[] pathFolders) =>
        new(string.Join(Path.PathSeparator, pathFolders), Mount.SamePath([Fixtures.Root]));

    [Test]
    public void Explicit_path_beats_PATH_and_Docker()
    {
        var explicitFolder = _temp.Sub("explicit");
        var onPath = _temp.Sub("bin");
        var mine = _temp.Script(explicitFolder, "my-promtool", "exit 0");
        _temp.Script(onPath, "promtool", "exit 0");
        DockerDouble(onPath);

        var resolution = Resolver(onPath).Resolve(RuleTool.Promtool, mine);

        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Explicit));
        Assert.That(resolution.Tool!.Executable, Is.EqualTo(mine));
        Assert.That(resolution.Tool.PrefixArguments, Is.Empty);
        Assert.That(DockerCalls(), Is.Empty, "docker must not be asked when a path is given");
    }

    [Test]
    public void PATH_beats_Docker_and_the_first_PATH_folder_wins()
    {
        var first = _temp.Sub("first");
        var second = _temp.Sub("second");
        var expected = _temp.Script(first, "mimirtool", "exit 0");
        _temp.Script(second, "mimirtool", "exit 0");
        DockerDouble(second);

        var resolution = Resolver(first, second).Resolve(Mimirtool, null);

        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Path));
        Assert.That(resolution.Tool!.Executable, Is.EqualTo(expected));
        Assert.That(DockerCalls(), Is.Empty);
    }

    [Test]
    public void A_file_on_PATH_that_is_not_executable_is_passed_over()
    {
        var bin = _temp.Sub("bin");
        File.WriteAllText(Path.Combine(bin, "promtool"), "not a program");
        DockerDouble(bin);

        var resolution = Resolver(bin).Resolve(RuleTool.Promtool, null);

        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Docker));
    }

    [Test]
    public void Docker_runs_the_pinned_image_with_the_tool_as_entrypoint_when_the_binary_is_missing()
    {
        var bin = _temp.Sub("bin");
        var docker = DockerDouble(bin);

        var resolution = Resolver(bin).Resolve(RuleTool.Promtool, null);

        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Docker));
        Assert.That(resolution.Tool!.Executable, Is.EqualTo(docker));
        var arguments = resolution.Tool.Arguments("test", "rules", "/x.yaml");
        Assert.That(
            string.Join(' ', arguments),
            Does.EndWith(
                $"--volume {Fixtures.Root}:{Fixtures.Root}:ro --entrypoint /bin/promtool {RuleTool.PrometheusImage} test rules /x.yaml"
            )
        );
        Assert.That(arguments.Take(2), Is.EqualTo(new[] { "run", "--rm" }));
        Assert.That(DockerCalls(), Has.Some.StartsWith("info"));
        Assert.That(
            DockerCalls(),
            Has.Some.EqualTo("image inspect --format {{.Id}} " + RuleTool.PrometheusImage)
        );
        Assert.That(DockerCalls(), Has.None.StartsWith("pull"), "a present image is not pulled");
    }

    [Test]
    public void Docker_pulls_the_image_when_it_is_not_present()
    {
        var bin = _temp.Sub("bin");
        DockerDouble(bin, imagePresent: false, pullWorks: true);

        var resolution = Resolver(bin).Resolve(Mimirtool, null);

        Assert.That(resolution.Tool?.Source, Is.EqualTo(ToolSource.Docker));
        Assert.That(resolution.Tool!.PrefixArguments, Does.Contain(Mimirtool.Image));
        Assert.That(DockerCalls(), Has.Some.EqualTo("pull --quiet " + Mimirtool.Image));
    }

    [Test]
    public void Missing_when_the_image_is_neither_present_nor_pullable()
    {
        var bin = _temp.Sub("bin");
        DockerDouble(bin, imagePresent: false, pullWorks: false);

        var resolution = Resolver(bin).Resolve(Mimirtool, null);

        Assert.That(resolution.Found, Is.False);
        Assert.That(
            resolution.Reason,
            Does.Contain(
                $"{Mimirtool.Image} is not present locally and `docker pull {Mimirtool.Image}` failed (pull access denied)"
            )
        );
    }

    [Test]
    public void Offline_a_missing_image_is_not_pulled()
    {
        var bin = _temp.Sub("bin");
        DockerDouble(bin, imagePresent: false, pullWorks: true);

        var resolution = new ToolResolver(
            bin,
            Mount.SamePath([Fixtures.Root]),
            offline: true
        ).Resolve(Mimirtool, null);

        Assert.That(resolution.Found, Is.False);
        Assert.That(
            resolution.Reason,
            Is.EqualTo(
                $"not on PATH, and {Mimirtool.Image} is not present locally (--offline: not pulled)"
            )
        );
        Assert.That(DockerCalls(), Has.None.StartsWith("pull"));
    }

    [Test]
    public void Missing_when_no_Docker_engine_answers_and_the_message_carries_the_install_hint()
    {
        var bin = _temp.Sub("bin");
        DockerDouble(bin, engine: false);

        var resolution = Resolver(bin).Resolve(Mimirtool, null);

        Assert.That(resolution.Found, Is.False);
        Assert.That(resolution.Reason, Does.Contain("no Docker engine answers"));
        Assert.That(
            resolution.MissingMessage,
            Does.Contain("https://github.com/grafana/mimir/releases/tag/mimir-" + MimirPin.Tag)
        );
        Assert.That(resolution.MissingMessage, Does.Contain("--mimirtool=PATH"));
        Assert.That(
            DockerCalls(),
            Has.None.StartsWith("image"),
            "no image question without an engine"
        );
    }

    [Test]
    public void Missing_without_binary_and_without_docker_cli()
    {
        var empty = _temp.Sub("empty");

        var resolution = Resolver(empty).Resolve(RuleTool.Promtool, null);

        Assert.That(resolution.Found, Is.False);
        Assert.That(resolution.Reason, Does.Contain("no docker CLI"));
        Assert.That(resolution.MissingMessage, Does.Contain("apt-get install prometheus"));
    }

    [Test]
    public void An_explicit_path_without_an_executable_is_a_usage_error_naming_the_argument()
    {
        var missing = Path.Combine(_temp.Path, "nowhere", "promtool");

        var error = Assert.Throws<UsageException>(() =>
            Resolver(_temp.Path).Resolve(RuleTool.Promtool, missing)
        );

        Assert.That(
            error!.Message,
            Does.StartWith($"--promtool={missing}: no executable file there")
        );
    }

    [Test]
    public void Docker_mounts_only_the_outermost_folders()
    {
        var mounts = ToolResolver.OutermostFolders([
            "/repo/stack/rules",
            "/repo",
            "/elsewhere/tests",
            "/repo/tests/rules/",
        ]);

        Assert.That(mounts, Is.EqualTo(new[] { "/repo", "/elsewhere/tests" }));
    }

    [Test]
    public void Mimirtools_image_and_release_follow_the_Mimir_pin_of_the_compose_file()
    {
        var stack = _temp.Sub("stack");
        File.WriteAllText(
            Path.Combine(stack, "docker-compose.yaml"),
            "x-images:\n  mimir: &mimir-image ${MIMIR_IMAGE:-grafana/mimir:9.8.7}\nservices: {}\n"
        );

        var tool = MimirtoolTool.For(stack);

        Assert.That(tool.Image, Is.EqualTo("grafana/mimirtool:9.8.7"));
        Assert.That(
            tool.InstallHint,
            Does.Contain("https://github.com/grafana/mimir/releases/tag/mimir-9.8.7")
        );
    }

    [Test]
    public void A_compose_file_without_the_Mimir_pin_is_one_line_naming_the_pin()
    {
        var stack = _temp.Sub("stack");
        File.WriteAllText(Path.Combine(stack, "docker-compose.yaml"), "services: {}\n");

        var error = Assert.Throws<BuildException>(() => MimirtoolTool.For(stack));

        Assert.That(
            error!.Message,
            Does.EndWith(
                "has no x-images pin 'mimir' (`mimir: ${MIMIR_IMAGE:-<repository>:<tag>}`): restore it from git."
            )
        );
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }
}
