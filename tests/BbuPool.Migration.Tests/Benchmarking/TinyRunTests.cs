using System.Text.Json;
using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Protocol;
using BbuPool.Testing.Transport;
using BbuPool.Transport;

namespace BbuPool.Migration.Tests.Benchmarking;

/// <summary>The runner end to end on one small cell: the figures it writes are well formed. No speed is asserted (only that the control ran about as long as asked).</summary>
[Collection(SerialCollection.Name)]
public sealed class TinyRunTests
{
    [Fact]
    public async Task OneSmallCell_TwoRuns_WritesWellFormedJsonAndHtml()
    {
        var options = new MigrationBenchmarkOptions
        {
            Methods = [MigrationMethod.Precopy],
            SizesMiB = [4],
            Loads = [0.3],
            Repetitions = 2,
            MinRepetitions = 2,
            WarmupRepetitions = 2,
            WarmupMaxRepetitions = 4,
            WarmupQuietWindow = 2,
            LinkProbeBytes = 1L << 20,
            ControlDuration = TimeSpan.FromMilliseconds(200),
            MigrationTimeoutBase = TimeSpan.FromSeconds(15),
        };
        int pairs = 0;
        var runner = new MigrationBenchmarkRunner(options, _ =>
        {
            pairs++;
            return Task.FromResult<(ITransportLink, ITransportLink)>(InMemoryTransport.CreatePair(capacity: 64));
        }, "inmemory", "test");
        var seen = new List<MigrationBenchmarkProgress>();
        var report = await runner.RunAsync(new InlineProgress(seen.Add));

        var cell = Assert.Single(report.Cells);
        Assert.Equal(2, cell.Runs);
        Assert.Equal(2, cell.Committed + cell.Failed);
        Assert.True(report.LinkBytesPerSecond > 0);
        Assert.True(report.StateLinkBytesPerSecond[4] > 0);
        var warmup = Assert.Single(report.Warmup);
        Assert.Equal(MigrationMethod.Precopy, warmup.Method);
        Assert.InRange(warmup.Migrations, 2, 4);
        // One pair for the link probe, one per warm-up migration, and the cell's two runs plus its
        // discarded first: each migration a pair of its own, all opened ahead.
        Assert.Equal(1 + warmup.Migrations + 3, pairs);
        Assert.Equal(0, cell.LinksOpenedOnDemand);
        Assert.Null(cell.LinkPrepareFailure);
        Assert.Equal(2, warmup.Window);
        if (cell.Committed == cell.Runs)
        {
            // Pre-copy's phases, in the order the source enters them.
            var phases = new[] { MigrationPhase.Handshake, MigrationPhase.Rounds, MigrationPhase.Stopped, MigrationPhase.StateSent, MigrationPhase.Committed };
            var offsets = phases.Select(p => cell.PhaseMsP50[p]).ToArray();
            Assert.Equal(offsets.Order(), offsets);
            Assert.True(offsets[^1] <= cell.TotalMsP50 + 1e-9, "the commit comes before the later end finishes");
        }

        // Every miss is placed in a phase while a cell has fewer than a host's log holds (its last
        // 255 per migration); one stall of a quarter second in a busy CI run can miss more.
        Assert.InRange(cell.MissedUnplaced, 0, cell.MissedTtis);
        if (cell.MissedTtis < StackHost.MissLogLength - 1)
        {
            Assert.Equal(0, cell.MissedUnplaced);
        }

        // Two measured migrations: two stretches before them (after the discarded first one and
        // between the two), inside the cell's wall time.
        Assert.InRange(cell.BetweenMs, 1e-3, cell.Seconds * 1e3);

        // The run's collections include the cell's.
        Assert.InRange(report.Collections.Collections, cell.GcCollections, int.MaxValue);
        Assert.InRange(report.Collections.Gen2, 0, report.Collections.Gen1OrOlder);

        var control = Assert.Single(report.Control);
        Assert.Equal(0.3, control.Load);
        Assert.InRange(control.Ttis, 1, 10_000);
        Assert.InRange(control.Missed, 0, control.Ttis);
        Assert.Contains(seen, p => p.Phase == "control");
        Assert.Contains(seen, p => p.Finished is not null);
        Assert.Equal("done", seen[^1].Phase);

        using var json = JsonDocument.Parse(MigrationReportJson.Render(report));
        Assert.Equal(1, json.RootElement.GetProperty("cells").GetArrayLength());
        Assert.Equal(control.Ttis, json.RootElement.GetProperty("control")[0].GetProperty("ttis").GetInt64());
        Assert.Equal(3, json.RootElement.GetProperty("targets").GetArrayLength());
        Assert.Equal(warmup.Migrations, json.RootElement.GetProperty("warmup")[0].GetProperty("migrations").GetInt32());
        Assert.Equal(cell.JitMethods, json.RootElement.GetProperty("cells")[0].GetProperty("jit_methods").GetInt64());
        Assert.Equal(cell.PhaseMsP50.Count, json.RootElement.GetProperty("cells")[0].GetProperty("phases_ms_p50").EnumerateObject().Count());
        Assert.Equal(cell.MissesByPhase.Count, json.RootElement.GetProperty("cells")[0].GetProperty("missed_by_phase").GetArrayLength());
        Assert.Equal(cell.MissedUnplaced, json.RootElement.GetProperty("cells")[0].GetProperty("missed_unplaced").GetInt64());
        Assert.Equal(cell.MissedBetween, json.RootElement.GetProperty("cells")[0].GetProperty("missed_between").GetInt64());
        Assert.Equal(cell.BetweenMs, json.RootElement.GetProperty("cells")[0].GetProperty("between_ms").GetDouble(), tolerance: 1e-5);
        // A committed migration gave an outcome, and its time is in the exposure.
        Assert.InRange(cell.MigratingMs, cell.Committed > 0 ? 1e-3 : 0, cell.Seconds * 1e3);
        Assert.Equal(cell.MigratingMs, json.RootElement.GetProperty("cells")[0].GetProperty("migrating_ms").GetDouble(), tolerance: 1e-5);
        Assert.Equal("before each cell", json.RootElement.GetProperty("links_opened").GetString());
        Assert.InRange(control.Milliseconds, 150, 60_000);
        Assert.Equal(control.Milliseconds, json.RootElement.GetProperty("control")[0].GetProperty("wall_ms").GetDouble(), tolerance: 1e-5);
        if (OperatingSystem.IsLinux())
        {
            // Counters only grow: what the host stole during the cell and the control is 0 or more.
            Assert.True(cell.StealMs >= 0, $"steal {cell.StealMs}");
            Assert.True(control.StealMs >= 0, $"steal {control.StealMs}");
            Assert.Equal(cell.StealMs, json.RootElement.GetProperty("cells")[0].GetProperty("steal_ms").GetDouble(), 6);
        }
        var stateLink = Assert.Single(json.RootElement.GetProperty("link_state_transfer").EnumerateArray());
        Assert.Equal(4, stateLink.GetProperty("size_mib").GetInt32());
        Assert.True(stateLink.GetProperty("bytes_per_second").GetDouble() > 0);
        Assert.Equal(cell.Committed, json.RootElement.GetProperty("seed003").GetProperty("points").GetArrayLength());

        var html = MigrationReportWriterTests.ParseXhtml(MigrationReportHtml.Render(report));
        Assert.Contains(html.Descendants(), e => e.Name.LocalName == "svg");
    }

