using System.Diagnostics;

namespace CaroLoad;

/// <summary>Named pipes for the allocation probe and perf's control channel (coreutils' mkfifo).</summary>
public static class Fifo
{
    public static void Create(params string[] paths)
    {
        using var mkfifo = Process.Start("mkfifo", paths);
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"mkfifo could not create {string.Join(", ", paths)} (exit {mkfifo.ExitCode})"
            );
        }
    }
}
