using Build.Docker;
using Lifecycle.Tests.Support;

namespace Lifecycle.Tests.Docker;

/// <summary>A <see cref="TestStack"/> of test-server containers, with its own free ports; removed on dispose.</summary>
public sealed class DockerStack : IDisposable
{
    private readonly EnvironmentScope _environment = new();

    /// <param name="web">Extra environment lines for the "web" service (YAML, 6 spaces indented).</param>
    /// <param name="worker">Whether to add the "worker" service (no endpoint; a Docker healthcheck).</param>
    /// <param name="secrets">The web service's environment lines that read secrets (YAML, 6 spaces indented).</param>
    /// <param name="printEnv">The variables the web service prints at start (its PRINT_ENV).</param>
    public DockerStack(
        string web = "",
        bool worker = false,
        string restart = "no",
        string secrets = "      APP_SECRET: ${APP_SECRET:?APP_SECRET is not set}",
        string printEnv = "APP_SECRET"
    )
    {
        WebPort = TestStack.FreePort();
        _environment.Set("WEB_PORT", WebPort.ToString());
        var compose = $"""
            services:
              web:
                image: {DockerFixture.Image}
                user: "10001:10001"
                restart: "{restart}"
                environment:
                  PORT: "8080"
                  PRINT_ENV: {printEnv}
            {secrets}
            {web}
                labels:
                  org.lgtm.readiness.port: "8080"
                  org.lgtm.readiness.path: /ready
                volumes:
                  - ./data/web:/data
                ports:
                  - "127.0.0.1:${"{"}WEB_PORT:-18080{"}"}:8080"
            """;
        if (worker)
        {
            compose += $"""

                  worker:
                    image: {DockerFixture.Image}
                    restart: "no"
                    environment:
                      PORT: "8081"
                    healthcheck:
                      test: ["CMD", "/app/TestServer", "healthcheck"]
                      interval: 1s
                      timeout: 5s
                      retries: 10
                """;
        }
        Stack = new TestStack(compose + "\n", Fixtures.Catalog);
    }

    public TestStack Stack { get; }
    public int WebPort { get; }
    public string Project => Stack.Project;

    public IReadOnlyList<ContainerState> Containers() =>
        DockerFixture.Docker.ProjectContainersAsync(Project, default).GetAwaiter().GetResult();

    public void Dispose()
    {
        DockerFixture.Docker.RemoveProjectAsync(Project, default).GetAwaiter().GetResult();
        _environment.Dispose();
        Stack.Dispose();
    }
}
