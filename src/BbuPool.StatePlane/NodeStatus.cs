using BbuPool.Core.Model;

namespace BbuPool.StatePlane;

/// <summary>A registered node as the state plane sees it now.</summary>
/// <param name="Node">What the node registered with.</param>
/// <param name="State">The state last set (Up at registration).</param>
/// <param name="Alive">True while the last heartbeat's time-to-live has not run out.</param>
/// <param name="HeartbeatRemaining">Time left on the last heartbeat; null when it expired or never came.</param>
public sealed record NodeStatus(NodeSpec Node, NodeState State, bool Alive, TimeSpan? HeartbeatRemaining);