    [Fact]
    public async Task MigrationThatCannotFinish_IsRecordedAsFailedWithItsReason_AndTheCellGoesOn()
    {
        var options = new MigrationBenchmarkOptions
        {
            Methods = [MigrationMethod.StopAndCopy],
            SizesMiB = [4],
            Loads = [0.1],
            Repetitions = 2,
            MinRepetitions = 2,
            WarmupRepetitions = 0,
            LinkProbeBytes = 0,
            ControlDuration = TimeSpan.Zero,
            MigrationTimeoutBase = TimeSpan.FromSeconds(1),
            MigrationTimeoutPerMiB = TimeSpan.Zero,
        };

        // Source and destination each get one end of two different pairs: nobody answers either.
        var runner = new MigrationBenchmarkRunner(options, _ =>
        {
            var (a1, _) = InMemoryTransport.CreatePair(capacity: 64);
            var (_, b2) = InMemoryTransport.CreatePair(capacity: 64);
            return Task.FromResult<(ITransportLink, ITransportLink)>((a1, b2));
        }, "inmemory", "test");
        var report = await runner.RunAsync();

        var cell = Assert.Single(report.Cells);
        Assert.Equal(2, cell.Runs);
        Assert.Equal(0, cell.Committed);
        Assert.Equal(2, cell.Failures.Values.Sum());
        Assert.All(cell.Failures.Keys, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
        Assert.True(double.IsNaN(cell.DowntimeUsP99));
        using var json = JsonDocument.Parse(MigrationReportJson.Render(report));
        Assert.Equal(2, json.RootElement.GetProperty("cells")[0].GetProperty("failed").GetInt32());
    }

    private sealed class InlineProgress(Action<MigrationBenchmarkProgress> report) : IProgress<MigrationBenchmarkProgress>
    {
        public void Report(MigrationBenchmarkProgress value) => report(value);
    }
}
