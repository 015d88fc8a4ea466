using BbuPool.Core.Policy;

namespace BbuPool.Scheduling.Framework;

/// <summary>What a plugin factory gets: the policy and the shared per-step services.</summary>
/// <param name="Policy">The pool policy.</param>
/// <param name="Requests">Where PostFilter leaves unmet demand.</param>
/// <param name="Limits">The per-step migration budget.</param>
public sealed record PluginContext(PoolPolicy Policy, CapacityRequests Requests, MigrationLimits Limits);
