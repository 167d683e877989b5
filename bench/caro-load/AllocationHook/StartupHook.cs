using System.Globalization;

/// <summary>
/// Loaded into a Caro process through DOTNET_STARTUP_HOOKS by caro-load (not part of Caro): every 20 ms it
/// writes the bytes the process has allocated so far (GC.GetTotalAllocatedBytes) to the file named by
/// CARO_LOAD_ALLOC_FILE, so the benchmark can report allocation per request, a figure machine load does not
/// change. Startup hooks are off in trimmed publishes; there the benchmark prints n/a.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("CARO_LOAD_ALLOC_FILE");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }
        var temporary = path + ".tmp";
        new Thread(() =>
        {
            while (true)
            {
                File.WriteAllText(
                    temporary,
                    GC.GetTotalAllocatedBytes(false).ToString(CultureInfo.InvariantCulture)
                );
                File.Move(temporary, path, overwrite: true);
                Thread.Sleep(20);
            }
        })
        {
            IsBackground = true,
            Name = "caro-load allocation probe",
        }.Start();
    }
}
