namespace BbuPool.Migration.Benchmarking;

/// <summary>
/// The process's garbage collections between two points: over a whole run (the cells count only
/// their own, and a collection that stays out of the cells, in the warm-up, the control or between
/// cells, is still one the next change may move back into them) or over one cell.
/// </summary>
/// <param name="Collections">Collections of any generation.</param>
/// <param name="Gen1OrOlder">Of those, generation 1 or 2.</param>
/// <param name="Gen2">Of those, generation 2 (full).</param>
/// <param name="PauseMs">Time the process was paused for them, ms.</param>
public readonly record struct GarbageCollections(int Collections, int Gen1OrOlder, int Gen2, double PauseMs)
{
    /// <summary>The process's totals so far.</summary>
    public static GarbageCollections Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);

    /// <summary>What happened between <paramref name="start"/> and now.</summary>
    public static GarbageCollections Since(GarbageCollections start) => Now() - start;

    /// <summary>The difference of two totals.</summary>
    public static GarbageCollections operator -(GarbageCollections end, GarbageCollections start) =>
        new(end.Collections - start.Collections, end.Gen1OrOlder - start.Gen1OrOlder, end.Gen2 - start.Gen2, end.PauseMs - start.PauseMs);

    /// <summary>One line for a person, with how many of them fell inside cells.</summary>
    public string Describe(int inCells) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Collections} ({Gen1OrOlder} of generation 1 or 2, {Gen2} full), paused {PauseMs:F1} ms; {inCells} inside cells");

    /// <summary>The same as <c>operator -</c>, for languages without operators.</summary>
    public static GarbageCollections Subtract(GarbageCollections end, GarbageCollections start) => end - start;
}
