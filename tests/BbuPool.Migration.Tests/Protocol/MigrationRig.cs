using BbuPool.Core.Migration;
using BbuPool.Migration.Benchmarking;
using BbuPool.Migration.Hosting;
using BbuPool.Migration.Protocol;
using BbuPool.Migration.Stacks;
using BbuPool.Migration.State;
using BbuPool.Transport;
using BbuPool.Testing.Transport;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>A source stack running on the clock, a destination end, and a link between them.</summary>
internal sealed class MigrationRig : IAsyncDisposable
{
    public static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private readonly List<PageRegion> _regions = [];

    public MigrationRig(MigrationMethod method, double load = 0.3, long stateBytes = 4L << 20, byte[]? destinationKey = null)
    {
        Load = new LoadProfile(load);
        StackOptions = new ReferenceStackOptions { StateBytes = stateBytes };
        HostOptions = new StackHostOptions { TtiPeriod = TimeSpan.FromMilliseconds(1), Wait = TtiWait.Sleep, Name = "src" };
        SourceRegion = PageRegion.ForBytes(stateBytes);
        var stack = new ReferenceStack(StackOptions);
        stack.Initialize(SourceRegion);
        SourceRegion.ClearDirty();
        Source = new StackHost(stack, SourceRegion, Load.InputFor, HostOptions);
        Options = new MigrationOptions
        {
            Method = method,
            SharedKey = Key,
            FaultThrottling = false,
            Timeout = TimeSpan.FromSeconds(60),
            // A hot-standby switch 10 TTIs ahead (the default) is refused when the stop frame
            // reaches the replica 10 ms late, which a stalled CI machine can do; the tests check
            // the switch, not its lead.
            SwitchLeadTtis = 500,
        };
        DestinationOptions = new MigrationOptions
        {
            Method = method,
            SharedKey = destinationKey ?? Key,
            FaultThrottling = false,
            Timeout = TimeSpan.FromSeconds(60),
        };
        Destination = new MigrationDestination(
            begin =>
            {
                var region = new PageRegion((int)begin.PageCount);
                lock (_regions)
                {
                    _regions.Add(region);
                }

                IStack stack = new ReferenceStack(StackOptions);
                return (WrapDestinationStack is { } wrap ? wrap(stack) : stack, region);
            },
            Load.InputFor,
            new StackHostOptions { TtiPeriod = HostOptions.TtiPeriod, Wait = TtiWait.Sleep, Name = "dst" },
            DestinationOptions,
            null,
            Environment.GetEnvironmentVariable("MIG_LOG") is { } log ? new FileLogger<MigrationDestination>(log) : null);
        (SourceLink, DestinationLink) = InMemoryTransport.CreatePair(capacity: 64);
    }

    /// <summary>The source end's page-number lists (the process's pool unless a test sets its own).</summary>
    public PageListPool SourcePageLists { get; set; } = PageListPool.Shared;

    /// <summary>Wraps the destination's stack when it is made (fault injection).</summary>
    public Func<IStack, IStack>? WrapDestinationStack { get; set; }

    /// <summary>A copy of the source's image taken when it stopped (set by <see cref="CaptureStopImage"/>).</summary>
    public PageRegion? StopImage { get; private set; }

    public LoadProfile Load { get; }

    public ReferenceStackOptions StackOptions { get; }

    public StackHostOptions HostOptions { get; }

    public PageRegion SourceRegion { get; }

    public StackHost Source { get; }

    public MigrationOptions Options { get; }

    public MigrationOptions DestinationOptions { get; }

    public MigrationDestination Destination { get; }

    public InMemoryTransportLink SourceLink { get; }

    public InMemoryTransportLink DestinationLink { get; }

    public async Task StartAsync(int warmTtis = 20)
    {
        Source.StartClocked(1000);
        await Eventually.TrueAsync(() => Source.LastTti >= 1000 + warmTtis, () => $"the source to warm up ({Describe()})");
    }

