namespace Build.Caro;

/// <summary>Arguments of the Caro targets.</summary>
public static class CaroArguments
{
    /// <summary>Build configuration for CaroBuild/CaroTest/CaroRun (<c>--configuration=Release</c>; default Debug).</summary>
    public const string Configuration = "configuration";

    /// <summary>CaroTest: leave out the MariaDB suite (<c>--skip-mariadb</c>).</summary>
    public const string SkipMariaDb = "skip-mariadb";

    /// <summary>CaroRun: the API port (default 8080).</summary>
    public const string HttpPort = "http-port";

    /// <summary>CaroRun: the management (health) port (default 9090).</summary>
    public const string ManagementPort = "management-port";

    /// <summary>CaroRun: switch telemetry export off (<c>OTEL_SDK_DISABLED=true</c>).</summary>
    public const string NoTelemetry = "no-telemetry";
}
