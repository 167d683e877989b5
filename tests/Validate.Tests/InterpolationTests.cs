using Build.Stack;
using Build.Validation.Checks;
using YamlDotNet.RepresentationModel;

namespace Validate.Tests;

/// <summary>
/// Validate expands paths and images with the catalog's defaults by compose's own rules (the lifecycle's
/// interpolation, never failing): the forms where its former rules disagreed with compose included.
/// </summary>
[TestFixture]
public sealed class InterpolationTests
{
    private static readonly EnvironmentCatalog Catalog = ReadCatalog(
        """
        variables:
          - name: EMPTY
            default: ""
          - name: SET
            default: local
          - name: DOLLARS
            default: x$$y
          - name: SECRET
            secret: true
        """
    );

    [TestCase("./config/${SET:-s3}.env", "./config/local.env")]
    [TestCase("${EMPTY-x}", "")] // was "x": '-' only replaces an unset variable
    [TestCase("${EMPTY:-x}", "x")]
    [TestCase("${SET+alt}", "alt")] // was "local": '+' gives the alternative when set
    [TestCase("${EMPTY+alt}", "alt")]
    [TestCase("${EMPTY:+alt}", "")]
    [TestCase("${SECRET+alt}", "")]
    [TestCase("${SET?needed}", "local")] // was "local" too, and an unset one expands to nothing below
    [TestCase("${SECRET?needed}", "")]
    [TestCase("${SECRET:?needed}", "")]
    [TestCase("${DOLLARS}", "x$$y")] // was "x$y": a value is not unescaped again
    [TestCase("a$$b-${SET}", "a$b-local")]
    [TestCase("${NOPE:-${SET}}", "local")]
    [TestCase("${UNCLOSED", "${UNCLOSED")]
    public void Catalog_defaults_expand_as_compose_expands_them(string text, string expected) =>
        Assert.That(Interpolation.Expand(text, Catalog), Is.EqualTo(expected));

    private static EnvironmentCatalog ReadCatalog(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return EnvironmentCatalog.Read(stream.Documents[0].RootNode);
    }
}