    /// <summary>Copies the source's image at the moment it stops (the stack is parked then).</summary>
    public void CaptureStopImage(MigrationSource engine)
    {
        // Only post-copy changes the source's region after the stop (reverse checkpoints); for the
        // replica methods "Stopped" is the checkpoint pause, not the stop.
        if (Options.Method is not (MigrationMethod.Postcopy or MigrationMethod.Hybrid))
        {
            return;
        }

        engine.PhaseChanged += p =>
        {
            if (p == BbuPool.Migration.Protocol.MigrationPhase.Stopped && StopImage is null)
            {
                var image = new PageRegion(SourceRegion.PageCount);
                image.CopyFrom(SourceRegion);
                lock (_regions)
                {
                    _regions.Add(image);
                }

                StopImage = image;
            }
        };
    }

    public async Task<MigrationOutcome> MigrateAsync(ITransportLink? sourceLink = null, ITransportLink? destinationLink = null)
    {
        var log = Environment.GetEnvironmentVariable("MIG_LOG");
        long misses = Source.Statistics().DeadlineMisses;
        var engine = new MigrationSource(Source, Options, null, log is null ? null : new FileLogger<MigrationSource>(log)) { PageLists = SourcePageLists };
        CaptureStopImage(engine);
        var dstTask = Task.Run(() => Destination.RunAsync(destinationLink ?? DestinationLink));
        engine.PhaseChanged += p => LastSourcePhase = p;
        var src = await Eventually.WithinAsync(engine.RunAsync(sourceLink ?? SourceLink), () => $"the source end ({Describe()})");
        var dst = await Eventually.WithinAsync(dstTask, () => $"the destination end ({Describe()})");
        return LocalMigration.Measure(Source, Destination, src, dst, misses);
    }

    /// <summary>
    /// Checks the destination against the source at the stop point, byte for byte: replays the
    /// source's frozen state over the TTIs the destination ran and compares regions and sequence.
    /// </summary>
    public async Task AssertDestinationMatchesSourceAsync(MigrationOutcome outcome)
    {
        Assert.True(outcome.Committed, outcome.Source.Message + " / " + outcome.Destination.Message);
        var host = Destination.Host!;
        long stop = outcome.Source.StopTti;
        Assert.Equal(stop, Source.LastTti);
        await Eventually.TrueAsync(() => host.LastTti >= stop + 5, () => $"the destination to run 5 TTIs past the stop at {stop} ({Describe()})");
        var b = await Eventually.WithinAsync(host.PauseAsync(), () => $"the destination to pause ({Describe()})");
        Assert.Equal(stop + 1, host.FirstClockedTti);
        Assert.Equal(0, host.Statistics().Gaps);
        // The image at the stop: post-copy's reverse checkpoints update the source's region afterwards.
        using var replay = new PageRegion(SourceRegion.PageCount);
        replay.CopyFrom(StopImage ?? SourceRegion);
        var stack = new ReferenceStack(StackOptions);
        for (long t = stop + 1; t <= b.LastTti; t++)
        {
            stack.ProcessTti(Load.InputFor(t), replay);
        }

        Assert.Equal(-1, replay.FirstDifferentPage(Destination.Region!));
        host.Stop();
    }

    /// <summary>The source engine's last phase (for hang reports).</summary>
    public BbuPool.Migration.Protocol.MigrationPhase LastSourcePhase { get; set; }

    /// <summary>Both ends as one line, for a failure message.</summary>
    public string Describe()
    {
        var d = Destination.Host;
        return $"source: phase {LastSourcePhase}, running {Source.IsRunning}, paused {Source.IsPaused}, last TTI {Source.LastTti}, fault {Source.Fault?.Message ?? "none"}; "
            + $"destination: phase {Destination.Phase}, running copy {Destination.IsRunningCopy}, "
            + (d is null ? "no host" : $"host {d.Mode} running {d.IsRunning} paused {d.IsPaused} last TTI {d.LastTti} fault {d.Fault?.Message ?? "none"}");
    }

    public bool SourceRunning => Source.IsRunning && !Source.IsPaused;

    public bool DestinationRunning => Destination.IsRunningCopy && Destination.Host is { IsRunning: true };

    public async ValueTask DisposeAsync()
    {
        Source.Dispose();
        Destination.Host?.Dispose();
        await SourceLink.DisposeAsync();
        await DestinationLink.DisposeAsync();
        SourceRegion.Dispose();
        lock (_regions)
        {
            foreach (var r in _regions)
            {
                r.Dispose();
            }
        }
    }
}
