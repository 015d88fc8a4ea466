namespace BbuPool.Core.Pool;

/// <summary>A placed cell (or node) breaking a hard constraint.</summary>
/// <param name="Constraint">Which rule: arch, node-state, memory, nic, numa, standby, comp, fronthaul.</param>
/// <param name="Cell">Cell index (-1 for node-level rules).</param>
/// <param name="Node">Node index.</param>
/// <param name="Detail">Human-readable detail.</param>
public readonly record struct ConstraintViolation(string Constraint, int Cell, int Node, string Detail);
