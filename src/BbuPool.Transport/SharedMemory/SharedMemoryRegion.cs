using System.IO.MemoryMappedFiles;
using BbuPool.Transport.Interop;

namespace BbuPool.Transport.SharedMemory;

/// <summary>
/// The mapping of one shm link: a header page, then the listener-to-connector ring, then the
/// connector-to-listener ring. The file lives in /dev/shm (tmpfs) until the listener has seen the
/// connector attach; then it is unlinked, so a crash never leaves it behind.
/// </summary>
internal sealed unsafe class SharedMemoryRegion : IDisposable
{
    /// <summary>"BBUSHM01" little-endian: marks an initialised mapping (written last by the listener).</summary>
    private const long Magic = 0x31304D4853554242;
    private const int HeaderBytes = 4096;
    private const int MagicOffset = 0;
    private const int AttachedOffset = 64;
    private const int ListenerPidOffset = 72;
    private const int ConnectorPidOffset = 76;

    // ENOSPC from <errno.h> (Linux).
    private const int ENoSpace = 28;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private bool _disposed;

    private SharedMemoryRegion(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, int slotSize, int slotCount, bool create)
    {
        Path = path;
        _file = file;
        _view = view;
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
        var ringBytes = SpscRing.BytesFor(slotSize, slotCount);
        ListenerToConnector = new SpscRing(_base + HeaderBytes, slotSize, slotCount, create);
        ConnectorToListener = new SpscRing(_base + HeaderBytes + ringBytes, slotSize, slotCount, create);
    }

    /// <summary>The file backing the mapping (gone once the listener unlinked it).</summary>
    public string Path { get; }

    /// <summary>The ring the listener writes and the connector reads.</summary>
    public SpscRing ListenerToConnector { get; }

    /// <summary>The ring the connector writes and the listener reads.</summary>
    public SpscRing ConnectorToListener { get; }

    /// <summary>True once a connector claimed the link.</summary>
    public bool ConnectorAttached => Volatile.Read(ref *(int*)(_base + AttachedOffset)) != 0;

    /// <summary>Records this process as the listener's or the connector's, so the peer can tell when it died.</summary>
    public void WritePid(bool isListener) => Volatile.Write(ref *(int*)(_base + (isListener ? ListenerPidOffset : ConnectorPidOffset)), Environment.ProcessId);

    /// <summary>The other side's process id (0 when not written yet).</summary>
    public int PeerPid(bool isListener) => Volatile.Read(ref *(int*)(_base + (isListener ? ConnectorPidOffset : ListenerPidOffset)));

    /// <summary>
    /// Touches every 4 KiB page of a new mapping before the link is published. A tmpfs page is
    /// allocated and zeroed on its first write; left to the first frames, that cost ~12 us per page
    /// on this VM, about 100 ms for the two 16 MiB rings, inside whatever used the link first (a
    /// migration's first rounds). Each byte is written back as it is, so the rings the constructor
    /// initialised stay as they are; nobody else maps the file yet. MADV_POPULATE_WRITE does the
    /// same in one call where the kernel has it.
    /// </summary>
    private void Prefault(long length)
    {
        if (LibC.PopulateWrite(_base, (nuint)length))
        {
            return;
        }

        for (long offset = 0; offset < length; offset += 4096)
        {
            byte* p = _base + offset;
            Volatile.Write(ref *p, Volatile.Read(ref *p));
        }
    }

    /// <summary>
    /// Connector side: maps every page now, not on the first frames. Writable where the kernel
    /// can do it without writing (MADV_POPULATE_WRITE): reading one byte per page mapped the
    /// connector's own ring read-only, and its first pass through that ring then took a
    /// write-protect fault per 4 KiB page (4,096 per 16 MiB, kernel time in a migration's samples).
    /// On a VM a first touch also costs below the guest, which only huge pages remove
    /// (<see cref="SharedMemoryOptions.Directory"/>). Otherwise reads only: the listener owns the
    /// rings' contents.
    /// </summary>
    private void MapAll(long length)
    {
        if (LibC.PopulateWrite(_base, (nuint)length))
        {
            return;
        }

        int sum = 0;
        for (long offset = 0; offset < length; offset += 4096)
        {
            sum += Volatile.Read(ref *(_base + offset));
        }

        GC.KeepAlive(sum);
    }

    /// <summary>Creates the file and the mapping (listener side).</summary>
    public static SharedMemoryRegion Create(string path, int slotSize, int slotCount)
    {
        var length = HeaderBytes + (2 * SpscRing.BytesFor(slotSize, slotCount));
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.SetLength(length);
        // A tmpfs file grown by SetLength is sparse: on a full mount the first touch of a page it
        // cannot back is a SIGBUS that kills the process. Reserved now (after the size, so a
        // huge=within_size mount still gives huge pages), a full mount is an IOException instead.
        int error = OperatingSystem.IsLinux() ? LibC.Reserve(stream.SafeFileHandle, length) : 0;
        if (error != 0)
        {
            stream.Dispose();
            File.Delete(path);
            throw new IOException($"cannot reserve {length} bytes for the link (errno {error}{(error == ENoSpace ? ", no space left on the mount" : string.Empty)})");
        }

        var file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        var region = new SharedMemoryRegion(path, file, file.CreateViewAccessor(0, length), slotSize, slotCount, create: true);
        region.Prefault(length);
        region.WritePid(isListener: true);
        Volatile.Write(ref *(long*)(region._base + MagicOffset), Magic);
        return region;
    }

    /// <summary>Opens an existing mapping and claims it (connector side); null when it is not ready or already claimed.</summary>
    public static SharedMemoryRegion? TryAttach(string path, int slotSize, int slotCount)
    {
        var length = HeaderBytes + (2 * SpscRing.BytesFor(slotSize, slotCount));
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        if (stream.Length < length)
        {
            stream.Dispose();
            return null;
        }

        var file = MemoryMappedFile.CreateFromFile(stream, null, length, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        var view = file.CreateViewAccessor(0, length);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        var ready = Volatile.Read(ref *(long*)(pointer + view.PointerOffset + MagicOffset)) == Magic;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        if (!ready)
        {
            view.Dispose();
            file.Dispose();
            return null;
        }

        var region = new SharedMemoryRegion(path, file, view, slotSize, slotCount, create: false);
        if (Interlocked.CompareExchange(ref *(int*)(region._base + AttachedOffset), 1, 0) != 0)
        {
            region.Dispose();
            throw new TransportException($"Shared-memory link '{path}' already has a connector.");
        }

        region.MapAll(length);
        region.WritePid(isListener: false);
        return region;
    }

    /// <summary>Removes the file; the mappings stay valid in both processes.</summary>
    public void Unlink()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone: the peer or an earlier call removed it.
        }
    }

    /// <summary>Unmaps the region.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
