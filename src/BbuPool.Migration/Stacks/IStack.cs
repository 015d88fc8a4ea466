using BbuPool.Migration.State;

namespace BbuPool.Migration.Stacks;

/// <summary>
/// A baseband stack's per-TTI work. Everything it keeps lives in its <see cref="PageRegion"/>, so
/// the region plus the next TTI index is the whole state; given the same region and inputs it
/// produces the same outputs and bytes (replay and review depend on it).
/// </summary>
public interface IStack
{
    /// <summary>Vendor/model name for logs.</summary>
    string Name { get; }

    /// <summary>False for stacks with no state to move (stateless method).</summary>
    bool Stateful { get; }

    /// <summary>Writes the initial state into <paramref name="region"/>.</summary>
    void Initialize(PageRegion region);

    /// <summary>
    /// Called on the TTI thread before its first TTI, to make whatever per-thread working memory
    /// the stack uses there instead of inside a TTI (the first TTI after a handover is downtime).
    /// Nothing by default.
    /// </summary>
    void PrepareThread()
    {
    }

    /// <summary>Processes one TTI: real compute, real writes; returns the TTI's output digest.</summary>
    ulong ProcessTti(in TtiInput input, PageRegion region);

    /// <summary>
    /// Share of non-real-time work to skip, 0..1 (auto-converge: the background writes that slow
    /// pre-copy are throttled, the TTI's real-time work never is).
    /// </summary>
    double Throttle { get; set; }
}
