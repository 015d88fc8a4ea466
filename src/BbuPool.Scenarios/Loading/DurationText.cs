using System.Globalization;

namespace BbuPool.Scenarios.Loading;

/// <summary>Parses durations and times: 3600, "3600s", "90m", "24h", "1h30m", "500ms", "2d", "07:30", "07:30:15".</summary>
internal static class DurationText
{
    /// <summary>Seconds for <paramref name="text"/>, or false when it is not a duration.</summary>
    public static bool TryParseSeconds(string text, out double seconds)
    {
        seconds = 0;
        var s = text.Trim();
        if (s.Length == 0)
        {
            return false;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
        {
            return double.IsFinite(seconds);
        }

        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TryParseClock(s, out seconds);
        }

        var i = 0;
        var any = false;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            double scale = s[unitStart..i].ToLowerInvariant() switch
            {
                "ms" => 1e-3,
                "s" or "sec" => 1,
                "m" or "min" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => double.NaN,
            };
            if (double.IsNaN(scale))
            {
                return false;
            }

            seconds += value * scale;
            any = true;
            while (i < s.Length && s[i] == ' ')
            {
                i++;
            }
        }

        return any;
    }

    private static bool TryParseClock(string s, out double seconds)
    {
        seconds = 0;
        var parts = s.Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        double[] scales = [3600, 60, 1];
        for (var k = 0; k < parts.Length; k++)
        {
            if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0 || (k > 0 && v >= 60))
            {
                return false;
            }

            seconds += v * scales[k];
        }

        return true;
    }
}
