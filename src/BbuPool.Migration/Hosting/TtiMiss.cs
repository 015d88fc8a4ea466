namespace BbuPool.Migration.Hosting;

/// <summary>
/// One TTI that finished after its deadline, as timestamps of the host's clock: when its slot
/// began, when its compute began, when it ended. Started - SlotStart is how late the thread woke
/// (or how far behind it ran); Finished - Started is the compute itself.
/// </summary>
/// <param name="Tti">The TTI.</param>
/// <param name="SlotStart">Its slot's start on the cell's grid.</param>
/// <param name="Started">When its compute began.</param>
/// <param name="Finished">When its compute ended.</param>
public readonly record struct TtiMiss(long Tti, long SlotStart, long Started, long Finished);
