namespace BbuPool.Migration.Protocol;

/// <summary>
/// Dedicated threads for the receive pumps, kept parked between links. Starting a thread here
/// costs 0.5-0.9 ms (Thread.Start returns once the thread runs), and every migration opens a link
/// with a pump at each end: that was most of the 0.8-1.6 ms before a migration's first frame.
/// Waking a parked one is a semaphore release. The blocking waits of the shm and DPDK links still
/// never go to the thread pool (see <see cref="ReceivePump"/>).
/// </summary>
internal static class ReceiveThreads
{
    // A parked thread leaves after this long without work: a node that stops migrating keeps none.
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(10);

    private static readonly Lock Gate = new();
    private static readonly List<Worker> Idle = [];

    /// <summary>Runs <paramref name="work"/> on a parked thread, or on a new one named <paramref name="name"/>.</summary>
    public static Run Start(Action work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var run = new Run(work);
        Worker? worker = null;
        lock (Gate)
        {
            if (Idle.Count > 0)
            {
                worker = Idle[^1];
                Idle.RemoveAt(Idle.Count - 1);
            }
        }

        (worker ?? new Worker(name)).Give(run);
        return run;
    }

    /// <summary>One piece of work handed to a thread: its completion, and the thread that ran it.</summary>
    internal sealed class Run(Action work)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The thread running it (null until it starts).</summary>
        public Thread? Thread { get; private set; }

        /// <summary>Waits up to <paramref name="timeout"/> for the work to return.</summary>
        public bool Join(TimeSpan timeout) => _done.Task.Wait(timeout);

        internal void Execute(Action parkThread)
        {
            Thread = Thread.CurrentThread;
            try
            {
                work();
            }
            finally
            {
                // Parked before the work reports done: whoever joined it and opens the next link
                // finds this thread waiting instead of starting another.
                parkThread();
                _done.TrySetResult();
            }
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly SemaphoreSlim _go = new(0);
        private Run? _next;

        public Worker(string name)
        {
            new Thread(Loop) { IsBackground = true, Name = name }.Start();
        }

        public void Dispose() => _go.Dispose();

        public void Give(Run run)
        {
            Volatile.Write(ref _next, run);
            _go.Release();
        }

        private void Park()
        {
            lock (Gate)
            {
                Idle.Add(this);
            }
        }

        private void Loop()
        {
            while (true)
            {
                if (!_go.Wait(IdleLifetime))
                {
                    lock (Gate)
                    {
                        // Still parked: once out of the list nobody can hand it work any more.
                        if (Idle.Remove(this))
                        {
                            Dispose();
                            return;
                        }
                    }

                    // Taken just as it timed out: its work is on the way.
                    continue;
                }

                Interlocked.Exchange(ref _next, null)!.Execute(Park);
            }
        }
    }
}
