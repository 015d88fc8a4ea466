namespace BbuPool.Core.Pool;

/// <summary>One entry of the pool's change journal for a step.</summary>
/// <param name="Cell">Cell index.</param>
/// <param name="Kind">What happened.</param>
/// <param name="FromNode">Node before (-1: none).</param>
/// <param name="ToNode">Node after (-1: none).</param>
/// <param name="Cores">Cores after the change.</param>
/// <param name="Reason">Why, for plans and logs.</param>
public readonly record struct PlacementChange(int Cell, PlacementChangeKind Kind, int FromNode, int ToNode, int Cores, string Reason);
