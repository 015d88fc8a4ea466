namespace BbuPool.Migration.Threading;

/// <summary>
/// Dedicated threads kept parked between pieces of work. Starting a thread costs 0.5-0.9 ms here
/// (Thread.Start returns once the thread runs; 0.6 ms p50 and 2.3 ms p90 timed inside a migration
/// destination's begin), and every migration wants three: a receive pump at each end of its link
/// and the destination's TTI thread. Waking a parked one is a semaphore release. The receive
/// pumps and the stack hosts share <see cref="Shared"/>; a source's TTI thread handed back at
/// commit serves whichever of them asks next.
/// </summary>
internal sealed class ParkedThreads
{
    // A parked thread leaves after this long without work. A rebalancing pass runs its migrations
    // back to back, a few milliseconds apart, so its threads stay parked between them; a node that
    // stops migrating keeps none for long.
    private static readonly TimeSpan DefaultIdleLifetime = TimeSpan.FromSeconds(10);

    // Set by work that changed its thread in a way it could not undo: that thread leaves instead
    // of parking.
    [ThreadStatic]
    private static bool t_retire;

    private readonly Lock _gate = new();
    private readonly List<Worker> _idle = [];
    private readonly TimeSpan _idleLifetime;
    private readonly string _name;

    /// <summary>Creates an empty set; threads are made on demand.</summary>
    /// <param name="name">A parked thread's name (work renames its thread while it runs).</param>
    /// <param name="idleLifetime">How long a parked thread waits for work before it leaves (10 s by default).</param>
    public ParkedThreads(string name, TimeSpan? idleLifetime = null)
    {
        _name = name;
        _idleLifetime = idleLifetime ?? DefaultIdleLifetime;
    }

    /// <summary>The process's set: receive pumps and TTI threads.</summary>
    public static ParkedThreads Shared { get; } = new("bbupool-parked");

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

    /// <summary>
    /// Runs <paramref name="work"/> on a parked thread, or on a new one, named <paramref name="name"/>
    /// while it runs, in the caller's execution context as <see cref="Thread.Start()"/> would.
    /// </summary>
    public Run Start(Action work, string name)
    {
        ArgumentNullException.ThrowIfNull(work);
        var run = new Run(work, name, ExecutionContext.Capture());
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
    internal sealed class Run(Action work, string name, ExecutionContext? context)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The thread running it (null until it starts).</summary>
        public Thread? Thread { get; private set; }

        /// <summary>True once the work has returned and its thread has parked or is leaving.</summary>
        public bool IsCompleted => _done.Task.IsCompleted;

        /// <summary>Waits up to <paramref name="timeout"/> for the work to return.</summary>
        public bool Join(TimeSpan timeout) => _done.Task.Wait(timeout);

        /// <summary>Runs the work; true when its thread may park for more.</summary>
        internal bool Execute(Worker worker, ExecutionContext empty)
        {
            var thread = Thread.CurrentThread;
            Thread = thread;
            thread.Name = name;
            t_retire = false;

            // A thread reused from another caller must not carry that caller's async locals (a
            // logging scope of an earlier migration, say): the work runs in its own caller's
            // context, or in an empty one when its caller suppressed the flow.
            ExecutionContext.Run(context ?? empty, static w => ((Action)w!)(), work);

            // Reached only when the work returned: an exception escaping the work ends the
            // process, as on any thread, so its users catch their own (StackHost's loop does).
            // Parked before the work reports done: whoever joined it and starts the next piece
            // finds this thread waiting instead of starting another.
            bool park = !t_retire;
            if (park)
            {
                worker.Park();
            }

            _done.TrySetResult();
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

            // No context flows into the thread itself: each piece of work brings its own.
            new Thread(Loop) { IsBackground = true, Name = name }.UnsafeStart();
        }

        public void Dispose() => _go.Dispose();

        public void Give(Run run)
        {
            Volatile.Write(ref _next, run);
            _go.Release();
        }

        internal void Park()
        {
            // A parked thread's name says so: /proc then shows no cell's name on an idle thread.
            Thread.CurrentThread.Name = _owner._name;
            lock (_owner._gate)
            {
                _owner._idle.Add(this);
            }
        }

        private void Loop()
        {
            // Started without a flowed context: this is the empty one.
            var empty = ExecutionContext.Capture()!;
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

                if (!Interlocked.Exchange(ref _next, null)!.Execute(this, empty))
                {
                    Dispose();
                    return;
                }
            }
        }
    }
}
