namespace BbuPool.Scenarios.Loading;

/// <summary>Finds the allowed word closest to a misspelt one (Levenshtein distance).</summary>
internal static class KeySuggester
{
    /// <summary>The closest candidate within a distance of a third of the word's length (at least 2), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(word.ToLowerInvariant(), c);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }

        // Two edits (a transposition or a dropped letter) or a third of the word: beyond that the
        // "suggestion" is usually an unrelated key and only confuses.
        return bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
