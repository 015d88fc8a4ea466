using System.Diagnostics;

namespace BbuPool.Migration.Tests;

/// <summary>
/// Waits for a condition with a bound, so a stuck stack or engine fails the test with what it was
/// waiting for (and the state around it) instead of hanging the test host. The bound is generous
/// (30 s against waits of a few milliseconds): it is a hang detector, not a timing assertion.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, Func<string> what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > Bound)
            {
                throw new TimeoutException($"Still waiting after {Bound.TotalSeconds:F0} s for {what()}.");
            }

            await Task.Delay(2);
        }
    }

    public static async Task<T> WithinAsync<T>(Task<T> task, Func<string> what)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Still waiting after 90 s for {what()}.", ex);
        }
    }
}
