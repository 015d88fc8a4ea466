namespace BbuPool.Transport;

/// <summary>Tuning of the shared-memory SPSC ring (one ring per direction).</summary>
public sealed class SharedMemoryOptions
{
    /// <summary>
    /// Bytes per slot: 64 KiB (a batch of 16 pages of 4 KiB) plus the 64-byte frame header, so a page
    /// batch takes exactly one slot and one index update; larger frames take consecutive slots.
    /// (A plain 64 KiB slot made every 64 KiB frame spill into a second slot.)
    /// </summary>
    public int SlotSize { get; set; } = (64 * 1024) + 64;

    /// <summary>Slots per direction. 256 x 64 KiB = 16 MiB: room for a whole <see cref="TransportOptions.MaxFrameLength"/> frame.</summary>
    public int SlotCount { get; set; } = 256;

    /// <summary>The directory of the mappings; /dev/shm is tmpfs, so the ring never touches a disk.</summary>
    public string Directory { get; set; } = "/dev/shm";
}
