using Build.Docker;
using Build.Health;
using Build.Host;
using Build.Secrets;
using Build.Stack;
using Build.Validation.Model;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Units;

/// <summary>Reading the real stack's compose file and catalog, and compose's interpolation rules.</summary>
public sealed class ComposeFileTests
{
    private static string RealCompose =>
        Path.Combine(TestPaths.Root, "stack", "docker-compose.yaml");

    [Test]
    public void The_real_stack_publishes_every_contract_port_on_127_0_0_1_and_declares_users()
    {
        var compose = ComposeFile.Load(RealCompose, _ => null);

        var ports = compose
            .Services.SelectMany(s => s.Ports)
            .GroupBy(p => (p.Service, p.ContainerPort))
            .ToDictionary(g => g.Key, g => g.First());
        Assert.That(ports[("grafana", 3000)].Published, Is.EqualTo(3000));
        Assert.That(ports[("alloy", 4317)].Published, Is.EqualTo(4317));
        Assert.That(ports[("caro-demo", 9090)].Published, Is.EqualTo(9090));
        Assert.That(
            compose.Find("mimir")!.Ports.Select(p => p.Published),
            Is.EqualTo(new int?[] { 9009, 9093 })
        );
        Assert.That(
            ports.Values.Select(p => p.HostIp).Distinct(),
            Is.EqualTo(new[] { "127.0.0.1" })
        );
        Assert.That(compose.Find("loki")!.User, Is.EqualTo("10001:10001"));
        Assert.That(
            compose.Find("grafana")!.Binds.Select(b => b.HostPath),
            Does.Contain(Path.Combine(TestPaths.Root, "stack", "data", "grafana"))
        );
    }

    [Test]
    public void Every_contract_service_gets_its_readiness_url_from_its_published_port()
    {
        var compose = ComposeFile.Load(
            RealCompose,
            name => name == "GRAFANA_PORT" ? "13000" : null
        );

        var urls = compose.Services.ToDictionary(
            s => s.Name,
            s => ReadinessTargets.For(s).Url?.ToString()
        );

        Assert.That(urls["grafana"], Is.EqualTo("http://127.0.0.1:13000/api/health"));
        Assert.That(urls["loki"], Is.EqualTo("http://127.0.0.1:3100/ready"));
        Assert.That(urls["mimir"], Is.EqualTo("http://127.0.0.1:9009/ready"));
        Assert.That(urls["tempo"], Is.EqualTo("http://127.0.0.1:3200/ready"));
        Assert.That(urls["alloy"], Is.EqualTo("http://127.0.0.1:12345/-/ready"));
        Assert.That(urls["caro-demo"], Is.EqualTo("http://127.0.0.1:9090/health/ready"));
    }

    [Test]
    public void The_real_catalog_reads_and_gives_local_values_only_to_required_secrets()
    {
        var catalog = EnvironmentCatalog.Load(Path.Combine(TestPaths.Root, "stack", "env.yaml"));

        var resolved = ResolvedEnvironment.Resolve(catalog, null, _ => null, localSecrets: true);

        Assert.That(resolved.Missing, Is.Empty);
        Assert.That(
            resolved.Get("GRAFANA_ADMIN_PASSWORD"),
            Is.EqualTo("local-dev-grafana_admin_password")
        );
        Assert.That(
            resolved
                .Variables.Where(v => v.Source == ValueSource.LocalDevelopment)
                .Select(v => v.Variable.Secret),
            Is.All.True
        );
    }

