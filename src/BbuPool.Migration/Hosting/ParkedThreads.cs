namespace BbuPool.Migration.Hosting;

/// <summary>
/// Dedicated threads kept parked between pieces of work. Starting a thread costs 0.5-0.9 ms here
/// (Thread.Start returns once the thread runs; 0.6 ms p50 and 2.3 ms p90 timed inside a migration
/// destination's begin), and every migration wants three: a receive pump at each end of its link
/// and the destination's TTI thread. Waking a parked one is a semaphore release. Each user keeps
/// its own set (<see cref="Protocol.ReceivePump"/>'s, <see cref="StackHost"/>'s), so work never waits
/// behind another kind's.
/// </summary>
internal sealed class ParkedThreads
{
    // A parked thread leaves after this long without work: a node that stops migrating keeps none.
    private static readonly TimeSpan DefaultIdleLifetime = TimeSpan.FromSeconds(10);

    // Set by work that changed its thread in a way it could not undo: that thread leaves instead
    // of parking.
    [ThreadStatic]
    private static bool t_retire;

    private readonly Lock _gate = new();
    private readonly List<Worker> _idle = [];
    private readonly TimeSpan _idleLifetime;

    /// <summary>Creates an empty set; threads are made on demand.</summary>
    /// <param name="idleLifetime">How long a parked thread waits for work before it leaves (10 s by default).</param>
    public ParkedThreads(TimeSpan? idleLifetime = null)
    {
        _idleLifetime = idleLifetime ?? DefaultIdleLifetime;
    }

    /// <summary>Threads parked now, waiting for work.</summary>
    public int IdleCount
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>
    /// Called from inside a piece of work: its thread leaves when the work returns instead of
    /// parking (its affinity or scheduling policy could not be put back).
    /// </summary>
    public static void RetireCurrentThread() => t_retire = true;

    /// <summary>Runs <paramref name="work"/> on a parked thread, or on a new one, named <paramref name="name"/> while it runs.</summary>
    public Run Start(Action work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var run = new Run(work, name);
        Worker? worker = null;
        lock (_gate)
        {
            if (_idle.Count > 0)
            {
                worker = _idle[^1];
                _idle.RemoveAt(_idle.Count - 1);
            }
        }

        (worker ?? new Worker(this, name)).Give(run);
        return run;
    }

    /// <summary>One piece of work handed to a thread: its completion, and the thread that ran it.</summary>
    internal sealed class Run(Action work, string name)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The thread running it (null until it starts).</summary>
        public Thread? Thread { get; private set; }

        /// <summary>True once the work has returned and its thread has parked or left.</summary>
        public bool IsCompleted => _done.Task.IsCompleted;

        /// <summary>Waits up to <paramref name="timeout"/> for the work to return.</summary>
        public bool Join(TimeSpan timeout) => _done.Task.Wait(timeout);

        /// <summary>Runs the work; true when its thread may park for more.</summary>
        internal bool Execute(Worker worker)
        {
            var thread = Thread.CurrentThread;
            Thread = thread;
            if (thread.Name != name)
            {
                thread.Name = name;
            }

            t_retire = false;
            bool park = false;
            try
            {
                work();
            }
            finally
            {
                // Parked before the work reports done: whoever joined it and starts the next
                // piece finds this thread waiting instead of starting another.
                park = !t_retire;
                if (park)
                {
                    worker.Park();
                }

                _done.TrySetResult();
            }

            return park;
        }
    }

    internal sealed class Worker : IDisposable
    {
        private readonly ParkedThreads _owner;
        private readonly SemaphoreSlim _go = new(0);
        private Run? _next;

        public Worker(ParkedThreads owner, string name)
        {
            _owner = owner;
            new Thread(Loop) { IsBackground = true, Name = name }.Start();
        }

        public void Dispose() => _go.Dispose();

        public void Give(Run run)
        {
            Volatile.Write(ref _next, run);
            _go.Release();
        }

        internal void Park()
        {
            lock (_owner._gate)
            {
                _owner._idle.Add(this);
            }
        }

        private void Loop()
        {
            while (true)
            {
                if (!_go.Wait(_owner._idleLifetime))
                {
                    lock (_owner._gate)
                    {
                        // Still parked: once out of the list nobody can hand it work any more.
                        if (_owner._idle.Remove(this))
                        {
                            Dispose();
                            return;
                        }
                    }

                    // Taken just as it timed out: its work is on the way.
                    continue;
                }

                if (!Interlocked.Exchange(ref _next, null)!.Execute(this))
                {
                    Dispose();
                    return;
                }
            }
        }
    }
}
