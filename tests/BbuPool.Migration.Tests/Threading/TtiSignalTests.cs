using BbuPool.Migration.Threading;

namespace BbuPool.Migration.Tests.Threading;

/// <summary>The wake a TTI thread gives an engine loop: never lost, never piled up, never run on the TTI thread.</summary>
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
        Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None));
    }

    [Fact]
    public async Task SetsWhileNobodyWaits_LeaveOneWake()
    {
        var signal = new TtiSignal();
        signal.Set();
        signal.Set();
        signal.Set();
        Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None));
        Assert.False(await signal.WaitAsync(Short, TimeProvider.System, CancellationToken.None));
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
            Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None));
            return Environment.CurrentManagedThreadId;
        });

        // Set from a thread of its own, as a TTI thread would, once the loop is parked on the
        // signal: only then could a wrong completion run the loop on this thread.
        var tti = new Thread(() =>
        {
            entered.Wait();
            SpinWait.SpinUntil(() => signal.HasWaiter);

            // The waiter is published just before the loop's await is registered on it; a set
            // inside that gap finds the wait complete and proves nothing, so give it a moment.
            Thread.Sleep(20);
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
        var waiting = signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None);
        signal.Set();
        Assert.True(await waiting);
        Assert.False(await signal.WaitAsync(Short, TimeProvider.System, CancellationToken.None));
    }

    /// <summary>
    /// Ping-pong with a TTI thread: it sets once the loop has taken the previous wake, so each set
    /// lands while the loop is entering its next wait, the window a lost wake-up would need. Every
    /// wait must end with a wake (a lost one is a false after 10 s), and no wake may come before
    /// its set (a duplicate).
    /// </summary>
    [Fact]
    public async Task EverySet_WakesExactlyOneWait()
    {
        const int rounds = 20_000;
        var signal = new TtiSignal();
        int taken = 0;
        int setsDone = 0;
        var tti = new Thread(() =>
        {
            for (int i = 1; i <= rounds; i++)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref taken) >= i - 1);
                Volatile.Write(ref setsDone, i);
                signal.Set();
            }
        });
        tti.Start();
        for (int i = 1; i <= rounds; i++)
        {
            Assert.True(await signal.WaitAsync(Long, TimeProvider.System, CancellationToken.None), $"wake {i} lost");

            // Set i comes only after wake i - 1 was taken (and counts itself first); a wake here
            // before it is a duplicate of an earlier one.
            Assert.True(Volatile.Read(ref setsDone) >= i, $"wake {i} came before its set");
            Volatile.Write(ref taken, i);
        }

        tti.Join();
    }

    [Fact]
    public async Task ACancelledWait_Throws()
    {
        var signal = new TtiSignal();
        using var cts = new CancellationTokenSource();
        var wait = signal.WaitAsync(Long, TimeProvider.System, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }
}