    // A is set but empty, B is set, NOPE is unset; every form of the compose specification.
    [TestCase("${B}", "set")]
    [TestCase("$B/$$B", "set/$B")]
    [TestCase("$${B}", "${B}")]
    [TestCase("${NOPE}", "")]
    [TestCase("${A:-x}", "x")]
    [TestCase("${A-x}", "")]
    [TestCase("${B:-x}", "set")]
    [TestCase("${NOPE-fallback}", "fallback")]
    [TestCase("${NOPE:-${B}}", "set")]
    [TestCase("${B:+alt}", "alt")]
    [TestCase("${A:+alt}", "")]
    [TestCase("${A+alt}", "alt")]
    [TestCase("${NOPE+alt}", "")]
    [TestCase("${A?err}", "")]
    [TestCase("${B?err}", "set")]
    [TestCase("${B:?err}", "set")]
    [TestCase("${D}", "x$$y")]
    public void Interpolation_follows_compose(string text, string expected)
    {
        var values = new Dictionary<string, string>
        {
            ["A"] = "",
            ["B"] = "set",
            ["D"] = "x$$y",
        };

        Assert.That(
            ComposeInterpolation.Interpolate(text, values.GetValueOrDefault),
            Is.EqualTo(expected)
        );
    }

    [TestCase("${P:?P is not set (Infisical)}", "P is not set: P is not set (Infisical)")]
    [TestCase("${P?needed}", "P is not set: needed")]
    [TestCase("${A:?empty is not enough}", "A is not set: empty is not enough")]
    public void A_required_variable_that_is_unset_is_one_line_with_its_message(
        string text,
        string message
    )
    {
        var error = Assert.Throws<BuildException>(() =>
            ComposeInterpolation.Interpolate(text, name => name == "A" ? "" : null)
        );

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void A_published_port_that_is_not_a_number_after_interpolation_is_one_line()
    {
        var error = Assert.Throws<BuildException>(() =>
            ComposeFile.Parse(
                "services:\n  web:\n    ports: [\"${WEB_PORT:-}:80\"]\n",
                "/tmp/docker-compose.yaml",
                _ => null
            )
        );

        Assert.That(
            error!.Message,
            Is.EqualTo(
                "Service web: cannot read published port ':80' (expected [ip:]host:container)."
            )
        );
    }

    [TestCase(
        "variables:\n  - name: P\n    secret: true\n    default: x\n",
        "fixture: secret P has a default; secrets never have one."
    )]
    [TestCase("variables:\n  - default: x\n", "fixture:2: a variable has no name.")]
    [TestCase("tenants:\n  - description: nameless\n", "fixture:2: a tenant has no name.")]
    [TestCase("variables: [\n  - {name: A}\n", "fixture:")]
    public void A_broken_catalog_is_one_line_naming_the_file(string yaml, string message)
    {
        var error = Assert.Throws<BuildException>(() => EnvironmentCatalog.Parse(yaml, "fixture"));

        Assert.That(error!.Message, Does.StartWith(message));
        Assert.That(error.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void The_masker_hides_every_known_secret_longest_first()
    {
        var masker = new SecretMasker();
        masker.Add("abc");
        masker.Add("abcdef-long");

        Assert.That(masker.Apply("x abcdef-long y abc z"), Is.EqualTo("x ******** y ******** z"));
        Assert.That(SecretMasker.Describe("12345"), Is.EqualTo("******** (5 chars)"));
    }

    [TestCase("exited", null, 0, 2, "exited with code 2")]
    [TestCase("restarting", null, 1, 1, "restarts in a loop")]
    [TestCase("running", null, 2, 1, "restarts in a loop")]
    [TestCase("running", "unhealthy", 0, 0, "is unhealthy")]
    [TestCase("running", "starting", 0, 0, null)]
    [TestCase("running", null, 1, 0, null)]
    public void The_watch_knows_which_containers_can_never_become_ready(
        string status,
        string? health,
        int restarts,
        int exitCode,
        string? reason
    )
    {
        var state = new ContainerState(
            "id",
            "p_web_1",
            "web",
            status,
            health,
            exitCode,
            restarts,
            null,
            []
        );

        Assert.That(
            ContainerWatch.Diagnose(state),
            reason is null ? Is.Null : Does.Contain(reason)
        );
    }
}
