namespace BbuPool.Transport;

/// <summary>A link that lends its own receive memory as frames (<see cref="TransportFrame"/> over shm ring slots).</summary>
internal interface IFrameLender
{
    /// <summary>Takes back the memory of lease <paramref name="lease"/>; called once per lent frame, from any thread.</summary>
    void Return(long lease);
}
