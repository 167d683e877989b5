using System.Net;
using Build.Host;
using Build.Secrets;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Secrets;

/// <summary>
/// Loading tenants' Alertmanager configurations with their Slack webhook, against a recording stand-in of Mimir's
/// API (a test double: Mimir's image cannot be pulled here).
/// </summary>
public sealed class AlertmanagerUploadTests
{
    private const string Webhook =
        "https://hooks.example.test/services/T000/B000/not-a-real-hook-for-tests";

    [Test]
    public void Every_real_tenant_file_holds_the_placeholder_the_upload_replaces()
    {
        var directory = Path.Combine(TestPaths.Root, "stack", "config", "mimir", "alertmanager");
        var files = Directory.GetFiles(directory, "*.yaml");

        Assert.That(
            files.Select(Path.GetFileNameWithoutExtension),
            Is.EquivalentTo(
                new[] { "caro-backend-prod", "caro-backend-staging", "infra-monitoring" }
            )
        );
        foreach (var file in files)
        {
            var variable = AlertmanagerUpload.VariableFor(Path.GetFileNameWithoutExtension(file));
            Assert.That(
                File.ReadAllText(file),
                Does.Contain(AlertmanagerUpload.PlaceholderFor(variable)),
                file
            );
        }
    }

    [Test]
    public async Task A_tenant_with_a_webhook_is_posted_with_its_org_id_and_one_without_is_skipped()
    {
        using var folder = new TempConfigs();
        await using var mimir = new MimirDouble(HttpStatusCode.Created);
        var masker = new SecretMasker();
        using var client = new HttpClient();

        var tenants = await new AlertmanagerUpload(client, masker).UploadAsync(
            folder.Path,
            mimir.Url,
            name => name == "SLACK_WEBHOOK_URL_TEAM_A" ? Webhook : null,
            default
        );

        Assert.That(
            tenants.Select(t => (t.Tenant, t.Uploaded)),
            Is.EqualTo(new[] { ("team-a", true), ("team-b", false) })
        );
        var request = mimir.Requests.Single();
        Assert.That(request.Path, Is.EqualTo("/api/v1/alerts"));
        Assert.That(request.OrgId, Is.EqualTo("team-a"));
        Assert.That(request.Body, Does.StartWith("alertmanager_config: |\n  route:\n"));
        Assert.That(request.Body, Does.Contain($"      - api_url: \"{Webhook}\"\n"));
        Assert.That(request.Body, Does.Not.Contain(AlertmanagerUpload.PlaceholderPrefix));
        Assert.That(request.Body, Does.EndWith("template_files: {}\n"));
        Assert.That(
            masker.Apply(Webhook),
            Is.EqualTo(SecretMasker.Mask),
            "the webhook is masked from then on"
        );
    }

    [Test]
    public async Task A_refusal_is_one_line_that_never_shows_the_webhook()
    {
        using var folder = new TempConfigs();
        await using var mimir = new MimirDouble(HttpStatusCode.BadRequest, echo: true);
        using var client = new HttpClient();
        var upload = new AlertmanagerUpload(client, new SecretMasker());

        var error = await Assert.ThrowsAsync<BuildException>(() =>
            upload.UploadAsync(folder.Path, mimir.Url, _ => Webhook, default)
        );

        Assert.That(
            error!.Message,
            Does.StartWith("Mimir refused the Alertmanager configuration of team-a (HTTP 400): ")
        );
        Assert.That(error.Message, Does.Not.Contain(Webhook));
    }

    private sealed class TempConfigs : IDisposable
    {
        public TempConfigs()
        {
            Path = Directory.CreateTempSubdirectory("alertmanager-configs-").FullName;
            foreach (var tenant in new[] { "team-a", "team-b" })
            {
                var variable = AlertmanagerUpload.VariableFor(tenant);
                File.WriteAllText(
                    System.IO.Path.Combine(Path, tenant + ".yaml"),
                    $"route:\n  receiver: slack\nreceivers:\n  - name: slack\n    slack_configs:\n      - api_url: {AlertmanagerUpload.PlaceholderFor(variable)}\n"
                );
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Test double of Mimir's Alertmanager API: records each request and answers a fixed status.</summary>
    private sealed class MimirDouble : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public MimirDouble(HttpStatusCode status, bool echo = false)
        {
            var port = TestStack.FreePort();
            Url = new Uri($"http://127.0.0.1:{port}/");
            _listener.Prefixes.Add(Url.ToString());
            _listener.Start();
            _loop = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    var body = await new StreamReader(context.Request.InputStream).ReadToEndAsync();
                    lock (Requests)
                    {
                        Requests.Add(
                            (
                                context.Request.Url!.AbsolutePath,
                                context.Request.Headers["X-Scope-OrgID"],
                                body
                            )
                        );
                    }
                    context.Response.StatusCode = (int)status;
                    var answer = System.Text.Encoding.UTF8.GetBytes(
                        echo ? "bad config: " + body.ReplaceLineEndings(" ") : ""
                    );
                    await context.Response.OutputStream.WriteAsync(answer);
                    context.Response.Close();
                }
            });
        }

        public Uri Url { get; }
        public List<(string Path, string? OrgId, string Body)> Requests { get; } = [];

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _loop;
            _listener.Close();
        }
    }
}
