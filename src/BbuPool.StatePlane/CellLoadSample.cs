using BbuPool.Core.Model;

namespace BbuPool.StatePlane;

/// <summary>One load measurement of a cell, as kept in the rolling window.</summary>
/// <param name="CellId">The cell.</param>
/// <param name="At">When it was measured.</param>
/// <param name="Load">PRB utilisation, MCS and active UEs.</param>
public sealed record CellLoadSample(string CellId, DateTimeOffset At, LoadSample Load);
