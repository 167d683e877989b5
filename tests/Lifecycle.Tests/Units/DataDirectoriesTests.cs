using Build.Docker;
using Build.Host;
using Build.Tools;
using Build.Validation.Model;

namespace Lifecycle.Tests.Units;

/// <summary>Data directories: created before up, owned by the service's declared user, one line when impossible.</summary>
public sealed class DataDirectoriesTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp() => _root = Directory.CreateTempSubdirectory("data-dirs-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Only_binds_under_the_data_root_are_created_with_the_declared_owner()
    {
        var data = Path.Combine(_root, "data");
        var service = Service(
            "10001:10002",
            Path.Combine(data, "loki"),
            Path.Combine(_root, "config", "loki")
        );

        var created = DataDirectories.Prepare([service], data);

        Assert.That(created, Is.EqualTo(new[] { Path.Combine(data, "loki") }));
        Assert.That(
            Directory.Exists(Path.Combine(_root, "config", "loki")),
            Is.False,
            "config binds are not data"
        );
        if (DataDirectories.IsRoot)
        {
            var stat = new CommandRunner()
                .RunAsync(new CommandSpec("stat", ["-c", "%u:%g", created[0]]))
                .GetAwaiter()
                .GetResult();
            Assert.That(stat.StandardOutput.Trim(), Is.EqualTo("10001:10002"));
        }
    }

    [Test]
    public void A_directory_that_cannot_be_created_is_one_line_naming_it_and_the_service()
    {
        var data = Path.Combine(_root, "data");
        File.WriteAllText(data, "a file where the data folder should be");

        var error = Assert.Throws<BuildException>(() =>
            DataDirectories.Prepare([Service(null, Path.Combine(data, "tempo"))], data)
        );

        Assert.That(
            error!.Message,
            Does.StartWith($"Cannot create data directory {Path.Combine(data, "tempo")} for svc:")
        );
    }

    [TestCase("472:0", 472, 0)]
    [TestCase("10001", 10001, 10001)]
    [TestCase("nonroot", null, null)]
    [TestCase(null, null, null)]
    public void Users_are_read_as_numeric_uid_and_gid(string? user, int? uid, int? gid)
    {
        var parsed = DataDirectories.ParseUser(user);

        Assert.That(parsed?.Uid, Is.EqualTo(uid));
        Assert.That(parsed?.Gid, Is.EqualTo(gid));
    }

    /// <summary>A service read as the lifecycle reads the stack's compose file, with absolute bind sources.</summary>
    private ComposeService Service(string? user, params string[] binds) =>
        ComposeFile
            .Parse(
                $"services:\n  svc:\n{(user is null ? "" : $"    user: \"{user}\"\n")}    volumes:\n"
                    + string.Concat(binds.Select(b => $"      - {b}:/data\n")),
                Path.Combine(_root, "docker-compose.yaml"),
                _ => null
            )
            .Services.Single();
}
