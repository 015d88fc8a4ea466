namespace BbuPool.Wire.Frames;

/// <summary>The migration protocol's frame types (envelope byte 5); new types take new numbers, old numbers are never reused.</summary>
public enum FrameType : byte
{
    /// <summary>Not a valid frame type.</summary>
    None = 0,

    /// <summary>Opens a session: protocol version, node, migration id, nonce, timestamp, HMAC-SHA256 tag.</summary>
    Hello = 1,

    /// <summary>Starts a migration: cell, method, page size and count, source and target.</summary>
    Begin = 2,

    /// <summary>A batch of pages: indices, per-page encoding and bytes.</summary>
    Pages = 3,

    /// <summary>Closes a pre-copy round with its counts.</summary>
    RoundEnd = 4,

    /// <summary>The source stopped the stack at a TTI boundary.</summary>
    Stop = 5,

    /// <summary>The stack's execution state (registers, scheduler, HARQ, timers) as one opaque blob.</summary>
    ExecutionState = 6,

    /// <summary>Post-copy: the destination asks for pages it faulted on.</summary>
    PageRequest = 7,

    /// <summary>The destination runs the stack from a given TTI.</summary>
    Resume = 8,

    /// <summary>The migration is final: the source may free the stack's state.</summary>
    Commit = 9,

    /// <summary>The migration is given up, with a reason; the source keeps the stack.</summary>
    Abort = 10,

    /// <summary>Forwarded TTIs for a replica (redundancy, hot standby): source to destination.</summary>
    ReplicaFeed = 32,

    /// <summary>A replica's outputs for review: destination to source.</summary>
    ReplicaOutputs = 33,
}
