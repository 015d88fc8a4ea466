using BbuPool.Migration.Protocol;

namespace BbuPool.Migration.Tests.Protocol;

/// <summary>The wake a TTI thread gives a replica method's control loop: never lost, never piled up, never run on the TTI thread.</summary>
public sealed class TtiSignalTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    // Bounds a wait that must not be woken; nothing here depends on how long it takes.
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task ASetBeforeTheWait_IsKept()
    {
        var signal = new TtiSignal();
        signal.Set();
        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
    }

    [Fact]
    public async Task SetsWhileNobodyWaits_LeaveOneWake()
    {
        var signal = new TtiSignal();
        signal.Set();
        signal.Set();
        signal.Set();
        Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task AWaitingLoop_ResumesOffTheSettingThread()
    {
        var signal = new TtiSignal();
        int setter = 0;
        using var entered = new ManualResetEventSlim();
        var waiting = Task.Run(async () =>
        {
            entered.Set();
            Assert.True(await signal.WaitAsync(Long, CancellationToken.None));
            return Environment.CurrentManagedThreadId;
        });

        // Set from a thread of its own, as a TTI thread would, once the loop is (all but surely)
        // parked on the signal: a loop that is not yet parked resumes off this thread anyway.
        var tti = new Thread(() =>
        {
            entered.Wait();
            Thread.Sleep(50);
            setter = Environment.CurrentManagedThreadId;
            signal.Set();
        });
        tti.Start();
        int resumedOn = await waiting;
        tti.Join();
        Assert.NotEqual(setter, resumedOn);
    }

    [Fact]
    public async Task AWake_IsTakenByTheWaitItWoke()
    {
        var signal = new TtiSignal();
        var waiting = signal.WaitAsync(Long, CancellationToken.None);
        signal.Set();
        Assert.True(await waiting);
        Assert.False(await signal.WaitAsync(Short, CancellationToken.None));
    }

    [Fact]
    public async Task ACancelledWait_Throws()
    {
        var signal = new TtiSignal();
        using var cts = new CancellationTokenSource();
        var wait = signal.WaitAsync(Long, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
