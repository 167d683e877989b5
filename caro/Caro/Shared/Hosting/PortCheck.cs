using System.Net;
using System.Net.Sockets;
using Caro.Shared.Settings;

namespace Caro.Shared.Hosting;

/// <summary>Checks before starting that both ports can be bound, so a taken port is one clear line, not a host failure log.</summary>
public static class PortCheck
{
    public static void EnsureFree(CaroSettings settings)
    {
        var address = IPAddress.Parse(settings.BindAddress);
        foreach (
            var (port, key) in new[]
            {
                (settings.HttpPort, CaroSettings.HttpPortKey),
                (settings.ManagementPort, CaroSettings.ManagementPortKey),
            }
        )
        {
            try
            {
                using var probe = new TcpListener(address, port);
                probe.Server.SetSocketOption(
                    SocketOptionLevel.Socket,
                    SocketOptionName.ReuseAddress,
                    true
                );
                probe.Start();
            }
            catch (SocketException exception)
            {
                throw new SettingsException(
                    $"cannot listen on {settings.BindAddress}:{port} ({exception.Message}); set {key} to a free port."
                );
            }
        }
    }
}
