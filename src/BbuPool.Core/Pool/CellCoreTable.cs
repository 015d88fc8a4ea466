namespace BbuPool.Core.Pool;

/// <summary>
/// The core ids of every cell in one flat array, a fixed number of slots per cell: a bind writes
/// the ids into the cell's slots instead of allocating an array (an int[] per bind was ~49 B and
/// the last allocation on the decision path). A stack's cores always come from one NUMA domain,
/// so the largest domain of any node bounds the slots a cell needs.
/// </summary>
internal sealed class CellCoreTable
{
    private readonly int[] _count;
    private int[] _ids;
    private int _stride;

    /// <summary>Creates the table for <paramref name="cells"/> cells of up to <paramref name="stride"/> cores each.</summary>
    public CellCoreTable(int cells, int stride)
    {
        _count = new int[cells];
        _stride = Math.Max(1, stride);
        _ids = new int[cells * _stride];
    }

    /// <summary>Slots per cell (the largest NUMA domain of any node).</summary>
    public int Stride => _stride;

    /// <summary>The cell's core ids.</summary>
    public ReadOnlySpan<int> Of(int cell) => _ids.AsSpan(cell * _stride, _count[cell]);

    /// <summary>Number of cores the cell holds.</summary>
    public int CountOf(int cell) => _count[cell];

    /// <summary>All of the cell's slots, for a bind to write into before <see cref="SetCount"/>.</summary>
    public Span<int> Slots(int cell) => _ids.AsSpan(cell * _stride, _stride);

    /// <summary>Sets how many of the cell's slots hold cores.</summary>
    public void SetCount(int cell, int count) => _count[cell] = count;

    /// <summary>Copies <paramref name="cores"/> into the cell's slots.</summary>
    public void Set(int cell, ReadOnlySpan<int> cores)
    {
        cores.CopyTo(Slots(cell));
        _count[cell] = cores.Length;
    }

    /// <summary>Widens every cell's slots when a node with a larger NUMA domain joins (rare: copies the table once).</summary>
    public void EnsureStride(int stride)
    {
        if (stride <= _stride)
        {
            return;
        }

        var ids = new int[_count.Length * stride];
        for (var c = 0; c < _count.Length; c++)
        {
            Array.Copy(_ids, c * _stride, ids, c * stride, _count[c]);
        }

        _ids = ids;
        _stride = stride;
    }
}
