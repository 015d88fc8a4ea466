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

    /// <summary>The huge-page tmpfs that scripts/setup-shm.sh mounts (huge=within_size).</summary>
    public const string HugePageDirectory = "/run/bbupool/shm";

    private static readonly Lazy<string> Preferred = new(() => IsMountPoint(HugePageDirectory) ? HugePageDirectory : "/dev/shm");

    /// <summary>
    /// The directory of the mappings, the same for both ends: <see cref="HugePageDirectory"/> when
    /// it is mounted, else /dev/shm; both are tmpfs, so a ring never touches a disk. Huge pages
    /// matter on a VM: the first touch of each 4 KiB page of a new mapping cost ~7 us below the
    /// guest, ~30 ms per 16 MiB ring on a new link's first pass, paid by the migration using it
    /// (under 1 ms with 2 MiB pages; docs/transport.md).
    /// </summary>
    public string Directory { get; set; } = Preferred.Value;

    private static bool IsMountPoint(string path)
    {
        try
        {
            // /proc/mounts: "device mountpoint type options 0 0"; mount points have no spaces here.
            return OperatingSystem.IsLinux() && File.ReadLines("/proc/mounts").Any(line => line.Split(' ') is [_, var point, ..] && point == path);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
