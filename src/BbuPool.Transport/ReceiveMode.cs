namespace BbuPool.Transport;

/// <summary>How a receiver waits for the next frame.</summary>
public enum ReceiveMode
{
    /// <summary>
    /// Spin on the link forever: lowest latency (~0.1-0.3 us hand-off measured here), burns its core.
    /// Use only on a dedicated pinned core; two busy-pollers on one core cost a 4 ms scheduler tick per hand-off.
    /// </summary>
    BusyPoll = 0,

    /// <summary>
    /// Spin for <see cref="TransportOptions.SpinDuration"/>, then block (yielding the core).
    /// A blocking wake-up costs 25-60 us on this kind of machine, so spin longer than the expected gap.
    /// </summary>
    Hybrid = 1,
}
