using System.Globalization;
using BbuPool.Scenarios.Loading;

namespace BbuPool.Scenarios.Traffic;

/// <summary>
/// Reads a per-cell trace: a header naming columns time_s, cell, prb_utilisation and optionally mcs and
/// active_ues (any order), then one row per cell and time. Every bad field is reported at its own
/// file:line:col; '#' starts a comment line.
/// </summary>
internal static class CsvTraceReader
{
    /// <summary>Columns a trace may have.</summary>
    public static readonly string[] Columns = ["time_s", "cell", "prb_utilisation", "mcs", "active_ues"];

    /// <summary>Parses <paramref name="lines"/> of <paramref name="file"/>; returns the series by cell id (empty on a fatal header error).</summary>
    public static Dictionary<string, CsvSeries> Read(string file, IReadOnlyList<string> lines, Diagnostics diagnostics)
    {
        var result = new Dictionary<string, CsvSeries>(StringComparer.Ordinal);
        var headerLine = NextDataLine(lines, 0);
        if (headerLine < 0)
        {
            diagnostics.ErrorIn(file, 1, 1, $"empty trace: expected a header with columns {string.Join(", ", Columns)}");
            return result;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var header = Split(lines[headerLine]);
        for (var k = 0; k < header.Count; k++)
        {
            var name = header[k].Text.Trim().ToLowerInvariant();
            if (Array.IndexOf(Columns, name) < 0)
            {
                var hint = KeySuggester.Closest(name, Columns) is { } s ? $"; did you mean '{s}'?" : string.Empty;
                diagnostics.ErrorIn(file, headerLine + 1, header[k].Column, $"unknown column '{name}'{hint} (allowed: {string.Join(", ", Columns)})");
            }
            else if (!index.TryAdd(name, k))
            {
                diagnostics.ErrorIn(file, headerLine + 1, header[k].Column, $"duplicate column '{name}'");
            }
        }

        foreach (var required in Columns.AsSpan(0, 3))
        {
            if (!index.ContainsKey(required))
            {
                diagnostics.ErrorIn(file, headerLine + 1, 1, $"missing column '{required}' (header must name {string.Join(", ", Columns[..3])}; mcs and active_ues are optional)");
            }
        }

        if (!index.TryGetValue("time_s", out var timeCol) || !index.TryGetValue("cell", out var cellCol) || !index.TryGetValue("prb_utilisation", out var utilCol))
        {
            return result;
        }

        var hasMcs = index.TryGetValue("mcs", out var mcsCol);
        var hasUes = index.TryGetValue("active_ues", out var uesCol);
        var rows = new Dictionary<string, List<(double T, double U, double M, double A)>>(StringComparer.Ordinal);
        for (var n = NextDataLine(lines, headerLine + 1); n >= 0; n = NextDataLine(lines, n + 1))
        {
            var fields = Split(lines[n]);
            var line = n + 1;
            if (fields.Count != header.Count)
            {
                diagnostics.ErrorIn(file, line, 1, $"expected {header.Count} fields as in the header, got {fields.Count}");
                continue;
            }

            var cell = fields[cellCol].Text.Trim();
            if (cell.Length == 0)
            {
                diagnostics.ErrorIn(file, line, fields[cellCol].Column, "empty cell id");
                continue;
            }

            var ok = true;
            var t = Field(fields[timeCol], "time_s", 0, double.MaxValue);
            var u = Field(fields[utilCol], "prb_utilisation", 0, 1);
            var m = hasMcs ? Field(fields[mcsCol], "mcs", 0, 28) : 0;
            var a = hasUes ? Field(fields[uesCol], "active_ues", 0, 1e6) : 0;
            if (!ok)
            {
                continue;
            }

            if (!rows.TryGetValue(cell, out var list))
            {
                list = [];
                rows[cell] = list;
            }

            if (list.Count > 0 && t <= list[^1].T)
            {
                diagnostics.ErrorIn(file, line, fields[timeCol].Column, $"time_s {t.ToString(CultureInfo.InvariantCulture)} for cell '{cell}' is not after its previous row ({list[^1].T.ToString(CultureInfo.InvariantCulture)})");
                continue;
            }

            list.Add((t, u, m, a));

            double Field((string Text, int Column) f, string name, double min, double max)
            {
                if (!double.TryParse(f.Text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    diagnostics.ErrorIn(file, line, f.Column, $"{name}: expected a number, got '{f.Text.Trim()}'");
                    ok = false;
                    return 0;
                }

                if (v < min || v > max)
                {
                    diagnostics.ErrorIn(file, line, f.Column, $"{name}: {v.ToString(CultureInfo.InvariantCulture)} is out of range; must be in [{min.ToString(CultureInfo.InvariantCulture)}, {(max == double.MaxValue ? "inf" : max.ToString(CultureInfo.InvariantCulture))}]");
                    ok = false;
                }

                return v;
            }
        }

        foreach (var (cell, list) in rows)
        {
            result[cell] = new CsvSeries(
                [.. list.Select(r => r.T)],
                [.. list.Select(r => r.U)],
                hasMcs ? [.. list.Select(r => r.M)] : null,
                hasUes ? [.. list.Select(r => r.A)] : null);
        }

        return result;
    }

    private static int NextDataLine(IReadOnlyList<string> lines, int from)
    {
        for (var n = from; n < lines.Count; n++)
        {
            var s = lines[n].Trim();
            if (s.Length > 0 && s[0] != '#')
            {
                return n;
            }
        }

        return -1;
    }

    /// <summary>Comma-separated fields with their 1-based start columns (no quoting: ids and numbers only).</summary>
    private static List<(string Text, int Column)> Split(string line)
    {
        var fields = new List<(string, int)>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i == line.Length || line[i] == ',')
            {
                var text = line[start..i];
                var lead = text.Length - text.TrimStart().Length;
                fields.Add((text, start + lead + 1));
                start = i + 1;
            }
        }

        return fields;
    }
}
