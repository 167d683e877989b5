namespace Caro.Shared.Settings;

/// <summary>A configuration value Caro cannot use; the message is one line naming the fix.</summary>
public sealed class SettingsException(string message) : Exception(message);
