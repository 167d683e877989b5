using Build.Validation;
using Build.Validation.Checks;
using Build.Validation.River;

namespace Validate.Tests;

[TestFixture]
public sealed class RiverParserTests
{
    [Test]
    public void Parses_the_real_alloy_config()
    {
        var body = RiverParser.Parse(
            File.ReadAllText(
                Path.Combine(StackCopy.RepositoryRoot, "stack/config/alloy/config.alloy")
            )
        );
        Assert.That(body.Blocks().Select(b => b.Name), Does.Contain("otelcol.receiver.otlp"));
        Assert.That(body.Blocks().Count(), Is.GreaterThan(3));
    }

    [Test]
    public void Reads_blocks_labels_attributes_and_expressions()
    {
        const string text = """
            // comment
            /* block
               comment */
            prometheus.scrape "self" {
              targets    = [{"__address__" = "alloy:12345", job = "alloy"}, {"__address__" = sys.env("X")},]
              forward_to = [prometheus.remote_write.infra.receiver]
              enabled    = !false && 1 + 2 * 3 >= 7 || null == null
              limit      = 1.5e3
              raw        = `C:\path`
              escaped    = "a\"b\n\u00e9"
              nested {
                x = encoding.from_json("{}")["a"]
              }
            }
            logging {
              level = "info"
            }
            """;
        var body = RiverParser.Parse(text);
        var scrape = body.Blocks("prometheus.scrape").Single();
        Assert.That(scrape.Label, Is.EqualTo("self"));
        Assert.That(scrape.Id, Is.EqualTo("prometheus.scrape.self"));
        Assert.That(scrape.Pos, Is.EqualTo(new Position(4, 1)));
        var targets = (RiverArray)scrape.Body.Attribute("targets")!.Value;
        Assert.That(targets.Items, Has.Count.EqualTo(2));
        Assert.That(
            ((RiverObject)targets.Items[0]).Fields.Select(f => f.Key),
            Is.EqualTo(new[] { "__address__", "job" })
        );
        Assert.That(
            ((RiverArray)scrape.Body.Attribute("forward_to")!.Value).Items[0].DottedName(),
            Is.EqualTo("prometheus.remote_write.infra.receiver")
        );
        Assert.That(scrape.Body.Attribute("enabled")!.Value, Is.InstanceOf<RiverBinary>());
        Assert.That(scrape.Body.Attribute("raw")!.Value.StringValue(), Is.EqualTo("C:\\path"));
        Assert.That(scrape.Body.Attribute("escaped")!.Value.StringValue(), Is.EqualTo("a\"b\né"));
        Assert.That(
            scrape.Body.Blocks("nested").Single().Body.Attribute("x")!.Value,
            Is.InstanceOf<RiverIndex>()
        );
        Assert.That(body.Blocks("logging").Single().Label, Is.Null);
    }

    [TestCase("a = \"x\n", 1, 5, "not terminated")]
    [TestCase("foo \"l\" {\n  a = 1\n", 3, 1, "missing '}'")]
    [TestCase("foo {\n  a = [1\n  2]\n}\n", 2, 9, "missing ','")]
    [TestCase("foo {\n  a = 1 b = 2\n}\n", 2, 9, "expected a newline")]
    [TestCase("foo {\n  a = 10s\n}\n", 2, 7, "invalid number")]
    [TestCase("foo {\n  a = \"\\q\"\n}\n", 2, 8, "unknown escape")]
    [TestCase("foo {\n  = 1\n}\n", 2, 3, "expected an attribute or block name")]
    [TestCase("}\n", 1, 1, "no block is open")]
    [TestCase("a = {b = 1\n}\n", 1, 11, "missing ','")]
    [TestCase("x = 1 @ 2\n", 1, 7, "unexpected character")]
    [TestCase("a = \"\\U00110000\"\n", 1, 6, "invalid \\U escape")]
    public void Reports_the_first_syntax_error_with_its_position(
        string text,
        int line,
        int column,
        string message
    )
    {
        var error = Assert.Throws<RiverSyntaxException>(() => RiverParser.Parse(text))!;
        Assert.That(error.Message, Does.Contain(message));
        Assert.That(error.Position, Is.EqualTo(new Position(line, column)));
    }

    [Test]
    public void The_format_check_leaves_raw_strings_and_block_comments_as_written()
    {
        const string text = "a {\n\tb = `x\n    y`\n\t/* c\n    d */\n}\n  e = 1\n";
        var report = new ValidationReport();

        AlloyFormatChecks.Run("config.alloy", text, report);

        Assert.That(report.Findings, Has.Count.EqualTo(1));
        Assert.That(report.Findings[0].Line, Is.EqualTo(7));
        Assert.That(report.Findings[0].Message, Does.Contain("1 line is indented with spaces"));
    }
}
