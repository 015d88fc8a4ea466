namespace BbuPool.Migration.Protocol;

/// <summary>
/// A post-copy destination's state change since its previous checkpoint, cut at the boundary after
/// <paramref name="LastTti"/>: the pages it dirtied and their bytes at that instant.
/// </summary>
/// <param name="LastTti">The last TTI the cut includes.</param>
/// <param name="Pages">Page indices, ascending.</param>
/// <param name="Staging">The pages' bytes, 4 KiB each in the order of <paramref name="Pages"/>.</param>
internal sealed record ReverseCheckpoint(long LastTti, int[] Pages, byte[] Staging);
