using BbuPool.Migration.Stacks;

namespace BbuPool.Migration.Protocol;

/// <summary>One TTI of replica traffic: its input and the output the sender computed.</summary>
/// <param name="Input">The TTI's input.</param>
/// <param name="Output">The sender's output digest of that TTI.</param>
public readonly record struct ReplicaEntry(TtiInput Input, ulong Output);
