namespace BbuPool.StatePlane.Tests;

public sealed class StatePlaneRetryTests
{
    [Fact]
    public async Task Unavailability_IsRetried_UntilTheOperationSucceeds()
    {
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2), TimeSpan.FromSeconds(30));
        var calls = 0;
        var result = await retry.ExecuteAsync(_ =>
        {
            calls++;
            return calls < 4 ? throw new StatePlaneUnavailableException("down") : ValueTask.FromResult(42);
        });

        Assert.Equal(42, result);
        Assert.Equal(4, calls);
        Assert.Equal(3, retry.Retries);
    }

    [Fact]
    public async Task OtherExceptions_PassThroughAtOnce()
    {
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(1));
        var calls = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await retry.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw new InvalidOperationException("bug");
        }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task PastTheDeadline_TheUnavailabilityIsRethrown()
    {
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(40));
        var calls = 0;
        await Assert.ThrowsAsync<StatePlaneUnavailableException>(async () => await retry.ExecuteAsync(_ =>
        {
            calls++;
            throw new StatePlaneUnavailableException("down");
        }));
        Assert.True(calls >= 1);
    }

    [Fact]
    public async Task Cancellation_StopsTheRetries()
    {
        using var cts = new CancellationTokenSource();
        var retry = new StatePlaneRetry(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), TimeSpan.MaxValue);
        var calls = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await retry.ExecuteAsync(_ =>
        {
            if (++calls == 3)
            {
                cts.Cancel();
            }

            throw new StatePlaneUnavailableException("down");
        }, cts.Token));
        Assert.Equal(3, calls);
    }
}
