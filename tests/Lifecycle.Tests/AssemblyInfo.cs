// The lifecycle drives Docker on Linux; the tests use Unix file modes and run only there.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
