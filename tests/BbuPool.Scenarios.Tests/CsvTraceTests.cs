using BbuPool.Core.Model;

namespace BbuPool.Scenarios.Tests;

public sealed class CsvTraceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bbupool-csv-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string csv)
    {
        File.WriteAllText(Path.Combine(_dir, "trace.csv"), csv);
        var path = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(path, Yaml.Replace("    profile: constant\n    utilisation: 0.5", "    profile: csv\n    file: trace.csv"));
        return path;
    }

    private const string Good = """
        time_s,cell,prb_utilisation,mcs,active_ues
        0,c-01,0.2,20,10
        100,c-01,0.6,24,30
        0,c-02,0.5,10,5
        0,c-03,0.1,5,1
        """;

    [Fact]
    public void Trace_is_interpolated_linearly_and_held_at_the_ends()
    {
        var result = ScenarioLoader.Load(Scenario(Good));
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var source = result.Scenario!.CreateTraffic(1);
        var loads = new LoadSample[3];

        source.Sample(50, loads);
        Assert.Equal(new LoadSample(0.4, 22, 20), loads[0]);
        Assert.Equal(new LoadSample(0.5, 10, 5), loads[1]);
        source.Sample(1_000, loads);
        Assert.Equal(new LoadSample(0.6, 24, 30), loads[0]);
        source.Sample(0, loads);
        Assert.Equal(new LoadSample(0.2, 20, 10), loads[0]);
    }

    [Fact]
    public void Missing_trace_file_is_reported_at_the_file_key()
    {
        var path = Scenario(Good);
        File.Delete(Path.Combine(_dir, "trace.csv"));

        var e = Assert.Single(ScenarioLoader.Load(path).Errors);
        Assert.Equal((path, 22, 11), (e.File, e.Line, e.Column));
        Assert.Contains("cannot read trace", e.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_csv_is_reported_at_its_own_line_and_column()
    {
        var path = Scenario(Good.Replace("100,c-01,0.6", "100,c-01,lots", StringComparison.Ordinal));

        var e = Assert.Single(ScenarioLoader.Load(path).Errors);
        Assert.Equal((Path.Combine(_dir, "trace.csv"), 3, 10), (e.File, e.Line, e.Column));
        Assert.Equal("prb_utilisation: expected a number, got 'lots'", e.Message);
    }

    [Theory]
    [InlineData("time_s,cell,prb_utilisatoin\n0,c-01,0.1\n", 1, 13, "unknown column 'prb_utilisatoin'; did you mean 'prb_utilisation'?")]
    [InlineData("time_s,cell,prb_utilisation\n0,c-01\n", 2, 1, "expected 3 fields")]
    [InlineData("time_s,cell,prb_utilisation\n0,c-01,1.2\n", 2, 8, "1.2 is out of range")]
    [InlineData("time_s,cell,prb_utilisation\n5,c-01,0.2\n5,c-01,0.3\n", 3, 1, "is not after its previous row")]
    public void Bad_csv_content_is_located(string csv, int line, int column, string fragment)
    {
        var result = ScenarioLoader.Load(Scenario(csv));

        var e = Assert.Single(result.Errors, x => x.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.EndsWith("trace.csv", e.File, StringComparison.Ordinal);
        Assert.Equal((line, column), (e.Line, e.Column));
    }

    [Fact]
    public void Cells_without_rows_and_rows_for_unknown_cells_are_dangling()
    {
        var result = ScenarioLoader.Load(Scenario("time_s,cell,prb_utilisation\n0,c-01,0.1\n0,c-02,0.1\n0,x-9,0.1\n"));

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Message.Contains("no rows for cell 'c-03'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("'x-9', which is not a cell of the scenario", StringComparison.Ordinal));
    }
}
