using System.Globalization;
using System.Runtime.InteropServices;
using Build.Host;
using Build.Tools;
using Build.Validation.Model;

namespace Build.Docker;

/// <summary>
/// The stack's data directories (<c>stack/data/&lt;service&gt;/</c>, bind-mounted): created before <c>up</c>, owned by
/// the service's declared <c>user:</c> when the build runs as root, so non-root images can write to them.
/// </summary>
public static class DataDirectories
{
    /// <summary>Creates the bind-mount directories under <paramref name="dataRoot"/> of <paramref name="services"/>.</summary>
    public static IReadOnlyList<string> Prepare(
        IEnumerable<ComposeService> services,
        string dataRoot
    )
    {
        var created = new List<string>();
        foreach (var service in services)
        {
            foreach (var bind in service.Binds.Where(b => FilePaths.IsInside(dataRoot, b.HostPath)))
            {
                try
                {
                    Directory.CreateDirectory(bind.HostPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new BuildException(
                        $"Cannot create data directory {bind.HostPath} for {service.Name}: {e.Message}"
                    );
                }
                if (
                    IsRoot
                    && ParseUser(service.User) is var (uid, gid)
                    && Chown(bind.HostPath, uid, gid) != 0
                )
                {
                    throw new BuildException(
                        $"Cannot give {bind.HostPath} to {service.User} ({service.Name}): chown failed (errno {Marshal.GetLastPInvokeError()})."
                    );
                }
                created.Add(bind.HostPath);
            }
        }
        return created;
    }

    /// <summary>Numeric <c>uid[:gid]</c> of a compose <c>user:</c>; names cannot be resolved outside the image.</summary>
    public static (int Uid, int Gid)? ParseUser(string? user)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return null;
        }
        var parts = user.Split(':');
        if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var uid))
        {
            return null;
        }
        var gid =
            parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var g)
                ? g
                : uid;
        return (uid, gid);
    }

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "chown", SetLastError = true)]
    private static extern int Chown(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        int owner,
        int group
    );
}
