using System.Globalization;
using System.Text;

/// <summary>
/// Loaded into a Caro process through DOTNET_STARTUP_HOOKS by caro-load (not part of Caro): answers the
/// benchmark's questions for the bytes the process has allocated so far (GC.GetTotalAllocatedBytes), a figure
/// machine load does not change, and for the collections of each generation and the total GC pause time so far. caro-load makes two FIFOs next to CARO_LOAD_ALLOC_FILE (<c>.ask</c>,
/// <c>.answer</c>); the hook blocks on <c>.ask</c> and writes one line to <c>.answer</c> per byte read
/// ("allocated gen0 gen1 gen2 pause-ticks"), so it
/// costs nothing between questions (an earlier version wrote a file every 20 ms: 4–5 % of Caro's CPU, more per
/// request for the slower mode). It creates <c>.hooked</c> once it listens. Startup hooks are off in trimmed
/// publishes; there the file never appears and the benchmark prints n/a.
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
        new Thread(() =>
        {
            File.WriteAllText(path + ".hooked", "");
            var question = new byte[1];
            while (true)
            {
                using var ask = new FileStream(path + ".ask", FileMode.Open, FileAccess.Read);
                while (ask.Read(question) > 0)
                {
                    using var answer = new FileStream(
                        path + ".answer",
                        FileMode.Open,
                        FileAccess.Write
                    );
                    answer.Write(
                        Encoding.ASCII.GetBytes(
                            string.Join(
                                ' ',
                                new[]
                                {
                                    GC.GetTotalAllocatedBytes(false),
                                    GC.CollectionCount(0),
                                    GC.CollectionCount(1),
                                    GC.CollectionCount(2),
                                    GC.GetTotalPauseDuration().Ticks,
                                }.Select(n => n.ToString(CultureInfo.InvariantCulture))
                            )
                        )
                    );
                }
            }
        })
        {
            IsBackground = true,
            Name = "caro-load allocation probe",
        }.Start();
    }
}
