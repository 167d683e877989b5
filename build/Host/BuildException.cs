namespace Build.Host;

/// <summary>
/// An expected failure with a message written for the user: the host prints the message as one line
/// (no stack trace unless <c>--verbosity=diagnostic</c>) and exits non-zero.
/// </summary>
public class BuildException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Bad command-line input: printed as one line, exit code 2.</summary>
public sealed class UsageException(string message) : BuildException(message);
