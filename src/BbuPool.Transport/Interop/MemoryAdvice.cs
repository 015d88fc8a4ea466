namespace BbuPool.Transport.Interop;

/// <summary>
/// The kernel advice the transport gives its rings, for other owners of big mappings (the
/// migration engine's stack images): one home for the madvise calls.
/// </summary>
public static unsafe class MemoryAdvice
{
    /// <summary>Asks for transparent huge pages over the range (MADV_HUGEPAGE); false where refused.</summary>
    public static bool HugePages(void* address, nuint length) => LibC.AdviseHugePages(address, length);

    /// <summary>Maps every page of the range writable now, contents untouched (MADV_POPULATE_WRITE); false where refused.</summary>
    public static bool PopulateWrite(void* address, nuint length) => LibC.PopulateWrite(address, length);
}
