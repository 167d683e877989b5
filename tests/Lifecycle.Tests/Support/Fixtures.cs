namespace Lifecycle.Tests.Support;

/// <summary>Small catalogs and compose files for the tests (the real ones are read by their own tests).</summary>
public static class Fixtures
{
    public const string Catalog = """
        variables:
          - name: APP_SECRET
            path: /lgtm
            secret: true
            required: true
            requiredWhen: null
            default: null
            usedBy: [web]
            description: A secret the test server prints when asked (to test masking).
          - name: APP_GREETING
            path: /lgtm
            secret: false
            required: true
            default: "hello"
            usedBy: [web]
            description: A non-secret with a default.
          - name: STORAGE
            path: /lgtm
            secret: false
            required: true
            default: "local"
            usedBy: [web]
            description: Switch for the conditional secret.
          - name: GARAGE_KEY
            path: /garage
            secret: true
            required: false
            requiredWhen: "STORAGE=s3"
            default: null
            usedBy: [web]
            description: Required only when STORAGE=s3.
          - name: WEB_PORT
            path: /lgtm
            secret: false
            required: true
            default: "18080"
            usedBy: [web]
            description: Host port of the web service.
        """;

    /// <summary><see cref="Catalog"/> plus a variable that decides the tenant (per environment: Infisical only outside dev).</summary>
    public const string PerEnvironmentCatalog =
        Catalog
        + """

              - name: APP_TENANT
                path: /lgtm
                secret: false
                required: true
                perEnvironment: true
                default: "tenant-staging"
                usedBy: [web]
                description: The tenant the web service reports to; decides where its telemetry goes.
            """;

    /// <summary>A compose file with no services (for targets that do not touch Docker).</summary>
    public const string EmptyCompose = "services: {}\n";
}
